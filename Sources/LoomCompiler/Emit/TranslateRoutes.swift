/// The schema's HTTP surface, read from the endpoint table and nothing else: an extension making the schema a
/// `LoomHTTPSchema` whose `addRoutes` mounts every endpoint on any Hummingbird router or group, for any request
/// context that is a `LoomRequestContext`.
enum TranslateRoutes {
    static func translate(_ schema: ResolvedSchema) -> SwiftDeclaration {
        var body: [SwiftStatement] = []
        var handlers: [String: String] = [:]
        var taken: Set<String> = ["router", "database"]
        var crudByModel: [String: [Endpoint]] = [:]
        for endpoint in schema.endpoints {
            if case .crud(let model, _) = endpoint.handler { crudByModel[model, default: []].append(endpoint) }
        }
        let tables = Dictionary(schema.models.map { ($0.name, $0.table) }) { first, _ in first }
        for resource in schema.resources {
            guard let crud = crudByModel[resource.model], let table = tables[resource.model] else { continue }
            let name = SwiftNames.fresh(Naming.camelCase(table), avoiding: taken)
            taken.insert(name)
            handlers[resource.model] = SwiftNames.safe(name)
            body.append(.expression(prefix: "let \(SwiftNames.safe(name)) = ", crudRoutes(resource, endpoints: crud)))
        }
        if !body.isEmpty { body.append(.blank) }
        for endpoint in schema.endpoints {
            let path = SwiftNames.stringLiteral(endpoint.path)
            switch endpoint.handler {
            case .crud(let model, let operation):
                guard let routes = handlers[model] else { preconditionFailure("internal: no CRUD routes for '\(model)'") }
                let handler =
                    switch operation {
                    case .create, .delete: "\(routes).\(operation.rawValue)(status: \(SwiftNames.status(endpoint.status)))"
                    case .get, .list, .update: "\(routes).\(operation.rawValue)()"
                    }
                body.append(.line("router.\(endpoint.method.rawValue.lowercased())(\(path), use: \(handler))"))
            case .useCase(let name):
                guard let useCase = schema.useCase(named: name) else { preconditionFailure("internal: no use case '\(name)'") }
                var handler = useCaseRoute(endpoint, useCase: useCase, in: schema)
                // `cache ttl 30s`: the runtime answers from its cache (or a 304) and runs the handler only on a miss.
                if let ttl = endpoint.cacheTTLSeconds {
                    handler = [.closure(
                        "try await LoomHTTP.CachedRoute.respond(request, context: context, database: database, "
                            + "ttlSeconds: \(ttl)) {",
                        handler
                    )]
                }
                body.append(.closure(
                    "router.\(endpoint.method.rawValue.lowercased())(\(path)) { request, context -> Hummingbird.Response in",
                    handler
                ))
            }
        }
        // Every path answers a method it does not serve with 405 and `Allow`, not 404.
        var paths: [String] = []
        var methodsByPath: [String: Set<HTTPMethod>] = [:]
        for endpoint in schema.endpoints {
            if methodsByPath[endpoint.path] == nil { paths.append(endpoint.path) }
            methodsByPath[endpoint.path, default: []].insert(endpoint.method)
        }
        if !paths.isEmpty { body.append(.blank) }
        for path in paths {
            let allowed = HTTPMethod.allCases.filter { methodsByPath[path]?.contains($0) == true }
            body.append(.expression(prefix: "", .call("LoomHTTP.MethodNotAllowed.register", [
                SwiftArgument("on", .raw("router")),
                SwiftArgument("path", .raw(SwiftNames.stringLiteral(path))),
                SwiftArgument("allowed", .array(allowed.map { .raw("." + $0.rawValue.lowercased()) })),
            ])))
        }
        if body.isEmpty { body = [.line("_ = (router, database)")] }
        let addRoutes = SwiftFunction(
            isStatic: true, kind: .function("addRoutes"), genericParameters: ["Context: LoomHTTP.LoomRequestContext"],
            parameters: [
                SwiftParameter("to", "router", "some Hummingbird.RouterMethods<Context>"),
                SwiftParameter(nil, "database", "LoomRuntime.Database"),
            ],
            body: body
        )
        return .documented(
            ["The `\(schema.name)` schema's routes: every resource's auto-CRUD and custom routes."],
            .extension(SwiftExtension(
                type: Naming.schemaType(schema.name), conformances: ["LoomHTTP.LoomHTTPSchema"],
                members: [.function(addRoutes)]
            ))
        )
    }

    /// A custom route: its typed path parameters (400 when malformed), its list query or none, its body, then the
    /// application facade (guards, rules, the user's code) and the answer in the route's status and profile.
    private static func useCaseRoute(_ endpoint: Endpoint, useCase: UseCase, in schema: ResolvedSchema) -> [SwiftStatement] {
        var statements: [SwiftStatement] = []
        var taken: Set<String> = ["request", "context", "database", "router"]
        var locals: [String: String] = [:]
        for parameter in endpoint.pathParameters {
            let local = SwiftNames.safe(SwiftNames.fresh(parameter.name, avoiding: taken))
            taken.insert(local)
            locals[parameter.name] = local
            statements.append(.line(
                "let \(local) = try LoomHTTP.UseCaseRoute.pathParameter(\(SwiftNames.swiftType(parameter.type)).self, "
                    + "\(SwiftNames.stringLiteral(parameter.name)), context: context)"
            ))
        }
        var calls = useCase.parameters.map { parameter in
            SwiftArgument(SwiftNames.safe(parameter.name), .raw(locals[parameter.name] ?? SwiftNames.safe(parameter.name)))
        }
        let query = SwiftNames.fresh("query", avoiding: taken)
        taken.insert(query)
        if let listQuery = endpoint.listQuery {
            statements.append(.expression(prefix: "let \(query) = try ", .call("LoomHTTP.UseCaseRoute.listQuery", [
                SwiftArgument(nil, .raw("\(listQuery.model).self")),
                SwiftArgument("request", .raw("request")),
                SwiftArgument("pagination", .raw("." + listQuery.pagination.rawValue)),
                SwiftArgument("paginationOverride", .raw(String(listQuery.paginationOverride))),
            ] + pageLimitsArgument(listQuery.pageSize) + exposureArguments(filterable: listQuery.filterable, sortable: listQuery.sortable, profiles: nil))))
        } else {
            statements.append(.line("try LoomHTTP.UseCaseRoute.rejectQuery(request)"))
        }
        // A list's `?profile=`: one the route exposes (400 for another, before the use case runs), loaded after it.
        let requestedProfile = SwiftNames.fresh("profile", avoiding: taken)
        let exposedProfiles = endpoint.listQuery == nil ? nil : endpoint.exposedProfiles ?? []
        if let exposedProfiles {
            taken.insert(requestedProfile)
            let names = exposedProfiles.map(SwiftNames.stringLiteral).joined(separator: ", ")
            statements.append(.line(exposedProfiles.isEmpty
                ? "try LoomHTTP.UseCaseRoute.rejectProfile(request)"
                : "let \(requestedProfile) = try LoomHTTP.UseCaseRoute.profile(request, among: [\(names)])"))
        }
        let body = SwiftNames.fresh("body", avoiding: taken)
        taken.insert(body)
        if let command = useCase.body {
            statements.append(.line("let \(body) = try await LoomHTTP.RequestBody.decode(\(command).self, from: request, context: context)"))
            calls.append(SwiftArgument("body", .raw(body)))
        }
        if useCase.query != nil { calls.append(SwiftArgument("query", .raw(query))) }
        let application = SwiftNames.fresh("application", avoiding: taken)
        taken.insert(application)
        statements.append(.line(
            "let \(application) = \(Naming.applicationType(schema.name))"
                + "(scope: LoomHTTP.UseCaseRoute.scope(database: database, context: context))"
        ))
        // Under a nested resource, the parent in the path must exist whatever the use case declares (404 naming it).
        for parameter in endpoint.pathParameters {
            guard case .parentKey(let model) = parameter.role, let local = locals[parameter.name] else { continue }
            let repository = "\(application).repositories.\(TranslateApplication.repositoryProperty(schema.requireModel(model)))"
            statements.append(.guard(["try await \(repository).exists(\(local))"], else: "throw \(repository).notFound(\(local))"))
        }
        let call = SwiftExpression.call("\(application).\(SwiftNames.safe(Naming.lowerFirst(useCase.name)))", calls)
        let status = SwiftNames.status(endpoint.status)
        guard useCase.result != .none else {
            statements.append(.expression(prefix: "try await ", call))
            statements.append(.line("return LoomHTTP.UseCaseRoute.respond(status: \(status))"))
            return statements
        }
        let row = SwiftNames.fresh("result", avoiding: taken)
        taken.insert(row)
        var result = row
        statements.append(.expression(prefix: "let \(row) = try await ", call))
        /// `let profiled = …`: the result read in `profile` (the Swift expression of its name), row or page alike.
        func loaded(in profile: String, model: String) -> (statement: SwiftStatement, name: String) {
            let repository = "\(application).repositories.\(TranslateApplication.repositoryProperty(schema.requireModel(model)))"
            let profiled = SwiftNames.fresh("profiled", avoiding: taken)
            let load = "\(repository).load(profile: \(profile), for: "
            let value = if case .page = endpoint.responseBody { "\(result).map { try await \(load)$0) }" } else { "\(load)[\(result)])[0]" }
            return (.line("let \(profiled) = try await \(value)"), profiled)
        }
        if let profile = endpoint.profile, let model = profiledModel(endpoint.responseBody) {
            let (statement, profiled) = loaded(in: SwiftNames.stringLiteral(profile), model: model)
            statements.append(statement)
            result = profiled
        } else if exposedProfiles?.isEmpty == false, case .page(let model) = endpoint.responseBody {
            let (statement, profiled) = loaded(in: requestedProfile, model: model)
            statements.append(.if(["let \(requestedProfile)"], [
                statement, .line("return try LoomHTTP.UseCaseRoute.respond(\(profiled), status: \(status), context: context)"),
            ]))
        }
        var respond = [SwiftArgument(nil, .raw(result)), SwiftArgument("status", .raw(status))]
        if endpoint.status == 201, case .entity(let model) = endpoint.responseBody,
           let location = location(of: model, result: row, in: schema) {
            respond.append(SwiftArgument("location", .raw(location)))
        }
        if let field = JobStatusLink.jobField(of: endpoint, in: schema) {
            respond.append(SwiftArgument("jobID", .raw("\(row).\(SwiftNames.safe(field))")))
        }
        respond.append(SwiftArgument("context", .raw("context")))
        statements.append(.expression(prefix: "return try ", .call("LoomHTTP.UseCaseRoute.respond", respond)))
        return statements
    }

    private static func profiledModel(_ response: Endpoint.ResponseBody) -> String? {
        switch response {
        case .entity(let model), .page(let model): model
        default: nil
        }
    }

    /// Where a created row lives: the path of its model's auto-CRUD `get`, filled in from the row (`"/users/\(user.id)"`);
    /// nil when the model has no such route.
    private static func location(of model: String, result: String, in schema: ResolvedSchema) -> String? {
        guard let get = schema.endpoints.first(where: { $0.handler == .crud(model: model, operation: .get) }) else { return nil }
        let resolved = schema.requireModel(model)
        let parent = schema.resources.first { $0.model == model }?.parent
        var segments: [String] = []
        for segment in get.path.split(separator: "/", omittingEmptySubsequences: false) {
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else {
                segments.append(String(segment))
                continue
            }
            let name = String(segment.dropFirst().dropLast())
            let parameter = get.pathParameters.first { $0.name == name }
            let field: String
            switch parameter?.role {
            case .parentKey?: field = parent?.foreignKey ?? resolved.primaryKey.name
            default: field = resolved.primaryKey.name
            }
            // An optional foreign key has no one place to point at.
            if resolved.field(named: field)?.isOptional == true { return nil }
            segments.append("\\(\(result).\(SwiftNames.safe(field)))")
        }
        return "\"" + segments.joined(separator: "/") + "\""
    }

    /// `limits: LoomRuntime.PageLimits(defaultLimit: 20)` for a list with a page size of its own (`limit 20`).
    private static func pageLimitsArgument(_ pageSize: Int?) -> [SwiftArgument] {
        pageSize.map { [SwiftArgument("limits", .raw("LoomRuntime.PageLimits(defaultLimit: \($0))"))] } ?? []
    }

    /// `LoomHTTP.CRUDRoutes<User, Context>(…)`: the handlers of one resource, told its item parameter, pagination and
    /// parent by the endpoint table.
    private static func crudRoutes(_ resource: Resource, endpoints: [Endpoint]) -> SwiftExpression {
        let model = resource.model
        let item = endpoints.lazy.flatMap(\.pathParameters).first { $0.role == .itemKey(model: model) }?.name
            ?? ResourceResolver.itemParameter(of: model)
        let list = endpoints.lazy.compactMap(\.listQuery).first
        var arguments = [
            SwiftArgument("repository", .raw("database.repository(\(model).self)")),
            SwiftArgument("itemParameter", .raw(SwiftNames.stringLiteral(item))),
            SwiftArgument("pagination", .raw("." + (list?.pagination ?? resource.pagination).rawValue)),
            SwiftArgument("paginationOverride", .raw(String(list?.paginationOverride ?? resource.paginationOverride))),
        ]
        arguments += pageLimitsArgument(resource.pageSize)
        arguments += exposureArguments(filterable: resource.filterable, sortable: resource.sortable, profiles: resource.profiles)
        if let parent = resource.parent {
            arguments.append(SwiftArgument("parent", .call("LoomHTTP.ParentRoute", [
                SwiftArgument(nil, .raw("\(parent.model).self")),
                SwiftArgument("of", .raw("\(model).self")),
                SwiftArgument("repository", .raw("database.repository(\(parent.model).self)")),
                SwiftArgument("parameter", .raw(SwiftNames.stringLiteral(parent.parameter))),
                SwiftArgument("foreignKey", .raw(SwiftNames.stringLiteral(parent.foreignKey))),
            ])))
        }
        return .call("LoomHTTP.CRUDRoutes<\(model), Context>", arguments)
    }

    /// `filterable: ["name"]`, `sortable: […]`, `profiles: […]`: only the lists the resource gives, so a resource
    /// that gives none is registered as before.
    private static func exposureArguments(filterable: [String]?, sortable: [String]?, profiles: [String]?) -> [SwiftArgument] {
        [("filterable", filterable), ("sortable", sortable), ("profiles", profiles)].compactMap { label, names in
            names.map { SwiftArgument(label, .array($0.map { .raw(SwiftNames.stringLiteral($0)) })) }
        }
    }
}
