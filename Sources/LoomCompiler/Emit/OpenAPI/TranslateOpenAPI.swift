import LoomVocabulary

/// The schema's HTTP API as an OpenAPI 3.1 document, from the endpoint table and the models, commands and enums:
/// every route with its path, query and body parameters (types, constraints, presence), its success response (an
/// entity, a page in either envelope, a command) and every error response it can give, all in the one error envelope.
/// Doc comments become descriptions. Served at `GET /openapi.json` (embedded by `loom-openapi.swift`) and committed
/// as `openapi.json`. A schema with `auth` adds the bearer scheme, its 401 and 403 answers and the fields a rule may
/// hide; a schema without it gets none of these, so its document is unchanged by them. The filter operators, list
/// parameters, page envelopes and error codes are the vocabulary's (`LoomVocabulary`), which the runtime reads too.
enum TranslateOpenAPI {
    static let errorResponses: [(Endpoint.ErrorKind, status: String, name: String, description: String)] = [
        (.badRequest, "400", "BadRequest", "A malformed path or query parameter, cursor or request."),
        (.notFound, "404", "NotFound", "The row, or its parent, does not exist."),
        (.conflict, "409", "Conflict", "A unique value is taken, or the row is still referenced."),
        (.validation, "422", "ValidationError", "The body does not fit its type (`validation_error`) or breaks a rule (`rule_violations`)."),
    ]

    /// The top-level `x-generated-by` of the document: JSON has no comments, so this is its header (and how `loomgen`
    /// knows the file is its own to overwrite).
    static func generatedBy(_ origin: String) -> String { "loomgen from " + origin + " — do not edit" }

    static func document(_ schema: ResolvedSchema, origin: String) -> JSONNode {
        var paths: [(String, JSONNode)] = []
        var order: [String] = []
        var endpointsByPath: [String: [Endpoint]] = [:]
        for endpoint in schema.endpoints {
            if endpointsByPath[endpoint.path] == nil { order.append(endpoint.path) }
            endpointsByPath[endpoint.path, default: []].append(endpoint)
        }
        let listParameters = SharedListParameters(schema)
        for path in order {
            let endpoints = endpointsByPath[path] ?? []
            // The path's parameters (`{userId}`) once for all its operations, when they all read them alike.
            let shared = endpoints.first.map(pathParameters) ?? []
            let hoisted = !shared.isEmpty && endpoints.allSatisfy { pathParameters($0) == shared }
            var item: [(String, JSONNode)] = hoisted ? [("parameters", .array(shared))] : []
            for endpoint in endpoints {
                let node = operation(endpoint, in: schema, listParameters: listParameters, pathParametersInline: !hoisted)
                item.append((endpoint.method.rawValue.lowercased(), node))
            }
            paths.append((path, .object(item)))
        }
        if !schema.jobs.isEmpty { paths.append((JobStatusRoute.pathTemplate, jobStatusPath(schema))) }
        var members: [(String, JSONNode)] = [
            ("openapi", .string("3.1.0")),
            ("x-generated-by", .string(generatedBy(origin))),
            ("info", .object([("title", .string(schema.name)), ("version", .string("1.0.0"))])),
        ]
        var components: [(String, JSONNode)] = [
            ("schemas", .object(components(schema))),
            ("parameters", .object(sharedParameters(schema, listParameters: listParameters))),
            ("responses", .object(sharedResponses(schema))),
        ]
        if let auth = schema.auth {
            // Every operation of the document is a route of the schema's resources, and every one reads the bearer
            // token: the requirement is the document's, not repeated per operation.
            members.append(("security", .array([.object([("bearerAuth", .array([]))])])))
            components.append(("securitySchemes", .object([("bearerAuth", bearerScheme(auth))])))
        }
        members.append(("paths", .object(paths)))
        members.append(("components", .object(components)))
        return .object(members)
    }

    // MARK: Security

    /// `components.securitySchemes.bearerAuth`: an HTTP bearer token, a JWT when the schema's `auth` declares `jwt`
    /// (without it the application authenticates callers with its own code, so the token's format is its own).
    static func bearerScheme(_ auth: Principal) -> JSONNode {
        var members: [(String, JSONNode)] = [("type", .string("http")), ("scheme", .string("bearer"))]
        var description: String
        if let jwt = auth.jwt {
            members.append(("bearerFormat", .string("JWT")))
            description = "A JWT in `Authorization: Bearer <token>`"
            var claims: [String] = []
            if let issuer = jwt.issuer { claims.append("issued by `\(issuer)`") }
            if let audience = jwt.audience { claims.append("for the audience `\(audience)`") }
            if !claims.isEmpty { description += ", " + claims.joined(separator: " ") }
            description += "."
        } else {
            description = "A bearer token in `Authorization: Bearer <token>`, checked by the application's"
                + " authenticator."
        }
        let claims = auth.fields.map { "`\($0.claim)`" }.joined(separator: ", ")
        description += " The caller is read from its claims " + claims + "."
        description += " Without a token the caller is anonymous and the access rules decide; an operation no rule"
            + " allows to an anonymous caller, and any request with a bad token, is a 401."
        members.append(("description", .string(description)))
        return .object(members)
    }

    /// Whether the operation can answer 403: a create, update or delete of a model with rules, or a use case (whose
    /// code writes through repositories acting for the caller) in a schema where some model has rules.
    static func canForbid(_ endpoint: Endpoint, in schema: ResolvedSchema) -> Bool {
        switch endpoint.handler {
        case .crud(let model, let operation):
            guard operation == .create || operation == .update || operation == .delete else { return false }
            return schema.models.first { $0.name == model }.map { !$0.accessRules.isEmpty } ?? false
        case .useCase:
            return hasRules(schema)
        }
    }

    static func hasRules(_ schema: ResolvedSchema) -> Bool { schema.models.contains { !$0.accessRules.isEmpty } }

    // MARK: Operations

    static func operation(
        _ endpoint: Endpoint, in schema: ResolvedSchema, listParameters: SharedListParameters, pathParametersInline: Bool = true
    ) -> JSONNode {
        var members: [(String, JSONNode)] = [("operationId", .string(endpoint.operationID))]
        members.append(("tags", .array((endpoint.tags.isEmpty ? [endpoint.resource] : endpoint.tags).map(JSONNode.string))))
        if let summary = endpoint.summary { members.append(("summary", .string(summary))) }
        if let description = endpoint.description { members.append(("description", .string(description))) }
        var parameters = pathParametersInline ? pathParameters(endpoint) : []
        if let query = endpoint.listQuery, let model = schema.models.first(where: { $0.name == query.model }) {
            parameters += pageParameters(query) + listParameters.references(for: query) + profileParameters(endpoint, model: model)
        } else if endpoint.method == .get, case .crud = endpoint.handler,
                  let model = schema.models.first(where: { $0.name == endpoint.resource }) {
            parameters += profileParameters(endpoint, model: model)
        }
        let isCached = CachedReadResponses.isCached(endpoint)
        if isCached { parameters.append(reference(parameter: CachedReadResponses.ifNoneMatchName)) }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body = endpoint.requestBody {
            members.append(("requestBody", .object([
                ("required", .bool(true)),
                ("content", .object([("application/json", .object([("schema", reference(bodyName(body, of: endpoint, in: schema)))]))])),
            ])))
        }
        var responses: [(String, JSONNode)] = [(String(endpoint.status), success(endpoint, in: schema))]
        if isCached { responses.append(("304", reference(response: CachedReadResponses.notModifiedName))) }
        // Every route can answer 400 (a malformed path parameter, a query parameter it does not take); a use case's
        // own code can answer 404, 409 and 422 through its repositories whatever its guards declare.
        var errors = Set(endpoint.errors).union([.badRequest])
        if case .useCase = endpoint.handler { errors.formUnion([.notFound, .conflict, .validation]) }
        for (kind, status, name, _) in errorResponses where errors.contains(kind) {
            responses.append((status, reference(response: name)))
            guard kind == .badRequest, schema.auth != nil else { continue }
            // On every operation, not only those of models with rules: the token is read before any route runs, so a
            // bad one is a 401 whatever the model; an anonymous caller no rule can allow is one too.
            responses.append(("401", reference(response: "Unauthorized")))
            if canForbid(endpoint, in: schema) { responses.append(("403", reference(response: "Forbidden"))) }
        }
        if !endpoint.errors.contains(.validation), endpoint.requestBody != nil {
            responses.append(("422", reference(response: "ValidationError")))
        }
        if endpoint.requestBody != nil {
            // Any body can be too large or not JSON; the HTTP layer answers before the route runs.
            responses.append(("413", reference(response: "PayloadTooLarge")))
            responses.append(("415", reference(response: "UnsupportedMediaType")))
        }
        responses.append(("503", reference(response: "Unavailable")))
        members.append(("responses", .object(responses.sorted { $0.0 < $1.0 })))
        return .object(members)
    }

    static func pathParameters(_ endpoint: Endpoint) -> [JSONNode] {
        endpoint.pathParameters.map { parameter in
            JSONNode.object([
                ("name", .string(parameter.name)), ("in", .string("path")), ("required", .bool(true)),
                ("schema", scalarSchema(parameter.type)),
            ])
        }
    }

    static func bodyName(_ body: Endpoint.RequestBody, of endpoint: Endpoint, in schema: ResolvedSchema) -> String {
        switch body {
        case .create(let model): nestedParent(endpoint, model: model, in: schema).map { nestedBodyName(model, "Create", parent: $0) } ?? model + "Create"
        case .update(let model): nestedParent(endpoint, model: model, in: schema).map { nestedBodyName(model, "Update", parent: $0) } ?? model + "Update"
        case .command(let name): name
        }
    }

    /// The parent of a nested resource's CRUD route (`/users/{userId}/addresses`), whose path sets the foreign key: the
    /// route's body is the model's `Create` or `Update` without it (`AddressCreateInUser`), as the server refuses it.
    static func nestedParent(_ endpoint: Endpoint, model: String, in schema: ResolvedSchema) -> ParentScope? {
        for parameter in endpoint.pathParameters {
            guard case .parentKey(let parentModel) = parameter.role,
                  let parent = schema.resources.first(where: { $0.model == model && $0.parent?.model == parentModel })?.parent
            else { continue }
            return parent
        }
        return nil
    }

    static func nestedBodyName(_ model: String, _ input: String, parent: ParentScope) -> String { model + input + "In" + parent.model }

    static func success(_ endpoint: Endpoint, in schema: ResolvedSchema) -> JSONNode {
        let content: JSONNode? = switch endpoint.responseBody {
        case .none: nil
        case .entity(let model): reference(model)
        case .command(let name): reference(name)
        case .scalar(let type): scalarSchema(type)
        case .page(let model):
            if let query = endpoint.listQuery, query.paginationOverride {
                .object([("oneOf", .array([reference(model + "OffsetPage"), reference(model + "CursorPage")]))])
            } else {
                reference(model + (endpoint.listQuery?.pagination == .cursor ? "CursorPage" : "OffsetPage"))
            }
        }
        var members: [(String, JSONNode)] = [("description", .string(successDescription(endpoint.status)))]
        if endpoint.status == 201 { members.append(("headers", .object([("Location", .object([("description", .string("Where the created row is read.")), ("schema", .object([("type", .string("string"))]))]))]))) }
        if CachedReadResponses.isCached(endpoint) { members.append(("headers", .object([CachedReadResponses.etagHeader]))) }
        let jobField = JobStatusLink.jobField(of: endpoint, in: schema)
        if jobField != nil {
            members.append(("headers", .object([("Location", .object([
                ("description", .string("The job's status: `\(JobStatusRoute.pathTemplate)`.")),
                ("schema", .object([("type", .string("string"))])),
            ]))])))
        }
        if let content { members.append(("content", .object([("application/json", .object([("schema", content)]))]))) }
        if let jobField {
            members.append(("links", .object([("jobStatus", .object([
                ("operationId", .string(jobStatusOperationID)),
                ("parameters", .object([(JobStatusRoute.parameter, .string("$response.body#/" + jobField))])),
                ("description", .string("The dispatched job's state, attempts, last error and result.")),
            ]))])))
        }
        return .object(members)
    }

    static func successDescription(_ status: Int) -> String {
        switch status {
        case 201: "Created."
        case 202: "Accepted."
        case 204: "No content."
        default: "OK."
        }
    }

    /// The pagination parameters of a list route: its modes depend on the route, and so does `limit` when the route
    /// has a page size of its own (`limit 20`); the rest are shared.
    static func pageParameters(_ query: Endpoint.ListQuery) -> [JSONNode] {
        let modes = query.paginationOverride ? ["offset", "cursor"] : [query.pagination.rawValue]
        let paging = (modes.contains("offset") ? ["page"] : []) + ["limit"] + (modes.contains("cursor") ? ["after", "cursor"] : [])
        return [queryParameter("pagination", .object([("type", .string("string")), ("enum", .array(modes.map(JSONNode.string)))]), nil)]
            + paging.map { name in
                if name == "limit", let pageSize = query.pageSize { return limitParameter(default: pageSize) }
                return reference(parameter: name)
            }
    }

    /// `?limit=`: 1 to `ListParameter.maximumLimit` (more is a 400), `default` when a request names none.
    static func limitParameter(default pageSize: Int) -> JSONNode {
        queryParameter("limit", .object([
            ("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(ListParameter.maximumLimit)),
            ("default", .integer(pageSize)),
        ]), "Items per page.")
    }

    /// `?profile=`: the model's shared parameter when the route takes every profile, its own enum when the resource
    /// exposes fewer (`profiles`), none when it exposes none. A custom route takes the model's.
    static func profileParameters(_ endpoint: Endpoint, model: Model) -> [JSONNode] {
        let all = model.profiles.map(\.name)
        let exposed = endpoint.exposedProfiles ?? all
        if exposed.isEmpty { return [] }
        if exposed == all { return [reference(parameter: model.name + ".profile")] }
        return [profileParameter(exposed)]
    }

    /// A model's filters (`field`, `field__op`) on the fields a filter may name, sort on those it may sort by, and
    /// direction, in a list route's order (`SharedListParameters` writes each once).
    static func filterParameters(
        _ model: Model, filterable: [String]? = nil, sortable sortableFields: [String]? = nil, in schema: ResolvedSchema
    ) -> [SharedListParameters.Candidate] {
        var parameters: [SharedListParameters.Candidate] = []
        for field in model.fields where filterable?.contains(field.name) ?? true {
            guard let operators = filterOperators(field.type) else { continue }
            let tag = SharedListParameters.tag(field.type)
            parameters.append(
                .init(name: field.name, tag: tag, parameter: queryParameter(field.name, scalarSchema(field.type), "Equal to.")))
            for op in operators where op != .eq {
                let schema: JSONNode = switch op.operand {
                case .list: .object([("type", .string("string")), ("description", .string("A comma-separated list."))])
                case .flag: .object([("type", .string("boolean"))])
                case .pattern: .object([("type", .string("string")), ("maxLength", .integer(ListParameter.maximumPatternBytes))])
                case .value: scalarSchema(field.type)
                }
                let name = op.parameterName(field: field.name)
                parameters.append(.init(name: name, tag: tag, parameter: queryParameter(name, schema, nil)))
            }
        }
        // Many-to-many relations (`tags=3`, `tags__in=1,2`): on a list that narrows nothing, through a join model
        // without access rules (as `RelationSpec.linkFilter` decides).
        for relation in model.relations where relation.kind == .manyToMany && filterable == nil {
            guard let through = relation.through, let join = schema.model(named: through), join.accessRules.isEmpty,
                  let key = relation.throughTargetKey.flatMap(join.field(named:))
            else { continue }
            parameters.append(.init(
                name: relation.name, tag: relation.model, variant: SharedListParameters.tag(key.type),
                parameter: queryParameter(relation.name, scalarSchema(key.type), "Linked to this \(relation.model).")))
            parameters.append(.init(name: relation.name + "__in", tag: relation.model, parameter: queryParameter(
                relation.name + "__in", .object([("type", .string("string")), ("description", .string("A comma-separated list."))]),
                "Linked to any of these \(relation.model) keys.")))
        }
        let sortable = model.fields.filter { filterOperators($0.type) != nil && sortableFields?.contains($0.name) ?? true }
            .map(\.name)
        let sort = queryParameter("sort", .object([("type", .string("string"))]),
            "Fields to sort by, comma-separated, `-` for descending: one of \(sortable.joined(separator: ", ")).")
        parameters.append(.init(name: "sort", tag: model.name, variant: sortable.joined(separator: ","), sharedWithinTag: true, parameter: sort))
        // Lower case only, though the runtime takes either: generators that normalise case would make one name of two.
        let directions = SortDirection.allCases.map { JSONNode.string($0.rawValue) }
        let direction = queryParameter("direction", .object([("type", .string("string")), ("enum", .array(directions))]), nil)
        parameters.append(.init(name: "direction", tag: model.name, parameter: direction))
        return parameters
    }

    /// `components.parameters`: the page parameters, the list routes' filter, sort and direction parameters (each
    /// once), and each model's profile parameter.
    static func sharedParameters(_ schema: ResolvedSchema, listParameters: SharedListParameters) -> [(String, JSONNode)] {
        let listed = Set(schema.endpoints.compactMap(\.listQuery?.model))
        var parameters: [(String, JSONNode)] = listed.isEmpty ? [] : [
            ("page", queryParameter("page", .object([("type", .string("integer")), ("minimum", .integer(1))]), "Offset pagination: the page, from 1.")),
            ("limit", limitParameter(default: ListParameter.defaultLimit)),
            ("after", queryParameter("after", .object([("type", .string("string"))]), "Cursor pagination: the previous page's `nextCursor`.")),
            ("cursor", queryParameter("cursor", .object([("type", .string("string"))]), "The same as `after`.")),
        ]
        parameters += listParameters.definitions
        for model in schema.models where !model.profiles.isEmpty {
            parameters.append((model.name + ".profile", profileParameter(model.profiles.map(\.name))))
        }
        if CachedReadResponses.hasCachedReads(schema) {
            parameters.append((CachedReadResponses.ifNoneMatchName, CachedReadResponses.ifNoneMatch))
        }
        return parameters
    }

    static func profileParameter(_ profiles: [String]) -> JSONNode {
        queryParameter("profile", .object([("type", .string("string")), ("enum", .array(profiles.map { .string($0) }))]),
            "A read profile: related rows and computed values added to each item.")
    }

    static func queryParameter(_ name: String, _ schema: JSONNode, _ description: String?) -> JSONNode {
        var members: [(String, JSONNode)] = [("name", .string(name)), ("in", .string("query")), ("required", .bool(false))]
        if let description { members.append(("description", .string(description))) }
        members.append(("schema", schema))
        return .object(members)
    }

    /// The operators a list route accepts on a field of this type (the vocabulary's, as the runtime reads them); nil
    /// when it cannot be filtered on (JSON, arrays).
    static func filterOperators(_ type: ScalarType) -> [FilterOperator]? {
        let operators = type.kind.filterOperators
        return operators.isEmpty ? nil : operators
    }

    // MARK: Components

    static func components(_ schema: ResolvedSchema) -> [(String, JSONNode)] {
        var components: [(String, JSONNode)] = []
        for model in schema.models {
            components.append((model.name, entitySchema(model, in: schema)))
            if let inputs = model.inputs {
                components.append((model.name + "Create", commandSchema(inputs.create)))
                components.append((model.name + "Update", commandSchema(inputs.update)))
                for resource in schema.resources where resource.model == model.name {
                    guard let parent = resource.parent else { continue }
                    for (operation, input, command) in [(CRUDOperation.create, "Create", inputs.create), (.update, "Update", inputs.update)]
                    where resource.operations.contains(operation) {
                        var body = command
                        body.fields.removeAll { $0.name == parent.foreignKey }
                        body.doc = command.doc + ["The \(parent.model) is the path's `{\(parent.parameter)}`."]
                        components.append((nestedBodyName(model.name, input, parent: parent), commandSchema(body)))
                    }
                }
            }
            components.append((model.name + "OffsetPage", pageSchema(
                model.name, PageEnvelope.offsetMembers, description: "An offset page of \(model.name).")))
            components.append((model.name + "CursorPage", pageSchema(
                model.name, PageEnvelope.cursorMembers, description: "A cursor page of \(model.name): pass `nextCursor` as `after`.")))
        }
        for command in schema.commands { components.append((command.name, commandSchema(command))) }
        for enumeration in schema.enums {
            var members: [(String, JSONNode)] = [("type", .string("string")), ("enum", .array(enumeration.cases.map(JSONNode.string)))]
            if !enumeration.doc.isEmpty { members.append(("description", .string(enumeration.doc.joined(separator: "\n")))) }
            components.append((enumeration.name, .object(members)))
        }
        components.append(("Error", errorSchema(auth: schema.auth != nil)))
        if !schema.jobs.isEmpty { components += jobStatusComponents() }
        return components
    }

    /// A page envelope of a model's rows, with the vocabulary's members (the runtime writes the same), all required.
    static func pageSchema(_ model: String, _ members: [String], description: String) -> JSONNode {
        let properties = members.map { member -> (String, JSONNode) in
            switch member {
            case "items": (member, .object([("type", .string("array")), ("items", reference(model))]))
            case "hasNext": (member, .object([("type", .string("boolean"))]))
            case "nextCursor": (member, .object([("type", .array([.string("string"), .string("null")]))]))
            default: (member, .object([("type", .string("integer"))]))
            }
        }
        return object(properties, required: members, description: description)
    }

    static func entitySchema(_ model: Model, in schema: ResolvedSchema) -> JSONNode {
        let hidden = hideableFields(model)
        let properties = model.fields.map { field in
            let doc = hidden.contains(field.name) ? field.doc + [hiddenFieldNote] : field.doc
            return (field.name, described(nullable(scalarSchema(field.type), field.isOptional), doc))
        }
        return object(properties + profileMembers(model, in: schema), required: model.fields.map(\.name).filter { !hidden.contains($0) },
                      description: model.doc.isEmpty ? nil : model.doc.joined(separator: "\n"))
    }

    /// What a read profile adds to the row (`?profile=withCustomer`: `user`, `address`), as optional members of the
    /// model's schema, the way the Python framework's models declare their relations: a generated client then reads
    /// an included row typed instead of dropping it. An included row comes in its default shape; a belongs-to one is
    /// null when its key is (an optional key), or when the caller may not read it (a model with access rules). A name
    /// two profiles give different shapes is any JSON value.
    static func profileMembers(_ model: Model, in schema: ResolvedSchema) -> [(String, JSONNode)] {
        var members: [(name: String, schema: JSONNode, profiles: [String])] = []
        func add(_ name: String, _ schema: JSONNode, profile: String) {
            if let index = members.firstIndex(where: { $0.name == name }) {
                if members[index].schema != schema { members[index].schema = .object([]) }
                members[index].profiles.append(profile)
            } else {
                members.append((name, schema, [profile]))
            }
        }
        for profile in model.profiles {
            for name in profile.includes {
                guard let relation = model.relations.first(where: { $0.name == name }) else { continue }
                let mayBeNull = model.fields.first { $0.name == relation.foreignKey }?.isOptional != false
                    || schema.model(named: relation.model)?.accessRules.isEmpty == false
                add(name, relation.isToMany
                    ? .object([("type", .string("array")), ("items", reference(relation.model))])
                    : nullable(reference(relation.model), mayBeNull), profile: profile.name)
            }
            for computed in profile.computed {
                add(computed.name, .object([("type", .string(computed.kind == .count ? "integer" : "boolean"))]), profile: profile.name)
            }
        }
        return members.map { member in
            let profiles = member.profiles.map { "`\($0)`" }.joined(separator: ", ")
            return (member.name, described(member.schema, ["In the read profile \(profiles) (`?profile=`) only."]))
        }
    }

    /// The fields a `read` rule with a field list is about (`deny read(email) when …`, `allow read(email) when …`):
    /// the row's JSON leaves them out for a caller who may not read them.
    static func hideableFields(_ model: Model) -> Set<String> {
        Set(model.accessRules.filter { $0.operations.contains(.read) }.flatMap { $0.fields ?? [] })
    }

    /// The sentence added to such a field's description.
    static let hiddenFieldNote = "Left out when the caller may not read it."

    static func commandSchema(_ command: Command) -> JSONNode {
        let properties = command.fields.map { field -> (String, JSONNode) in
            var schema = constrained(valueSchema(field.type), field.constraints)
            schema = nullable(schema, field.isOptional)
            if let value = field.defaultValue, let node = defaultNode(value) { schema = adding(("default", node), to: schema) }
            return (field.name, described(schema, field.doc))
        }
        let required = command.fields.filter { $0.presence == .required }.map(\.name)
        return object(properties, required: required, description: command.doc.isEmpty ? nil : command.doc.joined(separator: "\n"),
                      closed: true)
    }

    /// The error envelope; `unauthenticated` (401) and `forbidden` (403) are among its codes only in a schema with
    /// `auth`.
    static func errorSchema(auth: Bool) -> JSONNode {
        let codes = ErrorCode.allCases.filter { auth || !$0.needsAuth }.map(\.rawValue)
        let string = JSONNode.object([("type", .string("string"))])
        let violation = object([("field", string), ("message", string)], required: ["field", "message"])
        let properties: [(String, JSONNode)] = ErrorDetailMember.allCases.map { member in
            let schema: JSONNode = switch member {
            case .code: .object([("type", .string("string")), ("enum", .array(codes.map(JSONNode.string)))])
            case .traceId: .object([("type", .string("string")), ("description", .string("The request's `x-request-id`."))])
            case .message: string
            case .entity: .object([("type", .string("string")), ("description", .string("`not_found`: the model looked up."))])
            // `oneOf`, not a type list: Swift OpenAPI Generator reads `[integer, string]` as an integer alone.
            case .id: .object([
                ("oneOf", .array([scalarSchema(.int), string])),
                ("description", .string("`not_found`: the key (a number when it is one), or the value looked up by `fields`.")),
            ])
            case .parameter: .object([("type", .string("string")), ("description", .string("`bad_request`: the parameter at fault."))])
            case .fields: .object([("type", .string("array")), ("items", string), ("description", .string("`conflict`" + (auth ? ", `forbidden`" : "") + ", a `not_found` by field: the fields at fault."))])
            case .violations: .object([("type", .string("array")), ("items", violation), ("description", .string("`validation_error`, `rule_violations`: each one broken."))])
            }
            return (member.rawValue, schema)
        }
        let detail = object(properties, required: ["code", "message", "traceId"], description: "What went wrong.")
        return object([("detail", detail)], required: ["detail"], description: "The one shape of every error response.")
    }

    static func sharedResponses(_ schema: ResolvedSchema) -> [(String, JSONNode)] {
        var responses = (errorResponses.map { ($0.name, $0.description) } + [
            ("PayloadTooLarge", "The body is larger than the server's limit (`payload_too_large`)."),
            ("UnsupportedMediaType", "The body is not JSON: its `content-type` is neither `application/json` nor `application/*+json` (`unsupported_media_type`)."),
            ("Unavailable", "The database (or Redis) did not answer in time; try again."),
        ]).map { name, description in
            (name, errorResponse(description))
        }
        // No operation of the document answers 405 (a client that follows it never sends another method); described for
        // those that do, with the `Allow` header every such answer carries.
        responses.append(("MethodNotAllowed", errorResponse(
            "The path exists, but not with this method (`method_not_allowed`).",
            headers: [("Allow", .object([("description", .string("The methods the path takes.")), ("schema", .object([("type", .string("string"))]))]))])))
        guard schema.auth != nil else { return notModified(schema) + responses }
        var access = [("Unauthorized", errorResponse(
            "A bad bearer token, or none for an operation no rule allows to an anonymous caller (`unauthenticated`).",
            headers: [("WWW-Authenticate", .object([
                ("description", .string(
                    "The Bearer challenge, with `error=\"invalid_token\"` or `error=\"invalid_request\"`"
                        + " for a bad token.")),
                ("schema", .object([("type", .string("string"))])),
            ]))]))]
        if hasRules(schema) {
            access.append(("Forbidden", errorResponse(
                "A rule does not let the caller do this to the row, or the row as written breaks one, or the caller may not"
                    + " write the field `detail.fields` names (`forbidden`).")))
        }
        responses.insert(contentsOf: access, at: 1)
        return notModified(schema) + responses
    }

    /// `NotModified`, the 304 of cached reads, when the schema has any.
    private static func notModified(_ schema: ResolvedSchema) -> [(String, JSONNode)] {
        CachedReadResponses.hasCachedReads(schema) ? [(CachedReadResponses.notModifiedName, CachedReadResponses.notModified)] : []
    }

    static func errorResponse(_ description: String, headers: [(String, JSONNode)] = []) -> JSONNode {
        var members: [(String, JSONNode)] = [("description", .string(description))]
        if !headers.isEmpty { members.append(("headers", .object(headers))) }
        members.append(("content", .object([("application/json", .object([("schema", reference("Error"))]))])))
        return .object(members)
    }

    // MARK: Schemas of values

    static func scalarSchema(_ type: ScalarType) -> JSONNode {
        switch type {
        case .int: .object([("type", .string("integer")), ("format", .string("int64"))])
        case .int32: .object([("type", .string("integer")), ("format", .string("int32"))])
        case .double: .object([("type", .string("number")), ("format", .string("double"))])
        case .decimal: .object([("type", .string("number"))])
        case .bool: .object([("type", .string("boolean"))])
        case .string(let maxLength): .object([("type", .string("string")), ("maxLength", .integer(maxLength))])
        case .text: .object([("type", .string("string"))])
        case .date: .object([("type", .string("string")), ("format", .string("date"))])
        case .dateTime: .object([("type", .string("string")), ("format", .string("date-time"))])
        case .uuid: .object([("type", .string("string")), ("format", .string("uuid"))])
        case .json: .object([])
        case .enumeration(let name): reference(name)
        case .array(let element): .object([("type", .string("array")), ("items", scalarSchema(element))])
        }
    }

    static func valueSchema(_ type: ValueType) -> JSONNode {
        switch type {
        case .scalar(let scalar): scalarSchema(scalar)
        case .model(let name), .command(let name): reference(name)
        case .list(let element): .object([("type", .string("array")), ("items", valueSchema(element))])
        }
    }

    static func constrained(_ schema: JSONNode, _ constraints: [FieldConstraint]) -> JSONNode {
        var schema = schema
        for constraint in constraints {
            switch constraint.kind {
            // On a list, a length is a count of items (`minItems`), which `minLength` does not mean to a validator.
            case .minLength(let length): schema = adding((isArray(schema) ? "minItems" : "minLength", .integer(length)), to: schema)
            case .maxLength(let length): schema = adding((isArray(schema) ? "maxItems" : "maxLength", .integer(length)), to: schema)
            case .range(let minimum, let maximum):
                if let minimum { schema = adding(("minimum", .number(minimum)), to: schema) }
                if let maximum { schema = adding(("maximum", .number(maximum)), to: schema) }
            case .pattern(let pattern): schema = adding(("pattern", .string(pattern)), to: schema)
            case .email: schema = adding(("format", .string("email")), to: schema)
            case .oneOf(let values): schema = adding(("enum", .array(values.map(JSONNode.string))), to: schema)
            case .notBlank: schema = adding(("pattern", .string("\\S")), to: schema)
            // Implied by the type, whose schema already says it (a decimal is a string of digits).
            case .decimal: break
            }
        }
        return schema
    }

    static func isArray(_ schema: JSONNode) -> Bool {
        guard case .object(let members) = schema else { return false }
        return members.contains { $0.0 == "type" && $0.1 == .string("array") }
    }

    static func defaultNode(_ value: DefaultValue) -> JSONNode? {
        switch value {
        case .int(let number): .integer(number)
        case .double(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .string(let text), .enumCase(let text): .string(text)
        case .now, .uuid: nil
        }
    }

    /// `T` or null: `type: [T, "null"]`, or `oneOf` around a reference.
    static func nullable(_ schema: JSONNode, _ isNullable: Bool) -> JSONNode {
        guard isNullable, case .object(var members) = schema else { return schema }
        if let index = members.firstIndex(where: { $0.0 == "type" }), case .string(let type) = members[index].1 {
            members[index].1 = .array([.string(type), .string("null")])
            return .object(members)
        }
        if members.isEmpty { return schema }
        return .object([("oneOf", .array([schema, .object([("type", .string("null"))])]))])
    }

    static func described(_ schema: JSONNode, _ doc: [String]) -> JSONNode {
        guard !doc.isEmpty else { return schema }
        if case .object(let members) = schema, members.first?.0 == "$ref" {
            return .object([("allOf", .array([schema])), ("description", .string(doc.joined(separator: "\n")))])
        }
        return adding(("description", .string(doc.joined(separator: "\n"))), to: schema)
    }

    /// Adds a keyword; a reference is wrapped (`allOf`) so the keyword is not a sibling `$ref` ignores.
    static func adding(_ member: (String, JSONNode), to schema: JSONNode) -> JSONNode {
        guard case .object(var members) = schema else { return schema }
        if members.first?.0 == "$ref" { return .object([("allOf", .array([schema])), member]) }
        members.removeAll { $0.0 == member.0 }
        members.append(member)
        return .object(members)
    }

    static func object(
        _ properties: [(String, JSONNode)], required: [String], description: String? = nil, closed: Bool = false
    ) -> JSONNode {
        var members: [(String, JSONNode)] = [("type", .string("object"))]
        if let description { members.append(("description", .string(description))) }
        members.append(("properties", .object(properties)))
        if !required.isEmpty { members.append(("required", .array(required.map(JSONNode.string)))) }
        if closed { members.append(("additionalProperties", .bool(false))) }
        return .object(members)
    }

    static func reference(_ name: String) -> JSONNode { .object([("$ref", .string("#/components/schemas/" + name))]) }
    static func reference(parameter name: String) -> JSONNode { .object([("$ref", .string("#/components/parameters/" + name))]) }
    static func reference(response name: String) -> JSONNode { .object([("$ref", .string("#/components/responses/" + name))]) }
}

// MARK: The job status route

extension TranslateOpenAPI {
    static let jobStatusOperationID = "getLoomJobStatus"

    /// `GET /loom/jobs/{jobId}`, served by a server whose schema declares jobs.
    static func jobStatusPath(_ schema: ResolvedSchema) -> JSONNode {
        var responses: [(String, JSONNode)] = [
            ("200", .object([
                ("description", .string("The job, for as long as it is retained.")),
                ("content", .object([("application/json", .object([("schema", reference("LoomJobStatus"))]))])),
            ])),
            ("400", reference(response: "BadRequest")),
        ]
        if schema.auth != nil { responses.append(("401", reference(response: "Unauthorized"))) }
        responses += [("404", reference(response: "NotFound")), ("503", reference(response: "Unavailable"))]
        let parameter = JSONNode.object([
            ("name", .string(JobStatusRoute.parameter)), ("in", .string("path")), ("required", .bool(true)),
            ("schema", scalarSchema(.uuid)),
        ])
        return .object([("get", .object([
            ("operationId", .string(jobStatusOperationID)),
            ("tags", .array([.string("Jobs")])),
            ("summary", .string("A dispatched job's state, attempts, last error and result")),
            ("parameters", .array([parameter])),
            ("responses", .object(responses)),
        ]))])
    }

    /// `LoomJobStatus` and `LoomJobState` (prefixed: a schema may declare a model named `JobStatus`).
    static func jobStatusComponents() -> [(String, JSONNode)] {
        let string = JSONNode.object([("type", .string("string"))])
        let integer = JSONNode.object([("type", .string("integer"))])
        let any = JSONNode.object([])
        let properties: [(String, JSONNode)] = JobStatusRoute.members.map { member in
            let schema: JSONNode = switch member {
            case "id": scalarSchema(.uuid)
            case "state": reference("LoomJobState")
            case "attempts", "maxAttempts", "priority": integer
            case "payload", "result": any
            case "runAt", "createdAt", "updatedAt": scalarSchema(.dateTime)
            default: string
            }
            return (member, schema)
        }
        let required = JobStatusRoute.members.filter { !JobStatusRoute.optionalMembers.contains($0) }
        let states = JobState.allCases.map { JSONNode.string($0.rawValue) }
        return [
            ("LoomJobStatus", object(properties, required: required, description: "A job as the job status route answers it.")),
            ("LoomJobState", .object([
                ("type", .string("string")), ("enum", .array(states)),
                ("description", .string("`failed`: an attempt failed and another will follow; `dead`: the last one failed.")),
            ])),
        ]
    }
}
