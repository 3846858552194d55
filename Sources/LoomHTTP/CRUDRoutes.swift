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

    /// `POST path` → 201, `GET path/{id}` → 200|404, `GET path` → offset page, `PATCH path/{id}` → 200|404,
    /// `DELETE path/{id}` → 204|404.
    public func register(on router: Router<LoomRequestContext>, at path: String, operations: [CRUDOperation]) {
        let item = path + "/{id}"
        for operation in operations {
            switch operation {
            case .create:
                router.post(RouterPath(path)) { request, context in
                    let input = try await RequestBody.decode(Model.Create.self, from: request, context: context)
                    return try JSONResponse.make(try await repository.create(input), status: .created)
                }
            case .get:
                router.get(RouterPath(item)) { _, context in
                    let id = try identifier(context)
                    return try JSONResponse.make(try await repository.require(id))
                }
            case .list:
                router.get(RouterPath(path)) { request, _ in
                    let query = QueryParameters(request)
                    try query.rejectUnknown(allowed: ["page", "limit"])
                    let page = try query.int("page", in: 1...Int.max / max(limits.maximumLimit, 1), default: 1)
                    let limit = try query.int("limit", in: 1...limits.maximumLimit, default: limits.defaultLimit)
                    return try JSONResponse.make(try await repository.list(page: page, limit: limit))
                }
            case .update:
                router.patch(RouterPath(item)) { request, context in
                    let id = try identifier(context)
                    let patch = try await RequestBody.decode(Model.Update.self, from: request, context: context)
                    guard let updated = try await repository.update(id, with: patch) else { throw repository.notFound(id) }
                    return try JSONResponse.make(updated)
                }
            case .delete:
                router.delete(RouterPath(item)) { _, context in
                    let id = try identifier(context)
                    guard try await repository.delete(id) else { throw repository.notFound(id) }
                    return Response(status: .noContent)
                }
            }
        }
    }

    /// The `{id}` path parameter, parsed with the key's type; a malformed id is a 422 naming the parameter.
    private func identifier(_ context: LoomRequestContext) throws -> Model.ID {
        let text = context.parameters.get("id") ?? ""
        guard let id = Model.ID(text) else {
            let noun = Model.table.primaryKey.type.noun
            throw LoomError.validation([.init(field: "id", message: "must be \(noun), got '\(text)'")])
        }
        return id
    }
}
