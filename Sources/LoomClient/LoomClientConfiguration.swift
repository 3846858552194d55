import Foundation
import OpenAPIRuntime

/// Everything a generated client needs to reach its server, set once by the app.
public struct LoomClientConfiguration: Sendable {
    /// The server's base URL (`https://api.example.com`, or with a path prefix); request paths go under it.
    public var serverURL: URL
    /// OpenAPIRuntime's transport: `URLSessionTransport()` (swift-openapi-urlsession) on Apple platforms and Linux,
    /// `AsyncHTTPClientTransport()` on a server, a recording one in tests.
    public var transport: any ClientTransport
    /// OpenAPIRuntime middlewares (logging, metrics, extra headers), first to last around each attempt.
    public var middlewares: [any ClientMiddleware]
    /// The bearer token, asked for before each attempt so a refreshed one is used on a retry; nil sends no
    /// `Authorization`. Its error is the call's error.
    public var bearerToken: (@Sendable () async throws -> String?)?
    /// The `x-request-id` of each request (one per call, the same on its retries).
    public var makeRequestID: @Sendable () -> String
    public var retryPolicy: LoomRetryPolicy
    /// How a wait between attempts is slept: `Task.sleep` unless a test replaces it.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The largest answer body read; past it the call fails rather than fill memory.
    public var maximumResponseBytes: Int
    public var encoder: JSONEncoder
    public var decoder: JSONDecoder

    public init(
        serverURL: URL, transport: any ClientTransport, middlewares: [any ClientMiddleware] = [],
        bearerToken: (@Sendable () async throws -> String?)? = nil,
        makeRequestID: @escaping @Sendable () -> String = LoomRequestID.random,
        retryPolicy: LoomRetryPolicy = .default,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        maximumResponseBytes: Int = 32 << 20,
        encoder: JSONEncoder = LoomJSONCoding.makeEncoder(), decoder: JSONDecoder = LoomJSONCoding.makeDecoder()
    ) {
        self.serverURL = serverURL
        self.transport = transport
        self.middlewares = middlewares
        self.bearerToken = bearerToken
        self.makeRequestID = makeRequestID
        self.retryPolicy = retryPolicy
        self.sleep = sleep
        self.maximumResponseBytes = maximumResponseBytes
        self.encoder = encoder
        self.decoder = decoder
    }
}
