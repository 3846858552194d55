import Foundation
import HTTPTypes

/// One request as generated code describes it: a method, an encoded path, query items, a JSON body. The client adds
/// the server URL, the headers every request carries, retries and middlewares.
public struct LoomRequest: Sendable {
    public var method: HTTPRequest.Method
    /// An absolute path with its segments already encoded (`LoomPath.segment`), without a query.
    public var path: String
    public var query: [LoomQueryItem]
    /// JSON, sent with `content-type: application/json`.
    public var body: Data?
    /// Header fields of this request alone (`If-None-Match`); the client's own are added to them.
    public var headerFields: HTTPFields
    /// The OpenAPI operation (`getProduct`) for the transport and middlewares; nil: `METHOD /path`.
    public var operationID: String?

    public init(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], body: Data? = nil,
        headerFields: HTTPFields = [:], operationID: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headerFields = headerFields
        self.operationID = operationID
    }

    /// `/products?limit=2`: what `HTTPRequest.path` holds.
    public var pathAndQuery: String {
        let path = self.path.hasPrefix("/") ? self.path : "/" + self.path
        return query.isEmpty ? path : path + "?" + LoomQueryItem.queryString(query)
    }

    /// What names the request to a transport, a middleware and an error.
    var operationName: String { operationID ?? method.rawValue + " " + path }
}
