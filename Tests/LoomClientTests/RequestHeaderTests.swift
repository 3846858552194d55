import Foundation
import HTTPTypes
import LoomClient
import OpenAPIRuntime
import Testing

@Suite("requests: method, path, body and the headers every request carries")
struct RequestHeaderTests {
    static let product = #"{"id":7,"sku":"S1","name":"Saw","category":"tools","priceCents":100,"stock":0,"createdAt":"2026-12-05T10:00:00.123456Z","updatedAt":"2026-12-05T10:00:00.123456Z"}"#

    @Test("a bearer token, an x-request-id, accept and the JSON body's content-type")
    func headers() async throws {
        let transport = RecordingTransport(status: 201, body: Self.product, headers: ["Location": "/products/7"])
        let client = LoomClientCore.testing(transport, token: { "secret-token" })
        let created = try await client.sendForResponse(
            .post, path: "/products", body: ProductCreate(sku: "S1", name: "Saw", category: "tools", priceCents: 100),
            as: Product.self, operationID: "createProduct")
        #expect(created.status == .created)
        #expect(created.location == "/products/7")
        #expect(created.answer.id == 7)
        #expect(created.requestID == "req-1")

        let sent = try #require(transport.requests.first)
        #expect(sent.request.method == .post)
        #expect(sent.path == "/products")
        #expect(sent.baseURL.absoluteString == "https://api.example.com")
        #expect(sent.operationID == "createProduct")
        #expect(sent.header("authorization") == "Bearer secret-token")
        #expect(sent.header("x-request-id") == "req-1")
        #expect(sent.header("accept") == "application/json")
        #expect(sent.header("content-type") == "application/json")
        #expect(String(decoding: try #require(sent.body), as: UTF8.self) == #"{"category":"tools","name":"Saw","priceCents":100,"sku":"S1"}"#)
    }

    @Test("no token, no authorization header; no body, no content-type; a fresh id per call")
    func noToken() async throws {
        let transport = RecordingTransport(body: Self.product)
        let client = LoomClientCore.testing(transport, token: { nil })
        _ = try await client.send(.get, path: "/products/7", as: Product.self)
        _ = try await client.send(.get, path: "/products/7", as: Product.self)
        let requests = transport.requests
        #expect(requests.map { $0.header("authorization") } == [nil, nil])
        #expect(requests.map { $0.header("content-type") } == [nil, nil])
        #expect(requests.map { $0.header("x-request-id") } == ["req-1", "req-2"])
        #expect(requests.first?.operationID == "GET /products/7")
    }

    @Test("the token provider is asked before every attempt; the id stays the same across retries")
    func retriedHeaders() async throws {
        let transport = RecordingTransport([
            .answer(status: 503, body: #"{"detail":{"code":"unavailable","message":"try again","traceId":"req-1"}}"#),
            .failure(ConnectionReset()),
            .answer(status: 200, body: Self.product),
        ])
        let tokens = CountingRequestIDs()
        let client = LoomClientCore.testing(transport, token: { tokens.make() })
        _ = try await client.send(.get, path: "/products/7", as: Product.self)
        #expect(transport.requests.map { $0.header("x-request-id") } == ["req-1", "req-1", "req-1"])
        #expect(transport.requests.map { $0.header("authorization") } == ["Bearer req-1", "Bearer req-2", "Bearer req-3"])
    }

    @Test("a token provider's error is the call's, not retried")
    func tokenFailure() async throws {
        struct NoSession: Error {}
        let transport = RecordingTransport(body: Self.product)
        let client = LoomClientCore.testing(transport, token: { throw NoSession() })
        await #expect(throws: NoSession.self) { try await client.send(.get, path: "/products/7", as: Product.self) }
        #expect(transport.requests.isEmpty)
    }

    @Test("a server URL with a trailing slash, a path prefix, and a request's own header fields")
    func serverURL() async throws {
        let transport = RecordingTransport(body: "true")
        let client = LoomClientCore(serverURL: URL(string: "https://api.example.com/store/")!, transport: transport)
        var request = LoomRequest(.delete, path: "/products/7", headerFields: [.ifMatch: "\"v1\""])
        request.operationID = "deleteProduct"
        let answer = try await client.checked(client.perform(request))
        #expect(answer.status == .ok)
        #expect(transport.requests.first?.baseURL.absoluteString == "https://api.example.com/store")
        #expect(transport.requests.first?.header("if-match") == "\"v1\"")
        // The default id: 32 lower-case hex digits.
        let id = try #require(transport.requests.first?.header("x-request-id"))
        #expect(id.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("the no-answer calls check the status but read no body")
    func noAnswer() async throws {
        let transport = RecordingTransport([.answer(status: 204, body: ""), .answer(status: 200, body: "true")])
        let client = LoomClientCore.testing(transport)
        try await client.send(.delete, path: "/products/7")
        try await client.send(.patch, path: "/products/7", body: ProductUpdate(stock: 3))
        #expect(transport.requests.map(\.request.method) == [.delete, .patch])
        #expect(transport.requests.last?.body.map { String(decoding: $0, as: UTF8.self) } == #"{"stock":3}"#)
    }

    @Test("middlewares run around every attempt, first to last")
    func middlewares() async throws {
        struct Tagging: ClientMiddleware {
            let tag: String
            func intercept(
                _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
            ) async throws -> (HTTPResponse, HTTPBody?) {
                var request = request
                let name = HTTPField.Name("x-trail")!
                request.headerFields[name] = (request.headerFields[name].map { $0 + "," } ?? "") + tag
                return try await next(request, body, baseURL)
            }
        }
        let transport = RecordingTransport([.failure(ConnectionReset()), .answer(status: 200, body: Self.product)])
        let client = LoomClientCore.testing(transport, middlewares: [Tagging(tag: "outer"), Tagging(tag: "inner")])
        _ = try await client.send(.get, path: "/products/7", as: Product.self)
        #expect(transport.requests.map { $0.header("x-trail") } == ["outer,inner", "outer,inner"])
    }

    @Test("a success body that is not the answer type is a LoomDecodingError with the status and request id")
    func undecodable() async throws {
        let client = LoomClientCore.testing(RecordingTransport(body: #"{"id":"seven"}"#))
        let error = try await #require(throws: LoomDecodingError.self) { try await client.send(.get, path: "/products/7", as: Product.self) }
        #expect(error.status == 200)
        #expect(error.requestID == "req-1")
        #expect(error.bodyPrefix == #"{"id":"seven"}"#)
    }

    @Test("an answer over maximumResponseBytes is refused, once, without a retry")
    func tooLarge() async throws {
        let transport = RecordingTransport(body: "[" + Array(repeating: "1", count: 100).joined(separator: ",") + "]")
        var configuration = LoomClientConfiguration(serverURL: URL(string: "https://api.example.com")!, transport: transport)
        configuration.maximumResponseBytes = 64
        let error = try await #require(throws: LoomDecodingError.self) {
            try await LoomClientCore(configuration: configuration).send(.get, path: "/numbers", as: [Int].self)
        }
        #expect(error.problem.contains("64 bytes"))
        #expect(transport.requests.count == 1)
    }

    @Test("path segments are percent-encoded; . and .. cannot climb")
    func pathSegments() {
        #expect(LoomPath.segment("A/B C") == "A%2FB%20C")
        #expect(LoomPath.segment("50%+x?y#z&w=v") == "50%25%2Bx%3Fy%23z%26w%3Dv")
        #expect(LoomPath.segment("café") == "caf%C3%A9")
        #expect(LoomPath.segment("a-b_c.d~e") == "a-b_c.d~e")
        #expect(LoomPath.segment(".") == "%2E")
        #expect(LoomPath.segment("..") == "%2E%2E")
        #expect(LoomPath.segment(42) == "42")
        #expect(LoomPath.segment(UUID(uuidString: "F5F0EF54-55F1-4960-B967-F5A3A828E389")!) == "f5f0ef54-55f1-4960-b967-f5a3a828e389")
    }

    @Test("a Location as a request path: an absolute path, a URL under the server, another URL's path")
    func locations() {
        let server = URL(string: "https://api.example.com/store")!
        #expect(LoomPath.requestPath(forLocation: "/loom/jobs/abc", serverURL: server) == "/loom/jobs/abc")
        #expect(LoomPath.requestPath(forLocation: "https://api.example.com/store/products/7", serverURL: server) == "/products/7")
        #expect(LoomPath.requestPath(forLocation: "https://cdn.example.com/x/y?z=1", serverURL: server) == "/x/y?z=1")
        #expect(LoomPath.requestPath(forLocation: "products/7", serverURL: server) == nil)
        #expect(LoomPath.requestPath(forLocation: "//evil.example.com/x", serverURL: server) == nil)
    }
}
