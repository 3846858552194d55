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
            case .useCase(let useCase):
                body.append(.expression(prefix: "", .call("LoomHTTP.PendingRoute.register", [
                    SwiftArgument("on", .raw("router")),
                    SwiftArgument("method", .raw("." + endpoint.method.rawValue.lowercased())),
                    SwiftArgument("path", .raw(path)),
                    SwiftArgument("useCase", .raw(SwiftNames.stringLiteral(useCase))),
                ])))
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
}
