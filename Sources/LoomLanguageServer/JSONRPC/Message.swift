import Foundation

/// One JSON-RPC 2.0 message as it arrives: a request (`id` and `method`), a notification (`method` only) or a response
/// to a request of ours (`id` and `result` or `error`).
public struct IncomingMessage: Sendable, Decodable {
    public var id: RequestID?
    public var method: String?
    public var params: JSONValue?
    public var result: JSONValue?
    public var error: ResponseError?

    public init(id: RequestID?, method: String?, params: JSONValue?) {
        self.id = id
        self.method = method
        self.params = params
    }

    public var isRequest: Bool { id != nil && method != nil }
}

/// The `error` of a response.
public struct ResponseError: Error, Sendable, Codable, Hashable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public static func parseError(_ message: String) -> ResponseError { ResponseError(code: -32700, message: message) }
    public static func invalidRequest(_ message: String) -> ResponseError { ResponseError(code: -32600, message: message) }
    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: -32601, message: "no method \(method)")
    }
    public static func invalidParams(_ message: String) -> ResponseError { ResponseError(code: -32602, message: message) }
    public static func internalError(_ message: String) -> ResponseError { ResponseError(code: -32603, message: message) }
    public static let serverNotInitialized = ResponseError(code: -32002, message: "the server is not initialized")
    public static let requestCancelled = ResponseError(code: -32800, message: "the request was cancelled")
    public static func requestFailed(_ message: String) -> ResponseError { ResponseError(code: -32803, message: message) }
}

/// What the server sends: a response, or a notification of its own (`textDocument/publishDiagnostics`).
enum OutgoingMessage: Encodable {
    case response(id: RequestID?, result: JSONValue)
    case failure(id: RequestID?, error: ResponseError)
    case notification(method: String, params: JSONValue)
    /// A request of the server's own (`client/registerCapability`); the client's answer is not waited for.
    case request(id: RequestID, method: String, params: JSONValue)

    private enum Keys: String, CodingKey { case jsonrpc, id, result, error, method, params }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        switch self {
        case .response(let id, let result):
            try container.encode(id.map(JSONValue.init) ?? .null, forKey: .id)
            try container.encode(result, forKey: .result)
        case .failure(let id, let error):
            try container.encode(id.map(JSONValue.init) ?? .null, forKey: .id)
            try container.encode(error, forKey: .error)
        case .notification(let method, let params):
            try container.encode(method, forKey: .method)
            try container.encode(params, forKey: .params)
        case .request(let id, let method, let params):
            try container.encode(JSONValue(id), forKey: .id)
            try container.encode(method, forKey: .method)
            try container.encode(params, forKey: .params)
        }
    }
}

extension JSONValue {
    init(_ id: RequestID) {
        switch id {
        case .number(let number): self = .integer(number)
        case .string(let string): self = .string(string)
        }
    }
}
