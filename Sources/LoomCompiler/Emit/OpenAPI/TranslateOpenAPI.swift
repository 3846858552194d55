/// The schema's HTTP API as an OpenAPI 3.1 document, from the endpoint table and the models, commands and enums:
/// every route with its path, query and body parameters (types, constraints, presence), its success response (an
/// entity, a page in either envelope, a command) and every error response it can give, all in the one error envelope.
/// Doc comments become descriptions. Served at `GET /openapi.json` (embedded by `loom-openapi.swift`) and committed
/// as `openapi.json`. A schema with `auth` adds the bearer scheme, its 401 and 403 answers and the fields a rule may
/// hide; a schema without it gets none of these, so its document is unchanged by them.
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
                ("content", .object([("application/json", .object([("schema", reference(bodyName(body)))]))])),
            ])))
        }
        var responses: [(String, JSONNode)] = [(String(endpoint.status), success(endpoint))]
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
        responses.append(("503", reference(response: "Unavailable")))
        members.append(("responses", .object(responses)))
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

    static func bodyName(_ body: Endpoint.RequestBody) -> String {
        switch body {
        case .create(let model): model + "Create"
        case .update(let model): model + "Update"
        case .command(let name): name
        }
    }

    static func success(_ endpoint: Endpoint) -> JSONNode {
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
        if let content { members.append(("content", .object([("application/json", .object([("schema", content)]))]))) }
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

    /// The pagination parameters of a list route: its modes depend on the route, the rest are shared.
    static func pageParameters(_ query: Endpoint.ListQuery) -> [JSONNode] {
        let modes = query.paginationOverride ? ["offset", "cursor"] : [query.pagination.rawValue]
        let paging = (modes.contains("offset") ? ["page"] : []) + ["limit"] + (modes.contains("cursor") ? ["after", "cursor"] : [])
        return [queryParameter("pagination", .object([("type", .string("string")), ("enum", .array(modes.map(JSONNode.string)))]), nil)]
            + paging.map { reference(parameter: $0) }
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
            for op in operators {
                let schema: JSONNode = switch op {
                case "in", "not_in": .object([("type", .string("string")), ("description", .string("A comma-separated list."))])
                case "is_null": .object([("type", .string("boolean"))])
                case "like", "ilike", "contains", "startswith": .object([("type", .string("string"))])
                default: scalarSchema(field.type)
                }
                let name = field.name + "__" + op
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
        let directions = ["ASC", "DESC", "asc", "desc"].map(JSONNode.string)
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
            ("limit", queryParameter("limit", .object([("type", .string("integer")), ("minimum", .integer(1))]), "Items per page.")),
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

    /// The operators a list route accepts on a field of this type besides plain equality; nil when it cannot be
    /// filtered on (JSON, arrays).
    static func filterOperators(_ type: ScalarType) -> [String]? {
        let common = ["ne", "in", "not_in", "is_null"]
        switch type {
        case .int, .int32, .double, .decimal, .date, .dateTime: return common + ["gt", "gte", "lt", "lte"]
        case .string, .text: return common + ["gt", "gte", "lt", "lte", "like", "ilike", "contains", "startswith"]
        case .bool, .uuid, .enumeration: return common
        case .json, .array: return nil
        }
    }

    // MARK: Components

    static func components(_ schema: ResolvedSchema) -> [(String, JSONNode)] {
        var components: [(String, JSONNode)] = []
        for model in schema.models {
            components.append((model.name, entitySchema(model)))
            if let inputs = model.inputs {
                components.append((model.name + "Create", commandSchema(inputs.create)))
                components.append((model.name + "Update", commandSchema(inputs.update)))
            }
            components.append((model.name + "OffsetPage", object(
                [("items", .object([("type", .string("array")), ("items", reference(model.name))])),
                 ("totalCount", .object([("type", .string("integer"))])), ("page", .object([("type", .string("integer"))])),
                 ("limit", .object([("type", .string("integer"))])), ("hasNext", .object([("type", .string("boolean"))]))],
                required: ["items", "totalCount", "page", "limit", "hasNext"], description: "An offset page of \(model.name).")))
            components.append((model.name + "CursorPage", object(
                [("items", .object([("type", .string("array")), ("items", reference(model.name))])),
                 ("nextCursor", .object([("type", .array([.string("string"), .string("null")]))])),
                 ("hasNext", .object([("type", .string("boolean"))]))],
                required: ["items", "nextCursor", "hasNext"], description: "A cursor page of \(model.name): pass `nextCursor` as `after`.")))
        }
        for command in schema.commands { components.append((command.name, commandSchema(command))) }
        for enumeration in schema.enums {
            var members: [(String, JSONNode)] = [("type", .string("string")), ("enum", .array(enumeration.cases.map(JSONNode.string)))]
            if !enumeration.doc.isEmpty { members.append(("description", .string(enumeration.doc.joined(separator: "\n")))) }
            components.append((enumeration.name, .object(members)))
        }
        components.append(("Error", errorSchema(auth: schema.auth != nil)))
        return components
    }

    static func entitySchema(_ model: Model) -> JSONNode {
        let hidden = hideableFields(model)
        let properties = model.fields.map { field in
            let doc = hidden.contains(field.name) ? field.doc + [hiddenFieldNote] : field.doc
            return (field.name, described(nullable(scalarSchema(field.type), field.isOptional), doc))
        }
        return object(properties, required: model.fields.map(\.name).filter { !hidden.contains($0) },
                      description: model.doc.isEmpty ? nil : model.doc.joined(separator: "\n"))
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
        let codes = ["bad_request"] + (auth ? ["unauthenticated", "forbidden"] : []) + [
            "not_found", "conflict", "validation_error", "rule_violations", "unavailable", "not_implemented",
            "payload_too_large", "method_not_allowed", "internal_error",
        ]
        let detail = object(
            [("code", .object([("type", .string("string")), ("enum", .array(codes.map(JSONNode.string)))])),
             ("message", .object([("type", .string("string"))])),
             ("traceId", .object([("type", .string("string")), ("description", .string("The request's `x-request-id`."))]))],
            required: ["code", "message"], description: "What went wrong; some codes add fields (`entity` and `id`, `parameter`, `fields`, `violations`).")
        return object([("detail", detail)], required: ["detail"], description: "The one shape of every error response.")
    }

    static func sharedResponses(_ schema: ResolvedSchema) -> [(String, JSONNode)] {
        var responses = (errorResponses.map { ($0.name, $0.description) } + [("Unavailable", "The database (or Redis) did not answer in time; try again.")]).map { name, description in
            (name, errorResponse(description))
        }
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
            case .minLength(let length): schema = adding(("minLength", .integer(length)), to: schema)
            case .maxLength(let length): schema = adding(("maxLength", .integer(length)), to: schema)
            case .range(let minimum, let maximum):
                if let minimum { schema = adding(("minimum", .number(minimum)), to: schema) }
                if let maximum { schema = adding(("maximum", .number(maximum)), to: schema) }
            case .pattern(let pattern): schema = adding(("pattern", .string(pattern)), to: schema)
            case .email: schema = adding(("format", .string("email")), to: schema)
            case .oneOf(let values): schema = adding(("enum", .array(values.map(JSONNode.string))), to: schema)
            case .notBlank: schema = adding(("pattern", .string("\\S")), to: schema)
            }
        }
        return schema
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
