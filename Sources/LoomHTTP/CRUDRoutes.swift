import Hummingbird
import LoomRuntime

/// The auto-CRUD operations a resource can ask for.
public enum CRUDOperation: String, Sendable, Hashable, CaseIterable {
    case create, get, list, update, delete
}

/// Registers the auto-CRUD routes of one model. Generated code calls this once per resource; the handlers are
/// written here, once, for every model.
public struct CRUDRoutes<Model: LoomModel>: Sendable {
    public let repository: Repository<Model>
    public let limits: PageLimits

    public init(repository: Repository<Model>, limits: PageLimits = PageLimits()) {
        self.repository = repository
        self.limits = limits
    }

    /// `POST path` → 201, `GET path/{id}` → 200|404, `GET path` → a page (offset or cursor, see `ListQueryParser`),
    /// `PATCH path/{id}` → 200|404, `DELETE path/{id}` → 204|404. With a `parent`, every route is scoped to it.
    public func register(
        on router: LoomRouter, at path: String, operations: [CRUDOperation],
        pagination: ListQueryParser.PaginationMode = .offset, paginationOverride: Bool = true, parent: ParentRoute? = nil
    ) {
        let item = path + "/{\(Self.idParameter)}"
        let parser = ListQueryParser(table: Model.table, defaultMode: pagination, modeOverridable: paginationOverride, limits: limits)
        for operation in operations {
            switch operation {
            case .create:
                router.post(RouterPath(path)) { request, context in
                    let scope = try await parent?.resolve(context)
                    let overrides = scope.map { [parent!.field: $0] } ?? [:]
                    let input = try await RequestBody.decode(Model.Create.self, from: request, context: context, overriding: overrides)
                    return try JSONResponse.make(try await repository.create(input), status: .created)
                }
            case .get:
                router.get(RouterPath(item)) { request, context in
                    let query = QueryParameters(request)
                    try query.rejectUnknown(allowed: ["profile"])
                    let row = try await scopedRow(context, parent: parent)
                    guard let profile = try query.string("profile") else { return try JSONResponse.make(row) }
                    return try JSONResponse.make(try await repository.load(profile: profile, for: [row])[0])
                }
            case .list:
                router.get(RouterPath(path)) { request, context in
                    let parameters = QueryParameters(request)
                    var query = try parser.parse(parameters)
                    if let parent {
                        let scope = Filter.condition(.init(column: parent.column, op: .eq, values: [try await parent.resolve(context)]))
                        query.filter = query.filter.map { .all([scope, $0]) } ?? scope
                    }
                    let page = try await repository.list(query)
                    guard let profile = try parameters.string("profile") else { return try JSONResponse.make(page) }
                    return try JSONResponse.make(try await page.map { try await repository.load(profile: profile, for: $0) })
                }
            case .update:
                router.patch(RouterPath(item)) { request, context in
                    let current = try await scopedRow(context, parent: parent)
                    let patch = try await RequestBody.decode(
                        Model.Update.self, from: request, context: context, fixed: parent.map { [$0.field] } ?? [])
                    guard let updated = try await repository.update(current.primaryKey, with: patch) else {
                        throw repository.notFound(current.primaryKey)
                    }
                    return try JSONResponse.make(updated)
                }
            case .delete:
                router.delete(RouterPath(item)) { _, context in
                    let current = try await scopedRow(context, parent: parent)
                    guard try await repository.delete(current.primaryKey) else { throw repository.notFound(current.primaryKey) }
                    return Response(status: .noContent)
                }
            }
        }
    }

    /// The `{id}` row, which under a parent must belong to it: another parent's row is a 404 like a missing one.
    private func scopedRow(_ context: LoomRequestContext, parent: ParentRoute?) async throws -> Model {
        let id = try identifier(context)
        guard let parent else { return try await repository.require(id) }
        let key = try await parent.resolve(context)
        guard let row = try await repository.get(id),
              let index = Model.table.columns.firstIndex(where: { $0.column == parent.column }),
              row.rowValues[index] == key
        else { throw repository.notFound(id) }
        return row
    }

    /// The item's path parameter, `{userId}` for `User`: the same name that nested and custom routes under the
    /// item use (`/users/{userId}/addresses`), as the router requires one name per path position.
    static var idParameter: String {
        let model = Model.table.model
        return model.prefix(1).lowercased() + model.dropFirst() + "Id"
    }

    /// The item's key from the path, parsed with the key's type; a malformed one is a 422 naming the parameter.
    private func identifier(_ context: LoomRequestContext) throws -> Model.ID {
        let text = context.parameters.get(Self.idParameter) ?? ""
        guard let id = Model.ID(text) else {
            let noun = Model.table.primaryKey.type.noun
            throw LoomError.validation([.init(field: Self.idParameter, message: "must be \(noun), got '\(text)'")])
        }
        return id
    }
}
