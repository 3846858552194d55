/// The schema's typed client (`StoreClient`), for a target of its own beside the models' target: one method per route
/// of the endpoint table, grouped by resource (`client.products.get(7)`, `client.users.addresses(of: 3).list()`), over
/// `LoomClient.LoomClientCore` (swift-openapi-runtime's `ClientTransport`, the bearer token, request ids, retries,
/// typed errors). The types are the models' own, so a field renamed in the schema breaks the app's build.
enum TranslateClient {
    /// One resource's routes: the CRUD routes and custom routes under its path.
    struct Group {
        var resource: Resource
        var endpoints: [Endpoint]
        /// `ProductRoutes`.
        var typeName: String
        /// `products`: the client's (or the parent's) accessor.
        var accessor: String
    }

    /// The schema's types as the client spells them: qualified by the models' module, so a model named like a type of
    /// `LoomValues` or `LoomClient` (`Patch`, `Filter`) is never ambiguous.
    struct Names {
        var module: String

        func type(_ name: String) -> String { module + "." + name }

        func scalar(_ type: ScalarType) -> String {
            switch type {
            case .enumeration(let name): self.type(name)
            case .array(let element): "[\(scalar(element))]"
            default: SwiftNames.swiftType(type)
            }
        }
    }

    static func translate(_ schema: ResolvedSchema, modelsModule: String) -> [SwiftDeclaration] {
        let names = Names(module: modelsModule)
        let groups = self.groups(schema)
        let clientName = Naming.clientType(schema.name)
        var client: [SwiftDeclaration] = [
            .variable(SwiftVariable(isConstant: true, name: "core", type: "LoomClient.LoomClientCore")),
            .function(SwiftFunction(
                kind: .initializer, parameters: [SwiftParameter(nil, "core", "LoomClient.LoomClientCore")],
                body: [.line("self.core = core")]
            )),
            .documented(
                ["A client of the server at `serverURL` through `transport` (URLSession's or AsyncHTTPClient's)."],
                .function(SwiftFunction(
                    kind: .initializer,
                    parameters: [SwiftParameter(nil, "serverURL", "URL"), SwiftParameter(nil, "transport", "any OpenAPIRuntime.ClientTransport")],
                    body: [.line("self.core = LoomClient.LoomClientCore(serverURL: serverURL, transport: transport)")]
                ))
            ),
        ]
        for group in groups where group.resource.parent == nil {
            client.append(.variable(SwiftVariable(
                name: group.accessor, type: group.typeName, getter: [.line("\(group.typeName)(core: core)")]
            )))
        }
        // A nested resource whose parent has no routes of its own hangs off the client.
        for group in groups {
            guard let parent = group.resource.parent, !groups.contains(where: { $0.resource.parent == nil && $0.resource.model == parent.model })
            else { continue }
            client.append(nestedAccessor(group, parent: parent, names: names))
        }
        var declarations: [SwiftDeclaration] = [.documented(
            ["The `\(schema.name)` API, typed: one method per route, grouped by resource."],
            .type(SwiftType(kind: .struct, name: clientName, conformances: ["Sendable"], members: client))
        )]
        for group in groups { declarations.append(routesType(group, groups: groups, in: schema, names: names)) }
        for model in schema.models {
            let queries = schema.endpoints.compactMap(\.listQuery).filter { $0.model == model.name }
            guard !queries.isEmpty else { continue }
            // The fields some list of the model filters or sorts on (`filterable`, `sortable`; every field when a list
            // says nothing): a filter on another would be a 400.
            let named = queries.allSatisfy { $0.filterable != nil && $0.sortable != nil }
                ? Set(queries.flatMap { ($0.filterable ?? []) + ($0.sortable ?? []) }) : nil
            declarations.append(fields(model, named: named, names: names))
        }
        for model in schema.models where schema.endpoints.contains(where: { profiledModel($0) == model.name && takesProfiles($0, in: schema) }) {
            declarations.append(profiles(model, names: names))
        }
        // An enum's cases are query values as they are (`status=shipped`).
        for enumeration in schema.enums {
            declarations.append(.extension(SwiftExtension(type: names.type(enumeration.name), conformances: ["LoomClient.LoomParameterValue"])))
        }
        return declarations
    }

    /// `Order.Profile`: each read profile of the model as a `LoomProfile` value (`Order.Profile.withCustomer`), and the
    /// type of what it adds (`Order.Profile.WithCustomer`: `user`, `address`), so a profiled read is typed: an
    /// included row in its default shape (nil for a belongs-to row the server sends as null), a list for a to-many
    /// relation, a count, a flag.
    static func profiles(_ model: Model, names: Names) -> SwiftDeclaration {
        var members: [SwiftDeclaration] = []
        for profile in model.profiles {
            let typeName = SwiftNames.safe(profile.name.prefix(1).uppercased() + profile.name.dropFirst())
            members.append(.documented(
                ["`profile \(profile.name)`: pass it to the model's `get` or `list`."],
                .variable(SwiftVariable(
                    isStatic: true, name: SwiftNames.safe(profile.name),
                    type: "LoomClient.LoomProfile<\(names.type(model.name)), \(typeName)>",
                    getter: [.line(".init(\(SwiftNames.stringLiteral(profile.name)))")]
                ))
            ))
            // A belongs-to row is optional (the server sends null for none); lists, counts and flags are always there.
            var fields: [(key: String, type: String, optional: Bool)] = []
            for include in profile.includes {
                guard let relation = model.relations.first(where: { $0.name == include }) else { continue }
                fields.append(relation.isToMany
                    ? (include, "[\(names.type(relation.model))]", false) : (include, names.type(relation.model) + "?", true))
            }
            for computed in profile.computed {
                fields.append((computed.name, computed.kind == .count ? "Int" : "Bool", false))
            }
            var decode: [SwiftStatement] = [.line("let container = try decoder.container(keyedBy: LoomValues.FieldKey.self)")]
            for field in fields {
                let method = "decodeField" + (field.optional ? "IfPresent" : "")
                decode.append(.line("self.\(SwiftNames.safe(field.key)) = try container.\(method)(\(SwiftNames.stringLiteral(field.key)))"))
            }
            let properties: [SwiftDeclaration] = fields.map { .variable(SwiftVariable(name: SwiftNames.safe($0.key), type: $0.type)) }
            // Public, so an app's tests can make the rows a faked client answers.
            let memberwise = SwiftFunction(
                kind: .initializer,
                parameters: fields.map { SwiftParameter(nil, SwiftNames.safe($0.key), $0.type) },
                body: fields.map { .line("self.\(SwiftNames.safe($0.key)) = \(SwiftNames.safe($0.key))") }
            )
            members.append(.documented(
                ["What `profile \(profile.name)` adds to a `\(model.name)`."],
                .type(SwiftType(kind: .struct, name: typeName, conformances: ["Decodable", "Sendable"], members: properties + [
                    .function(memberwise),
                    .function(SwiftFunction(
                        kind: .initializer, parameters: [SwiftParameter("from", "decoder", "any Decoder")], isThrowing: true, body: decode
                    )),
                ]))
            ))
        }
        return .extension(SwiftExtension(type: names.type(model.name), members: [.documented(
            ["The read profiles of `\(model.name)`: `client.<route>.get(id, profile: \(model.name).Profile.\(model.profiles[0].name))`."],
            .type(SwiftType(kind: .enum, name: "Profile", members: members))
        )]))
    }

    /// `Product.Field.priceCents`: the model's fields a list filters and sorts on, typed by their values, so only the
    /// operators the server takes on each compile (`LoomField`).
    static func fields(_ model: Model, named: Set<String>?, names: Names) -> SwiftDeclaration {
        let fields = model.fields.filter { $0.type.kind.isFilterable && named?.contains($0.name) ?? true }
        let members: [SwiftDeclaration] = fields.map { field in
            .variable(SwiftVariable(
                isStatic: true, name: SwiftNames.safe(field.name),
                type: "LoomClient.LoomField<\(names.type(model.name)), \(names.scalar(field.type))>",
                getter: [.line(".init(\(SwiftNames.stringLiteral(field.name)))")]
            ))
        }
        return .extension(SwiftExtension(type: names.type(model.name), members: [.documented(
            ["The fields a list of `\(model.name)` filters and sorts on: `\(model.name).Field.\((fields.first ?? model.fields[0]).name).eq(…)`."],
            .type(SwiftType(kind: .enum, name: "Field", members: members))
        )]))
    }

    /// Resources with routes, in the schema's order.
    static func groups(_ schema: ResolvedSchema) -> [Group] {
        schema.resources.compactMap { resource in
            let endpoints = schema.endpoints.filter { $0.resource == resource.model && $0.path.hasPrefix(resource.path) }
                .filter { endpoint in
                    // A path under a nested resource of the same model belongs to that one.
                    !schema.resources.contains { $0 != resource && $0.model == resource.model && $0.path.count > resource.path.count && endpoint.path.hasPrefix($0.path) }
                }
            guard !endpoints.isEmpty else { return nil }
            let last = resource.path.split(separator: "/").last.map(String.init) ?? resource.model
            return Group(
                resource: resource, endpoints: endpoints, typeName: resource.model + (resource.parent.map { "In" + $0.model } ?? "") + "Routes",
                accessor: SwiftNames.safe(accessorName(last))
            )
        }
    }

    /// `order-items` → `orderItems`.
    static func accessorName(_ segment: String) -> String {
        let words = segment.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = words.first else { return segment }
        return Naming.lowerFirst(String(first)) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `func addresses(of user: Int) -> AddressInUserRoutes`.
    static func nestedAccessor(_ group: Group, parent: ParentScope, names: Names) -> SwiftDeclaration {
        let keyType = group.endpoints.first?.pathParameters.first { $0.name == parent.parameter }.map { names.scalar($0.type) } ?? "Int"
        return .documented(
            ["The `\(group.resource.model)` rows of one `\(parent.model)`."],
            .function(SwiftFunction(
                kind: .function(group.accessor), parameters: [SwiftParameter("of", SwiftNames.safe(parent.parameter), keyType)],
                returnType: group.typeName,
                body: [.line("\(group.typeName)(core: core, \(SwiftNames.safe(parent.parameter)): \(SwiftNames.safe(parent.parameter)))")]
            ))
        )
    }

    static func routesType(_ group: Group, groups: [Group], in schema: ResolvedSchema, names: Names) -> SwiftDeclaration {
        var members: [SwiftDeclaration] = [.variable(SwiftVariable(isConstant: true, name: "core", type: "LoomClient.LoomClientCore"))]
        if let parent = group.resource.parent {
            let key = group.endpoints.first?.pathParameters.first { $0.name == parent.parameter }
            members.append(.variable(SwiftVariable(isConstant: true, name: SwiftNames.safe(parent.parameter), type: key.map { names.scalar($0.type) } ?? "Int")))
        }
        for endpoint in group.endpoints {
            members += methods(endpoint, group: group, in: schema, names: names)
            if takesProfiles(endpoint, in: schema) {
                members += methods(endpoint, group: group, in: schema, names: names, profiled: true)
            }
        }
        for nested in groups {
            guard let parent = nested.resource.parent, parent.model == group.resource.model, group.resource.parent == nil else { continue }
            members.append(nestedAccessor(nested, parent: parent, names: names))
        }
        return .documented(
            ["The routes of `resource \(group.resource.model) at \"\(group.resource.path)\"`."],
            .type(SwiftType(kind: .struct, name: group.typeName, conformances: ["Sendable"], members: members))
        )
    }

    // MARK: One route

    /// A CRUD get or list, or a custom list, of a model with read profiles the route exposes: it also reads rows in a
    /// profile.
    static func takesProfiles(_ endpoint: Endpoint, in schema: ResolvedSchema) -> Bool {
        switch endpoint.handler {
        case .crud(_, let operation) where operation == .get || operation == .list: break
        case .useCase where endpoint.listQuery != nil: break
        default: return false
        }
        guard let profiles = schema.model(named: profiledModel(endpoint))?.profiles, !profiles.isEmpty else { return false }
        return endpoint.exposedProfiles.map { !$0.isEmpty } ?? true
    }

    /// The model whose profiles a route's rows are read in: its list's, else its resource's.
    static func profiledModel(_ endpoint: Endpoint) -> String { endpoint.listQuery?.model ?? endpoint.resource }

    /// The route's method (and, for a list that pages by cursor, its walk). `profiled`: the variant that takes a
    /// `LoomProfile` and answers `LoomProfiled` rows (`get(7, profile: Order.Profile.withCustomer)`).
    static func methods(
        _ endpoint: Endpoint, group: Group, in schema: ResolvedSchema, names: Names, profiled: Bool = false
    ) -> [SwiftDeclaration] {
        let parentKey = group.resource.parent?.parameter
        /// A row as this variant answers it.
        func row(_ model: String) -> String { profiled ? "LoomClient.LoomProfiled<\(names.type(model)), Members>" : names.type(model) }
        let generics = profiled ? ["Members: Decodable & Sendable"] : []
        let profileParameter = SwiftParameter(nil, "profile", "LoomClient.LoomProfile<\(names.type(profiledModel(endpoint))), Members>")
        // A list sends the profile with its query.
        let setProfile: [SwiftStatement] = profiled && endpoint.listQuery != nil
            ? [.line("var query = query"), .line("query.profile = profile.name")] : []
        var parameters: [SwiftParameter] = []
        for parameter in endpoint.pathParameters where parameter.name != parentKey {
            // The row's key unlabelled (`get(7)`); a use case's parameters by name (`getProductBySku(sku: "S1")`).
            let label: String? = if case .itemKey = parameter.role { "_" } else { nil }
            parameters.append(SwiftParameter(label, SwiftNames.safe(parameter.name), names.scalar(parameter.type)))
        }
        let path = SwiftExpression.raw(pathExpression(endpoint.path))
        var arguments = [SwiftArgument(nil, .raw("." + endpoint.method.rawValue.lowercased())), SwiftArgument("path", path)]
        if endpoint.listQuery != nil {
            parameters.append(SwiftParameter("_", "query", "LoomClient.LoomListQuery", default: "LoomClient.LoomListQuery()"))
            if profiled { parameters.append(profileParameter) }
        } else if profiled {
            parameters.append(profileParameter)
            arguments.append(SwiftArgument("query", .raw("LoomClient.LoomQueryItem.profile(profile.name)")))
        }
        if let requestBody = endpoint.requestBody {
            let type: String = switch requestBody {
            case .create(let model): names.type(model) + ".Create"
            case .update(let model): names.type(model) + ".Update"
            case .command(let name): names.type(name)
            }
            parameters.append(SwiftParameter(endpoint.handler.isCRUD ? "_" : nil, "body", type))
            var body = SwiftExpression.raw("body")
            // The nested route's path sets the parent's key: the body must not carry it.
            if case .create = requestBody, let parent = group.resource.parent {
                body = .call("LoomClient.LoomJSONBody", [
                    SwiftArgument(nil, .raw("body")), SwiftArgument("omitting", .raw("[\(SwiftNames.stringLiteral(parent.foreignKey))]")),
                ])
            }
            arguments.append(SwiftArgument("body", body))
        }
        let operation = SwiftArgument("operationID", .raw(SwiftNames.stringLiteral(endpoint.operationID)))
        let returnType: String?
        let call: SwiftExpression
        switch endpoint.responseBody {
        case .page(let model):
            let cursor = endpoint.listQuery?.pagination == .cursor
            returnType = "LoomClient.\(cursor ? "CursorPage" : "OffsetPage")<\(row(model))>"
            call = .call("core." + (cursor ? "cursorPage" : "offsetPage"), [
                SwiftArgument("path", path), SwiftArgument("query", .raw("query")), SwiftArgument("of", .raw(row(model) + ".self")), operation,
            ])
        case .none:
            returnType = nil
            call = .call("core.send", arguments + [operation])
        default:
            let answer = answerType(endpoint.responseBody, names: names)
            if case .crud(_, .delete) = endpoint.handler {
                // `true` or nothing (`deleteStatus 204`): either way, done.
                returnType = nil
                call = .call("core.send", arguments + [operation])
            } else if JobStatusLink.jobField(of: endpoint, in: schema) != nil {
                // The 202's `Location` names the job's status: `core.jobStatus(of:)` follows it.
                returnType = "LoomClient.LoomResponse<\(answer)>"
                call = .call("core.sendForResponse", arguments + [SwiftArgument("as", .raw(answer + ".self")), operation])
            } else {
                let decoded = if case .entity(let model) = endpoint.responseBody { row(model) } else { answer }
                returnType = decoded
                call = .call("core.send", arguments + [SwiftArgument("as", .raw(decoded + ".self")), operation])
            }
        }
        let name = methodName(endpoint)
        var doc = [endpoint.summary.map { $0.hasSuffix(".") ? $0 : $0 + "." } ?? "`\(endpoint.method.rawValue) \(endpoint.path)`."]
        if let description = endpoint.description { doc += ["", description] }
        if profiled { doc = ["\(doc[0].dropLast()), in a read profile (`\(profiledModel(endpoint)).Profile`)."] }
        let send = SwiftStatement.expression(prefix: setProfile.isEmpty ? "try await " : "return try await ", call)
        var declarations: [SwiftDeclaration] = [.documented(doc, .function(SwiftFunction(
            kind: .function(name), genericParameters: generics, parameters: parameters, isAsync: true, isThrowing: true,
            returnType: returnType, body: setProfile + [send]
        )))]
        // A list that can page by cursor also walks every page.
        if case .page(let model) = endpoint.responseBody, let listQuery = endpoint.listQuery,
           listQuery.pagination == .cursor || listQuery.paginationOverride {
            var walk = setProfile
            if listQuery.pagination != .cursor {
                if walk.isEmpty { walk.append(.line("var query = query")) }
                walk.append(.line("query.pagination = .cursor"))
            }
            walk.append(.expression(prefix: walk.isEmpty ? "" : "return ", .call("core.cursorItems", [
                SwiftArgument("path", path), SwiftArgument("query", .raw("query")), SwiftArgument("of", .raw(row(model) + ".self")), operation,
            ])))
            declarations.append(.documented(
                ["Every item of `\(name)`, a cursor page at a time\(profiled ? ", in a read profile" : "")."],
                .function(SwiftFunction(
                    kind: .function(name == "list" ? "all" : name + "All"), genericParameters: generics, parameters: parameters,
                    returnType: "LoomClient.LoomCursorSequence<\(row(model))>", body: walk
                ))
            ))
        }
        return declarations
    }

    /// `get`, `list`, `create`, `update`, `delete` for CRUD routes; the use case's name (`dispatchRestockEmail`).
    static func methodName(_ endpoint: Endpoint) -> String {
        switch endpoint.handler {
        case .crud(_, let operation): operation.rawValue
        case .useCase(let name): SwiftNames.safe(Naming.lowerFirst(name))
        }
    }

    static func answerType(_ body: Endpoint.ResponseBody, names: Names) -> String {
        switch body {
        case .none: "Void"
        case .entity(let model): names.type(model)
        case .command(let name): names.type(name)
        case .scalar(let type): names.scalar(type)
        case .page(let model): "LoomClient.OffsetPage<\(names.type(model))>"
        }
    }

    /// `"/products/" + LoomClient.LoomPath.segment(productId) + "/jobs/restock-email"`.
    static func pathExpression(_ path: String) -> String {
        var parts: [String] = []
        var literal = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            literal += rest[..<open]
            if !literal.isEmpty { parts.append(SwiftNames.stringLiteral(literal)) }
            literal = ""
            parts.append("LoomClient.LoomPath.segment(\(SwiftNames.safe(String(rest[rest.index(after: open)..<close]))))")
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty || parts.isEmpty { parts.append(SwiftNames.stringLiteral(literal)) }
        return parts.joined(separator: " + ")
    }
}

extension Endpoint.Handler {
    var isCRUD: Bool {
        if case .crud = self { return true }
        return false
    }
}
