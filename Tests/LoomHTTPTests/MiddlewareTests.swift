import Foundation
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import Testing

/// An application's own context: Loom's routes mount on it (and under a group) unchanged.
struct AppContext: LoomRequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID = ""
    var identity: Principal?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Pretty-printed, to show the routes use the context's encoder.
    var jsonEncoder: JSONEncoder {
        let encoder = LoomJSON.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}

struct Unexpected: Error {}

@Suite("Middlewares and contexts")
struct MiddlewareTests {
    @Test("the request id is echoed and is the error's traceId")
    func requestID() async throws {
        try await withShop { client in
            let sent = try await client.execute(uri: "/widgets/7", method: .get, headers: [RequestIDMiddleware<BasicLoomRequestContext>.header: "abc123"])
            #expect(sent.headers[RequestIDMiddleware<BasicLoomRequestContext>.header] == "abc123")
            #expect(detail(sent)["traceId"] as? String == "abc123")
            let fresh = try await client.execute(uri: "/widgets/7", method: .get)
            let id = try #require(fresh.headers[RequestIDMiddleware<BasicLoomRequestContext>.header])
            #expect(id.count == 32)
            #expect(detail(fresh)["traceId"] as? String == id)
        }
    }

    @Test("unknown routes and unexpected errors get the envelope; nothing internal leaks")
    func errors() async throws {
        try await withShop(extraRoutes: { router in
            router.get("/boom") { _, _ -> Response in throw Unexpected() }
        }) { client in
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            #expect(detail(missing)["code"] as? String == "not_found")
            let boom = try await client.execute(uri: "/boom", method: .get)
            #expect(boom.status == .internalServerError)
            #expect(detail(boom)["code"] as? String == "internal_error")
            #expect(detail(boom)["message"] as? String == "an unexpected error occurred")
        }
    }

    @Test("routes mount on a group of an application's own context, coding with its encoder")
    func ownContext() async throws {
        try await withShop(context: AppContext.self, prefix: "/api") { client in
            let created = try await client.execute(uri: "/api/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            #expect(created.status == .created)
            #expect(String(buffer: created.body).contains("\n"))
            #expect(object(created)["name"] as? String == "Bolt")
            #expect(try await client.execute(uri: "/widgets", method: .get).status == .notFound)
        }
    }
}
