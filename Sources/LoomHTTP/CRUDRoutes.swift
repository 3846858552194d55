import Hummingbird
import LoomRuntime

/// The auto-CRUD handlers of one model, written here once for every model. Generated code (`loom-routes.swift`)
/// registers them on its own paths, methods and statuses, from the schema's endpoint table:
///
///     let users = CRUDRoutes<User, Context>(repository: database.repository(User.self), itemParameter: "userId")
///     router.post("/users", use: users.create(status: .created))
///     router.get("/users/{userId}", use: users.get())
///
/// With a `parent`, every handler is scoped to it: another parent's row is a 404 like a missing one. For a model with
/// access rules, each request uses the repository acting for its caller (`context.caller`), so the rules are in every
/// statement; a row the caller may not read is a 404 like a missing one.
public struct CRUDRoutes<Model: LoomModel, Context: LoomRequestContext>: Sendable {
    public typealias Handler = @Sendable (Request, Context) async throws -> Response

    /// The repository the routes were made with; requests use `repository(for:)`.
    public let repository: Repository<Model>
    /// The path parameter naming the item (`userId` in `/users/{userId}`).
    public let itemParameter: String
    public let parent: ParentRoute?
    /// The profiles `?profile=` may name (`profiles` in the schema); nil: every profile of the model.
    public let profiles: Set<String>?
    let parser: ListQueryParser

    /// `filterable`, `sortable` and `profiles` narrow what a request may ask for; nil allows everything the model has.
    /// `limits` holds the list's page size (`pagination cursor limit 25`).
    public init(
        repository: Repository<Model>, itemParameter: String, pagination: PaginationMode = .offset,
        paginationOverride: Bool = true, limits: PageLimits = PageLimits(), filterable: Set<String>? = nil,
        sortable: Set<String>? = nil, profiles: Set<String>? = nil, parent: ParentRoute? = nil
    ) {
        self.repository = repository
        self.itemParameter = itemParameter
        self.parent = parent
        self.profiles = profiles
        self.parser = ListQueryParser(
            table: Model.table, defaultMode: pagination, modeOverridable: paginationOverride, limits: limits,
            filterable: filterable, sortable: sortable, relations: Model.relations)
    }

    /// Decodes `Model.Create` (under a parent, its key comes from the path) and inserts it.
    public func create(status: HTTPResponse.Status) -> Handler {
        { [self] request, context in
            let repository = try repository(for: context, .create)
            var overrides: [String: SQLValue] = [:]
            if let parent { overrides[parent.field] = try await parent.resolve(context) }
            let input = try await RequestBody.decode(Model.Create.self, from: request, context: context, overriding: overrides)
            let created = try await repository.create(input)
            var response = try JSONResponse.make(repository.visible(created), status: status, context: context)
            // Where the new row lives: this collection's path plus its key.
            var collection = request.uri.path
            while collection.hasSuffix("/") { collection.removeLast() }
            response.headers[.location] = collection + "/" + String(describing: created.primaryKey)
            return response
        }
    }

    /// The item, 404 when missing; `?profile=` loads a named profile.
    public func get() -> Handler {
        { [self] request, context in
            let query = QueryParameters(request)
            try query.rejectUnknown(allowed: ["profile"])
            let profile = try exposedProfile(query)
            let repository = try repository(for: context, .read)
            let id = try identifier(context)
            let read = { [self] () async throws -> Response in
                guard let profile else {
                    return try JSONResponse.make(repository.visible(try await scopedRow(id, context, repository).row), context: context)
                }
                let scope = try await scope(context)
                guard let profiled = try await repository.get(id, profile: profile), scope?.contains(profiled.entity) ?? true else {
                    throw repository.notFound(id)
                }
                return try JSONResponse.make(profiled, context: context)
            }
            let dependencies = CacheDependencies.get(Model.self, key: id.sqlValue, profile: profileSpec(profile))
            return try await cached(request, context, repository, dependencies: dependencies, read)
        }
    }

    /// A page (offset or cursor, filtered and sorted: see `ListQueryParser`).
    public func list() -> Handler {
        { [self] request, context in
            let repository = try repository(for: context, .read)
            let parameters = QueryParameters(request)
            var query = try parser.parse(parameters)
            if let parent {
                let scope = Filter.condition(.init(column: parent.column, op: .eq, values: [try await parent.resolve(context)]))
                query.filter = query.filter.map { .all([scope, $0]) } ?? scope
            }
            let profile = try exposedProfile(parameters)
            let read = { [query] () async throws -> Response in
                guard let profile else {
                    let page = try await repository.list(query)
                    guard repository.hidesFields else { return try JSONResponse.make(page, context: context) }
                    return try JSONResponse.make(await page.map { repository.redacted($0) }, context: context)
                }
                return try JSONResponse.make(try await repository.list(query, profile: profile), context: context)
            }
            // Every page of an offset list; of a cursor list, the first (a cursor names rows a write may have moved).
            if case .cursor(let after?, _) = query.page, !after.isEmpty { return try await read() }
            let dependencies = CacheDependencies.list(Model.self, query: query, profile: profileSpec(profile))
            return try await cached(request, context, repository, dependencies: dependencies, read)
        }
    }

    /// The read through the cache when the model is cached (`cache ttl …`), the server runs a cache, and the answer
    /// can be keyed by what the caller may read; else the read itself. Under a parent, the answer also depends on the
    /// parent row (deleted, it is a 404); a parent with access rules is read every time, since whether the caller
    /// may see it is decided by rules over another model.
    private func cached(
        _ request: Request, _ context: Context, _ repository: Repository<Model>, dependencies: [String]?,
        _ read: () async throws -> Response
    ) async throws -> Response {
        guard let ttl = Model.cache.ttlSeconds, let cache = repository.engine.readCache, var dependencies,
              let rights = repository.readRights
        else { return try await read() }
        if let parent {
            guard !parent.hasRules, let key = parent.key(context) else { return try await read() }
            dependencies += [CacheKeys.rows(parent.table), CacheKeys.row(parent.table, key)]
        }
        return try await ReadCaching.answer(
            request, key: ReadCaching.key(request, rights: rights), cache: cache, dependencies: dependencies, label: Model.table.model,
            ttlSeconds: ttl, caller: context.caller, read)
    }

    /// The named profile (nil: none, or a name `load` will refuse).
    private func profileSpec(_ name: String?) -> ProfileSpec? {
        name.flatMap { name in Model.profiles.first { $0.name == name } }
    }

    /// `?profile=`, when the resource exposes it: another is a 400 naming the parameter, before anything is read.
    private func exposedProfile(_ query: QueryParameters) throws -> String? {
        try ProfileParameter.read(query, exposed: profiles)
    }

    /// Applies a `Model.Update` patch (under a parent, its key cannot be sent); 404 when missing.
    public func update() -> Handler {
        { [self] request, context in
            // One round trip when all is well: the UPDATE itself says whether the row exists. A missing row is still a
            // 404 before any problem with the body is a 422: a refused body looks the row up before it is reported.
            let id = try identifier(context)
            let repository = try repository(for: context, .update)
            let scope = try await scope(context)
            do {
                let patch = try await RequestBody.decode(
                    Model.Update.self, from: request, context: context, fixed: parent.map { [$0.field] } ?? [])
                guard let updated = try await repository.update(id, with: patch, scope: scope) else {
                    throw repository.notFound(id)
                }
                return try JSONResponse.make(repository.visible(updated), context: context)
            } catch let error where Self.refusesBody(error) {
                guard let row = try await repository.get(id), scope?.contains(row) ?? true else { throw repository.notFound(id) }
                throw error
            }
        }
    }

    /// A problem with the request's body (a 413, 415, 400 or 422), which a missing row's 404 takes precedence over.
    static func refusesBody(_ error: any Error) -> Bool {
        switch error {
        case let error as LoomError:
            switch error {
            case .validation, .ruleViolations, .badRequest: return true
            default: return false
            }
        case let error as HTTPError: return error.status != .notFound
        default: return false
        }
    }

    /// Deletes the item (404 when missing): 200 with `true`, or `status` 204 with no body when the resource asks for it.
    public func delete(status: HTTPResponse.Status) -> Handler {
        { [self] _, context in
            let id = try identifier(context)
            let repository = try repository(for: context, .delete)
            guard try await repository.delete(id, scope: try await scope(context)) else { throw repository.notFound(id) }
            // 204 has no body; otherwise the Python framework's clients expect the JSON `true`.
            return status == .noContent ? Response(status: status) : try JSONResponse.make(true, status: status, context: context)
        }
    }

    /// Under a parent, writes name the parent in the statement itself: a row moved to another parent since it was read
    /// is left alone (a 404), never written by its id alone.
    private func scope(_ context: Context) async throws -> RowScope? {
        guard let parent else { return nil }
        return RowScope(column: parent.column, value: try await parent.resolve(context))
    }

    /// The repository acting for the request's caller: the routes' own for a model without rules. An anonymous
    /// request for an operation no rule allows without a principal is a 401 asking for a token.
    func repository(for context: Context, _ operation: AccessRule.Operation) throws -> Repository<Model> {
        guard !Model.accessRules.isEmpty else { return repository }
        let acting = repository.acting(as: context.caller)
        if acting.needsCredential(for: operation) {
            throw LoomError.credentialRequired
        }
        return acting
    }

    /// The item's row, which under a parent must belong to it, and the parent's scope for writing it.
    private func scopedRow(_ id: Model.ID, _ context: Context, _ repository: Repository<Model>) async throws -> (row: Model, scope: RowScope?) {
        let scope = try await scope(context)
        guard let row = try await repository.get(id), scope?.contains(row) ?? true else { throw repository.notFound(id) }
        return (row, scope)
    }

    /// The item's key from the path, parsed with the key's type; a malformed one is a 400 naming the parameter, as
    /// on every route.
    private func identifier(_ context: Context) throws -> Model.ID {
        let text = context.pathText(itemParameter)
        guard !text.containsNUL, let id = Model.ID(text) else {
            let noun = Model.table.primaryKey.type.noun
            throw LoomError.badRequest(message: "path parameter '\(itemParameter)' must be \(noun), got '\(text)'", parameter: itemParameter)
        }
        return id
    }
}
