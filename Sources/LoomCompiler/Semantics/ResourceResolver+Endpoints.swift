/// Turns a resource's auto-CRUD operations and custom routes into `Endpoint`s, and checks each against the endpoints
/// of earlier resources (L041): the one table that says what every path is.
extension ResourceResolver {
    /// The path parameter of a model's item (`userId` for `User`): the same name nested and custom routes under the
    /// item use (`/users/{userId}/addresses`), since a router requires one name per path position.
    static func itemParameter(of model: String) -> String { Naming.lowerFirst(model) + "Id" }

    func crudEndpoints(
        of declaration: ResourceDeclaration, operations: [CRUDOperation], path: String, pagination: PaginationMode,
        paginationOverride: Bool, pageSize: Int?, parent: ParentScope?, tags: [String], deleteStatus: Int,
        exposure: ResourceExposure
    ) -> [Endpoint] {
        guard let model = models[declaration.model.name], let key = model.primaryKeyField else { return [] }
        let itemName = Self.itemParameter(of: model.name)
        let item = path + "/{\(itemName)}"
        var scope: [Endpoint.PathParameter] = []
        if let parent, let key = models[parent.model]?.primaryKeyField {
            scope.append(.init(name: parent.parameter, type: key.type, role: .parentKey(model: parent.model)))
        }
        let itemParameters = scope + [.init(name: itemName, type: key.type, role: .itemKey(model: model.name))]
        let hasReferences = model.fields.contains { $0.reference != nil }
        let isReferenced = model.relations.contains { $0.kind == .hasMany }
        let scoped: [Endpoint.ErrorKind] = parent == nil ? [] : [.notFound]
        let plural = Naming.camelCase(model.table)
        let pluralName = plural.prefix(1).uppercased() + plural.dropFirst()
        let range = declaration.path?.range ?? declaration.model.range

        func endpoint(
            _ operation: CRUDOperation, _ method: HTTPMethod, _ path: String, _ parameters: [Endpoint.PathParameter],
            status: Int, body: Endpoint.RequestBody?, response: Endpoint.ResponseBody, errors: [Endpoint.ErrorKind]
        ) -> Endpoint {
            let name = operation == .list ? "list" + pluralName : operation.rawValue + model.name
            var endpoint = Endpoint(
                operationID: name, method: method, path: path, pathParameters: parameters,
                listQuery: operation == .list
                    ? exposure.listQuery(
                        model: model.name, of: model.name, pagination: pagination, paginationOverride: paginationOverride,
                        pageSize: pageSize)
                    : nil,
                requestBody: body, status: status, responseBody: response,
                errors: Endpoint.ErrorKind.allCases.filter(Set(errors).contains),
                handler: .crud(model: model.name, operation: operation), resource: model.name, profile: nil, tags: tags,
                summary: nil, description: nil, range: range
            )
            if operation == .get || operation == .list {
                endpoint.exposedProfiles = exposure.profiles ?? model.profiles.map(\.name)
                endpoint.cacheTTLSeconds = model.cache?.ttlSeconds
            }
            return endpoint
        }

        return operations.map { operation in
            switch operation {
            case .create:
                endpoint(
                    .create, .post, path, scope, status: 201, body: .create(model: model.name), response: .entity(model.name),
                    errors: [.validation, .conflict] + (hasReferences || parent != nil ? [.notFound] : [])
                )
            case .get:
                endpoint(.get, .get, item, itemParameters, status: 200, body: nil, response: .entity(model.name),
                         errors: [.badRequest, .notFound])
            case .list:
                endpoint(.list, .get, path, scope, status: 200, body: nil, response: .page(model.name),
                         errors: [.badRequest] + scoped)
            case .update:
                endpoint(
                    .update, .patch, item, itemParameters, status: 200, body: .update(model: model.name),
                    response: .entity(model.name), errors: [.notFound, .validation, .conflict]
                )
            case .delete:
                endpoint(.delete, .delete, item, itemParameters, status: deleteStatus,
                         body: nil, response: deleteStatus == 204 ? .none : .scalar(.bool),
                         errors: [.notFound] + (isReferenced ? [.conflict] : []))
            }
        }
    }

    func customEndpoint(
        _ route: CustomRoute, of resource: String, parent: ParentScope?, tags: [String], exposure: ResourceExposure
    ) -> Endpoint? {
        guard let useCase = useCases[route.useCase] else { return nil }
        let parameters = ResourcePath.parameters(in: route.path).compactMap { name -> Endpoint.PathParameter? in
            guard let parameter = useCase.parameters.first(where: { $0.name == name }),
                  case .scalar(let type) = parameter.type
            else { return nil }
            if let parent, parent.parameter == name { return .init(name: name, type: type, role: .parentKey(model: parent.model)) }
            return .init(name: name, type: type, role: .useCaseParameter)
        }
        let response: Endpoint.ResponseBody =
            switch useCase.result {
            case .none: .none
            case .entity(let model): .entity(model)
            case .page(let model): .page(model)
            case .command(let command): .command(command)
            case .scalar(let type): .scalar(type)
            }
        // A stray query parameter or a malformed path parameter is a 400 on every custom route.
        var errors: [Endpoint.ErrorKind] = [.badRequest]
        if useCase.body != nil || !useCase.rules.isEmpty { errors.append(.validation) }
        // `require` and `load` answer 404 for a missing row; `load …?` and `exists` never do.
        let mayBeMissing = useCase.guards.contains { guardStatement in
            switch guardStatement {
            case .exists, .unique, .load(_, _, false, _, _): true
            case .load, .existence: false
            }
        }
        if mayBeMissing || parent != nil { errors.append(.notFound) }
        // A list route pages by offset unless it says otherwise (`pagination cursor fixed`).
        let listQuery = useCase.query.map {
            exposure.listQuery(
                model: $0, of: resource, pagination: route.pagination ?? .offset, paginationOverride: route.paginationOverride,
                pageSize: route.pageSize)
        }
        var endpoint = Endpoint(
            operationID: Naming.lowerFirst(useCase.name), method: route.method, path: route.path,
            pathParameters: parameters, listQuery: listQuery, requestBody: useCase.body.map { .command($0) },
            status: route.status, responseBody: response, errors: Endpoint.ErrorKind.allCases.filter(Set(errors).contains),
            handler: .useCase(useCase.name), resource: resource, profile: route.profile, tags: tags,
            summary: route.summary, description: route.description, range: route.range
        )
        endpoint.cacheTTLSeconds = route.cacheTTLSeconds
        // A list route reads its rows in any `?profile=` of their model (the resource's `profiles` narrows its CRUD
        // reads only), unless the route fixes one (`profile name`).
        if let listQuery, let model = models[listQuery.model] {
            endpoint.exposedProfiles = route.profile != nil ? [] : model.profiles.map(\.name)
        }
        return endpoint
    }

    // MARK: Clashes

    /// Reports the first auto-CRUD endpoint this resource shares with an earlier one; records the rest.
    mutating func checkCRUDClashes(_ endpoints: [Endpoint], of declaration: ResourceDeclaration) {
        var reported = false
        for endpoint in endpoints {
            let key = EndpointKey(endpoint)
            if let owner = ownerByEndpoint[key] {
                if !reported, let literal = declaration.path {
                    reported = true
                    diagnostics.append(.error(
                        .duplicateRoute,
                        "route '\(endpoint.method.rawValue) \(endpoint.path)' of resource '\(declaration.model.name)' "
                            + "is already served by resource '\(owner.model.name)'",
                        at: literal.range,
                        hint: "'\(owner.model.name)' is declared at \(Self.location(owner.range)); "
                            + "give one of them another path"
                    ))
                }
            } else {
                ownerByEndpoint[key] = EndpointOwner(model: declaration.model, range: declaration.range)
            }
        }
    }

    mutating func checkCustomClash(_ endpoint: Endpoint, item: RouteItem, of declaration: ResourceDeclaration) {
        let key = EndpointKey(endpoint)
        guard let owner = ownerByEndpoint[key] else {
            ownerByEndpoint[key] = EndpointOwner(model: declaration.model, range: declaration.range, customRoute: item.range)
            return
        }
        let otherWhere = owner.customRoute.map { "a custom route at \(Self.location($0))" }
            ?? "the auto-CRUD of resource '\(owner.model.name)' (\(Self.location(owner.range)))"
        diagnostics.append(.error(
            .duplicateRoute, "route '\(endpoint.method.rawValue) \(endpoint.path)' is already served by \(otherWhere)",
            at: item.path?.range ?? item.method.range,
            hint: "paths that differ only in parameter names are the same route; give one of them another path"
        ))
    }
}

/// Two endpoints clash when their methods are equal and their paths are equal once every parameter is blanked.
struct EndpointKey: Hashable {
    var method: HTTPMethod
    var shape: String

    init(_ endpoint: Endpoint) {
        method = endpoint.method
        shape = endpoint.shape
    }
}

/// Who serves an endpoint: the resource (its model and where it is declared), and for a custom route where it is
/// written.
struct EndpointOwner {
    var model: Identifier
    var range: SourceRange
    /// Nil for an auto-CRUD route.
    var customRoute: SourceRange?
}

extension Model {
    /// The primary key, when sema found exactly one (`primaryKey` traps otherwise; resolvers see broken models too).
    var primaryKeyField: Field? { fields.first { $0.isPrimaryKey } }
}
