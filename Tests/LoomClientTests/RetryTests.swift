import Foundation
import HTTPTypes
import LoomClient
import Testing

@Suite("retries: idempotent methods only, on transport errors and 503, with exponential backoff and jitter")
struct RetryTests {
    static let unavailable = RecordingTransport.Reply.answer(
        status: 503, body: #"{"detail":{"code":"unavailable","message":"the database did not answer in time; try again","traceId":"t"}}"#)
    static let ok = RecordingTransport.Reply.answer(status: 200, body: "true")

    @Test("idempotent methods are sent again after a 503 and after a transport error", arguments: [
        HTTPRequest.Method.get, .head, .put, .delete, .options,
    ])
    func idempotent(method: HTTPRequest.Method) async throws {
        let transport = RecordingTransport([Self.unavailable, .failure(ConnectionReset()), Self.ok])
        let sleeper = SleepRecorder()
        let client = LoomClientCore.testing(transport, sleeper: sleeper)
        let answer = try await client.perform(LoomRequest(method, path: "/products/1"))
        #expect(answer.status == .ok)
        #expect(answer.attempts == 3)
        #expect(transport.requests.count == 3)
        // 200 ms, then twice that (no jitter in this policy).
        #expect(sleeper.recorded == [.milliseconds(200), .milliseconds(400)])
    }

    @Test("POST and PATCH are sent once, whatever happens", arguments: [HTTPRequest.Method.post, .patch])
    func notIdempotent(method: HTTPRequest.Method) async throws {
        let unavailable = RecordingTransport([Self.unavailable, Self.ok])
        let client = LoomClientCore.testing(unavailable)
        let error = try await #require(throws: LoomClientError.self) {
            try await client.send(method, path: "/products/1", body: ProductUpdate(stock: 1), as: Bool.self)
        }
        #expect(error.reason == .unavailable)
        #expect(unavailable.requests.count == 1)

        let failing = RecordingTransport([.failure(ConnectionReset()), Self.ok])
        let sleeper = SleepRecorder()
        let second = LoomClientCore.testing(failing, sleeper: sleeper)
        let transportError = try await #require(throws: LoomTransportError.self) {
            try await second.send(method, path: "/products/1", body: ProductUpdate(stock: 1), as: Bool.self)
        }
        #expect(transportError.attempts == 1)
        #expect(transportError.underlying is ConnectionReset)
        #expect(failing.requests.count == 1)
        #expect(sleeper.recorded.isEmpty)
    }

    @Test("three attempts by default, then the last answer's error or a LoomTransportError")
    func exhausted() async throws {
        let transport = RecordingTransport([Self.unavailable])
        let sleeper = SleepRecorder()
        let client = LoomClientCore.testing(transport, sleeper: sleeper)
        let error = try await #require(throws: LoomClientError.self) { try await client.send(.get, path: "/products/1", as: Bool.self) }
        #expect(error.reason == .unavailable && error.status == 503)
        #expect(transport.requests.count == 3)
        #expect(sleeper.recorded.count == 2)

        let failing = RecordingTransport([.failure(ConnectionReset())])
        let transportError = try await #require(throws: LoomTransportError.self) {
            try await LoomClientCore.testing(failing).send(.delete, path: "/products/1")
        }
        #expect(transportError.attempts == 3)
        #expect(transportError.requestID == "req-1")
        #expect(transportError.method == .delete && transportError.path == "/products/1")
        #expect(failing.requests.count == 3)
    }

    @Test("no retry for other errors: a 500, a 502, a 404")
    func otherStatuses() async throws {
        for status in [500, 502, 404] {
            let transport = RecordingTransport([.answer(status: status, body: ""), Self.ok])
            await #expect(throws: LoomClientError.self) { try await LoomClientCore.testing(transport).send(.get, path: "/x") }
            #expect(transport.requests.count == 1, "\(status)")
        }
    }

    @Test("a policy changes the attempts and statuses, or turns retries off")
    func policies() async throws {
        let five = RecordingTransport([.answer(status: 502, body: "")])
        let sleeper = SleepRecorder()
        let policy = LoomRetryPolicy(maximumAttempts: 5, initialDelay: .seconds(1), multiplier: 3, maximumDelay: .seconds(10), jitter: 0, retryableStatuses: [502, 503])
        await #expect(throws: LoomClientError.self) {
            try await LoomClientCore.testing(five, sleeper: sleeper, retryPolicy: policy).send(.get, path: "/x")
        }
        #expect(five.requests.count == 5)
        // 1 s, 3 s, 9 s, then capped at 10 s.
        #expect(sleeper.recorded == [.seconds(1), .seconds(3), .seconds(9), .seconds(10)])

        let once = RecordingTransport([Self.unavailable, Self.ok])
        await #expect(throws: LoomClientError.self) {
            try await LoomClientCore.testing(once, retryPolicy: .none).send(.get, path: "/x")
        }
        #expect(once.requests.count == 1)
    }

    @Test("jitter takes up to its share off each wait, at random")
    func jitter() {
        let policy = LoomRetryPolicy(initialDelay: .milliseconds(200), jitter: 0.5)
        var generator = SystemRandomNumberGenerator()
        var seen = Set<Duration>()
        for _ in 0..<200 {
            let first = policy.delay(afterAttempt: 1, using: &generator)
            let second = policy.delay(afterAttempt: 2, using: &generator)
            #expect(first > .milliseconds(100) && first <= .milliseconds(200))
            #expect(second > .milliseconds(200) && second <= .milliseconds(400))
            seen.insert(first)
        }
        #expect(seen.count > 10)
        #expect(LoomRetryPolicy.default.maximumAttempts == 3)
        #expect(LoomRetryPolicy.default.attempts(for: .post) == 1)
    }

    @Test("a 503's Retry-After is waited when within the policy's longest wait; past it, the 503 is the answer")
    func retryAfter() async throws {
        let short = RecordingTransport([
            .answer(status: 503, body: "", headers: ["Retry-After": "2"]), Self.ok,
        ])
        let sleeper = SleepRecorder()
        _ = try await LoomClientCore.testing(short, sleeper: sleeper).send(.get, path: "/x", as: Bool.self)
        #expect(sleeper.recorded == [.seconds(2)])

        let long = RecordingTransport([.answer(status: 503, body: "", headers: ["Retry-After": "120"]), Self.ok])
        let error = try await #require(throws: LoomClientError.self) { try await LoomClientCore.testing(long).send(.get, path: "/x") }
        #expect(error.headerFields[.retryAfter] == "120")
        #expect(long.requests.count == 1)
    }

    @Test("a cancelled task stops retrying")
    func cancellation() async throws {
        let transport = RecordingTransport([.failure(ConnectionReset())])
        let client = LoomClientCore(configuration: LoomClientConfiguration(
            serverURL: URL(string: "https://api.example.com")!, transport: transport,
            sleep: { _ in throw CancellationError() }))
        await #expect(throws: CancellationError.self) { try await client.send(.get, path: "/x") }
        #expect(transport.requests.count == 1)
    }
}
