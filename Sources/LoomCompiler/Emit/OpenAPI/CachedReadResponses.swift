/// What a cached read adds to its operation (`cache ttl 60s` on the model, for its get and list, or on a GET route):
/// the `If-None-Match` request header, an `ETag` on the success, and a 304 while that ETag is current. The header
/// parameter and the 304 are defined once in `components` and referenced.
enum CachedReadResponses {
    static let notModifiedName = "NotModified"
    static let ifNoneMatchName = "IfNoneMatch"

    static func isCached(_ endpoint: Endpoint) -> Bool { endpoint.method == .get && endpoint.cacheTTLSeconds != nil }

    static func hasCachedReads(_ schema: ResolvedSchema) -> Bool { schema.endpoints.contains(where: isCached) }

    /// The success's (and the 304's) `ETag`.
    static let etagHeader: (String, JSONNode) = ("ETag", .object([
        ("description", .string("The answer's version: send it in `If-None-Match` to get a 304 while it is current.")),
        ("schema", .object([("type", .string("string"))])),
    ]))

    /// `components.responses.NotModified`: no body.
    static let notModified: JSONNode = .object([
        ("description", .string("Not modified: the `If-None-Match` ETag is current.")),
        ("headers", .object([etagHeader])),
    ])

    /// `components.parameters.IfNoneMatch`.
    static let ifNoneMatch: JSONNode = .object([
        ("name", .string("If-None-Match")), ("in", .string("header")), ("required", .bool(false)),
        ("description", .string("The `ETag` of an answer already held: a 304 without a body while it is current.")),
        ("schema", .object([("type", .string("string"))])),
    ])
}
