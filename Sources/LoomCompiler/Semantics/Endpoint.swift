/// One HTTP operation the schema serves: an auto-CRUD route or a custom route, resolved once. Clash detection, the
/// generated route registration and (later) OpenAPI and use-case routing all read `ResolvedSchema.endpoints` and
/// nothing else, so what `/users/{userId}` is gets decided in one place.
public struct Endpoint: Sendable, Hashable {
    /// What answers the request.
    public enum Handler: Sendable, Hashable {
        /// A generated CRUD handler of a model.
        case crud(model: String, operation: CRUDOperation)
        /// The user's implementation of a use case.
        case useCase(String)
    }

    /// A `{name}` of the path, typed.
    public struct PathParameter: Sendable, Hashable {
        public enum Role: Sendable, Hashable {
            /// The key of the row the route acts on (`{userId}` of `/users/{userId}`).
            case itemKey(model: String)
            /// The key of a nested resource's parent (`{userId}` of `/users/{userId}/addresses`).
            case parentKey(model: String)
            /// A parameter of the use case.
            case useCaseParameter
        }

        public var name: String
        public var type: ScalarType
        public var role: Role

        public init(name: String, type: ScalarType, role: Role) {
            self.name = name
            self.type = type
            self.role = role
        }
    }

    /// The filter, sort and page parameters of a list route, typed by `model`.
    public struct ListQuery: Sendable, Hashable {
        public var model: String
        public var pagination: PaginationMode
        /// Whether `?pagination=` may pick the other mode.
        public var paginationOverride: Bool
        /// The fields a filter may name, as the resource lists them; nil: every field.
        public var filterable: [String]?
        /// The fields `?sort=` may name; nil: every field.
        public var sortable: [String]?
        /// The page size of a request that names no `limit` (`limit 20`); nil: `ListParameter.defaultLimit`.
        public var pageSize: Int?

        public init(
            model: String, pagination: PaginationMode, paginationOverride: Bool, filterable: [String]? = nil,
            sortable: [String]? = nil
        ) {
            self.model = model
            self.pagination = pagination
            self.paginationOverride = paginationOverride
            self.filterable = filterable
            self.sortable = sortable
        }
    }

    /// What a success answers with.
    public enum ResponseBody: Sendable, Hashable {
        case none
        case entity(String)
        /// A page of a model in `pagination`'s envelope (a request may switch when the list query allows it).
        case page(String)
        case command(String)
        case scalar(ScalarType)
    }

    /// The request body: a model's synthesised input (`User.Create`) or a declared command.
    public enum RequestBody: Sendable, Hashable {
        case create(model: String)
        case update(model: String)
        case command(String)
    }

    /// The client errors a route can answer with, besides 5xx.
    public enum ErrorKind: String, Sendable, Hashable, CaseIterable {
        /// 400: a malformed query parameter or cursor.
        case badRequest
        /// 404: the row (or its parent) does not exist.
        case notFound
        /// 409: a unique value taken, or a row still referenced.
        case conflict
        /// 422: a body that does not fit its type or breaks a constraint.
        case validation
    }

    /// `createUser`, `listAddresses`, or the use case's name in lowerCamelCase.
    public var operationID: String
    public var method: HTTPMethod
    /// The full path, parameters as `{name}` (`/users/{userId}/addresses/{addressId}`).
    public var path: String
    public var pathParameters: [PathParameter]
    public var listQuery: ListQuery?
    public var requestBody: RequestBody?
    public var status: Int
    public var responseBody: ResponseBody
    public var errors: [ErrorKind]
    public var handler: Handler
    /// The model whose resource declares the endpoint.
    public var resource: String
    /// The read profile applied to the result (custom routes); CRUD reads take `?profile=`.
    public var profile: String?
    /// The profiles `?profile=` may name (the auto-CRUD get and list, and a custom list route without a `profile` of
    /// its own), in the model's order; nil on a route that takes no `?profile=`.
    public var exposedProfiles: [String]?
    public var tags: [String]
    public var summary: String?
    public var description: String?
    /// How long a GET's answers are cached, in seconds (`cache ttl 60s` on the model or the route); nil when they are
    /// not. A cached answer carries an `ETag`, and a request naming it in `If-None-Match` gets a 304.
    public var cacheTTLSeconds: Int?
    public var range: SourceRange

    public init(
        operationID: String, method: HTTPMethod, path: String, pathParameters: [PathParameter], listQuery: ListQuery?,
        requestBody: RequestBody?, status: Int, responseBody: ResponseBody, errors: [ErrorKind], handler: Handler,
        resource: String, profile: String?, tags: [String], summary: String?, description: String?, range: SourceRange
    ) {
        self.operationID = operationID
        self.method = method
        self.path = path
        self.pathParameters = pathParameters
        self.listQuery = listQuery
        self.requestBody = requestBody
        self.status = status
        self.responseBody = responseBody
        self.errors = errors
        self.handler = handler
        self.resource = resource
        self.profile = profile
        self.tags = tags
        self.summary = summary
        self.description = description
        self.range = range
    }

    /// The path with every parameter blanked (`/users/{}/addresses`): two endpoints with the same method and shape
    /// clash, as a router cannot tell `/users/{id}` from `/users/{key}`.
    public var shape: String {
        // On bytes: the checker keys every endpoint by its shape on each analysis.
        var shape: [UInt8] = []
        shape.reserveCapacity(path.utf8.count)
        var inParameter = false
        for byte in path.utf8 {
            if inParameter {
                if byte == UInt8(ascii: "/") {
                    inParameter = false
                    shape.append(byte)
                }
            } else if byte == UInt8(ascii: "{") && (shape.isEmpty || shape.last == UInt8(ascii: "/")) {
                inParameter = true
                shape += [UInt8(ascii: "{"), UInt8(ascii: "}")]
            } else {
                shape.append(byte)
            }
        }
        return String(decoding: shape, as: UTF8.self)
    }
}
