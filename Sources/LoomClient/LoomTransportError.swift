import HTTPTypes

/// No answer: the transport (or a middleware) failed on every attempt the retry policy allowed, or on the one
/// attempt of a POST or PATCH, which may or may not have been applied.
public struct LoomTransportError: Error, CustomStringConvertible, @unchecked Sendable {
    public var method: HTTPRequest.Method
    public var path: String
    /// The `x-request-id` every attempt was sent with.
    public var requestID: String
    public var attempts: Int
    /// The last attempt's error (a `URLError`, an `HTTPClientError`, a middleware's).
    public var underlying: any Error

    public init(method: HTTPRequest.Method, path: String, requestID: String, attempts: Int, underlying: any Error) {
        self.method = method
        self.path = path
        self.requestID = requestID
        self.attempts = attempts
        self.underlying = underlying
    }

    public var description: String {
        "\(method.rawValue) \(path) failed after \(attempts) attempt\(attempts == 1 ? "" : "s") (request \(requestID)): \(underlying)"
    }
}
