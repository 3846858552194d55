import Foundation
import HTTPTypes
import LoomClient
import OpenAPIRuntime

/// A `ClientTransport` that records every request (its head, body, base URL and operation) and answers from a script:
/// one reply per call, the last one repeated.
final class RecordingTransport: ClientTransport, @unchecked Sendable {
    struct Recorded: Sendable {
        var request: HTTPRequest
        var body: Data?
        var baseURL: URL
        var operationID: String

        var path: String { request.path ?? "" }
        func header(_ name: String) -> String? { request.headerFields[HTTPField.Name(name)!] }
    }

    enum Reply: Sendable {
        case answer(status: Int, body: String, headers: [String: String] = [:])
        case failure(any Error & Sendable)
    }

    private let lock = NSLock()
    private var script: [Reply]
    private var recorded: [Recorded] = []
    /// Answers a request from what it asks for, instead of the script.
    private let responder: (@Sendable (Recorded) -> Reply)?

    init(_ script: [Reply]) {
        self.script = script
        self.responder = nil
    }

    init(responder: @escaping @Sendable (Recorded) -> Reply) {
        self.script = []
        self.responder = responder
    }

    /// A transport that answers every request with `status` and `body`.
    convenience init(status: Int = 200, body: String, headers: [String: String] = [:]) {
        self.init([.answer(status: status, body: body, headers: headers)])
    }

    var requests: [Recorded] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        var bytes: Data?
        if let body { bytes = try await Data(collecting: body, upTo: 1 << 20) }
        let entry = Recorded(request: request, body: bytes, baseURL: baseURL, operationID: operationID)
        let reply: Reply = {
            lock.lock(); defer { lock.unlock() }
            recorded.append(entry)
            if let responder { return responder(entry) }
            return script.count > 1 ? script.removeFirst() : script[0]
        }()
        switch reply {
        case .failure(let error):
            throw error
        case .answer(let status, let text, let headers):
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            if !text.isEmpty && fields[.contentType] == nil { fields[.contentType] = "application/json" }
            return (HTTPResponse(status: .init(code: status), headerFields: fields), text.isEmpty ? nil : HTTPBody(text))
        }
    }
}

/// The waits a client slept, in order, without sleeping.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []

    var recorded: [Duration] {
        lock.lock(); defer { lock.unlock() }
        return waits
    }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            lock.withLock { waits.append(duration) }
        }
    }
}

/// Request ids `req-1`, `req-2`, … in order.
final class CountingRequestIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// The id made last.
    var last: String {
        lock.lock(); defer { lock.unlock() }
        return "req-\(count)"
    }

    var make: @Sendable () -> String {
        { [self] in
            lock.lock(); defer { lock.unlock() }
            count += 1
            return "req-\(count)"
        }
    }
}

/// A transport error as URLSession's would be, for the retry tests.
struct ConnectionReset: Error, Sendable, Equatable {}

extension LoomClientCore {
    /// A client of `https://api.example.com` over `transport`, sleeping through `sleeper` and numbering its requests.
    static func testing(
        _ transport: RecordingTransport, sleeper: SleepRecorder = SleepRecorder(), ids: CountingRequestIDs = CountingRequestIDs(),
        retryPolicy: LoomRetryPolicy = LoomRetryPolicy(jitter: 0), token: (@Sendable () async throws -> String?)? = nil,
        middlewares: [any ClientMiddleware] = []
    ) -> LoomClientCore {
        LoomClientCore(configuration: LoomClientConfiguration(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: middlewares, bearerToken: token,
            makeRequestID: ids.make, retryPolicy: retryPolicy, sleep: sleeper.sleep))
    }
}
