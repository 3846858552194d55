import Foundation
import HTTPTypes
import LoomClient
import LoomVocabulary
import Testing

@Suite("errors: the envelope decoded into a typed reason, with the message and the request id")
struct ErrorDecodingTests {
    /// The error a client gets for `body` with `status`.
    static func error(status: Int, body: String, headers: [String: String] = [:]) async throws -> LoomClientError {
        let client = LoomClientCore.testing(RecordingTransport(status: status, body: body, headers: headers), retryPolicy: .none)
        return try await #require(throws: LoomClientError.self) { try await client.send(.get, path: "/products/1", as: Bool.self) }
    }

    /// The reason each code is read as, with the members the server sends with it.
    static func expected(_ code: ErrorCode) -> (members: String, reason: LoomClientError.Reason) {
        let status = code.status ?? 418
        switch code {
        case .badRequest: return (#","parameter":"limit""#, .badRequest(parameter: "limit"))
        case .unauthenticated: return ("", .unauthorized)
        case .forbidden: return (#","fields":["role"]"#, .forbidden(fields: ["role"]))
        case .notFound: return (#","entity":"Product","id":7"#, .notFound(entity: "Product", id: "7"))
        case .conflict: return (#","fields":["sku"]"#, .conflict(fields: ["sku"]))
        case .validationError:
            return (#","violations":[{"field":"priceCents","message":"is required"}]"#,
                    .validation([.init(field: "priceCents", message: "is required")]))
        case .ruleViolations:
            return (#","violations":[{"field":"name","message":"must not be blank"},{"field":"priceCents","message":"must be at least 0"}]"#,
                    .ruleViolations([.init(field: "name", message: "must not be blank"), .init(field: "priceCents", message: "must be at least 0")]))
        case .unavailable: return ("", .unavailable)
        case .methodNotAllowed, .payloadTooLarge, .unsupportedMediaType, .clientError, .internalError, .notImplemented:
            return ("", .other(status: status, code: code.rawValue))
        }
    }

    @Test("every code of the vocabulary", arguments: ErrorCode.allCases)
    func everyCode(code: ErrorCode) async throws {
        let (members, reason) = Self.expected(code)
        let status = code.status ?? 418
        let body = #"{"detail":{"code":"\#(code.rawValue)","message":"what went wrong","traceId":"trace-9"\#(members)}}"#
        let error = try await Self.error(status: status, body: body)
        #expect(error.reason == reason)
        #expect(error.code == code)
        #expect(error.status == status)
        #expect(error.message == "what went wrong")
        #expect(error.requestID == "trace-9")
    }

    @Test("a not_found by another field: the value as the id, the field in fields; a route that is none: no entity")
    func notFoundBy() async throws {
        let byField = try await Self.error(
            status: 404,
            body: #"{"detail":{"code":"not_found","entity":"Product","fields":["sku"],"id":"NOPE","message":"Product with sku=NOPE not found","traceId":"t1"}}"#)
        #expect(byField.reason == .notFound(entity: "Product", id: "NOPE"))
        #expect(byField.fields == ["sku"])
        let route = try await Self.error(status: 404, body: #"{"detail":{"code":"not_found","message":"no route","traceId":"t2"}}"#)
        #expect(route.reason == .notFound(entity: nil, id: nil))
    }

    @Test("violations are also readable whatever the 422's code")
    func violations() async throws {
        let error = try await Self.error(
            status: 422, body: #"{"detail":{"code":"validation_error","message":"m","traceId":"t","violations":[{"field":"a","message":"b"}]}}"#)
        #expect(error.violations == [.init(field: "a", message: "b")])
        #expect(error.violations.first?.description == "a: b")
    }

    @Test("a non-JSON 502 (a proxy's page) is .other with the status, the page's text and the request id sent")
    func proxyPage() async throws {
        let html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        let error = try await Self.error(status: 502, body: html, headers: ["content-type": "text/html"])
        #expect(error.reason == .other(status: 502, code: nil))
        #expect(error.code == nil)
        #expect(error.status == 502)
        #expect(error.message == html)
        #expect(error.requestID == "req-1")
        #expect(error.description.contains("502"))
    }

    @Test("an empty body, JSON of another shape, an unknown code")
    func otherBodies() async throws {
        let empty = try await Self.error(status: 500, body: "")
        #expect(empty.reason == .other(status: 500, code: nil))
        #expect(empty.message == "HTTP 500")
        let shape = try await Self.error(status: 400, body: #"{"error":"bad"}"#)
        #expect(shape.reason == .other(status: 400, code: nil))
        let unknown = try await Self.error(status: 429, body: #"{"detail":{"code":"too_many_requests","message":"slow down","traceId":"t"}}"#)
        #expect(unknown.reason == .other(status: 429, code: "too_many_requests"))
        #expect(unknown.code == nil)
        #expect(unknown.message == "slow down")
    }

    @Test("without a traceId, the id the server echoed, else the one sent; the answer's headers are kept")
    func requestIDs() async throws {
        let echoed = try await Self.error(
            status: 401, body: #"{"detail":{"code":"unauthenticated","message":"this request needs a bearer token"}}"#,
            headers: ["x-request-id": "echoed-1", "WWW-Authenticate": #"Bearer realm="store""#])
        #expect(echoed.requestID == "echoed-1")
        #expect(echoed.reason == .unauthorized)
        #expect(echoed.headerFields[.wwwAuthenticate] == #"Bearer realm="store""#)
        let sent = try await Self.error(status: 409, body: #"{"detail":{"code":"conflict","message":"taken","fields":["sku"]}}"#)
        #expect(sent.requestID == "req-1")
    }
}
