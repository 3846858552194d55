import Foundation
import Testing

/// The parts of the HTTP contract every route shares: where a created row lives, what a wrong method, media type or
/// body size gets, and the page a client gets when it sends an empty cursor variable. Every answer is the one envelope.
@Suite("HTTP contract", .serialized)
struct StoreHTTPContractTests {
    @Test("201 carries Location; 405 with Allow; 415; 413; unknown path 404; empty cursor is the first page",
          arguments: Backend.allCases)
    func contract(backend: Backend) async throws {
        try await withServer(backend) { http in
            let created = try await http.post("/users/", #"{"fullName":"Ada","email":"ada@example.com"}"#)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? Int)
            #expect(created.headers["location"] == "/users/\(id)")
            let nested = try await http.post("/users/\(id)/addresses", #"{"label":"home","street":"s","city":"c","country":"x","zipCode":"1"}"#)
            #expect(nested.headers["location"] == "/users/\(id)/addresses/\(try #require(nested.object["id"] as? Int))")

            let wrongMethod = try await http.send("PUT", "/users")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "GET, POST")
            #expect(wrongMethod.detail["code"] as? String == "method_not_allowed")
            let itemMethod = try await http.send("POST", "/users/\(id)")
            #expect(itemMethod.status == 405)
            #expect(itemMethod.headers["allow"] == "GET, PATCH, DELETE")

            let form = try await http.send(
                "POST", "/users/", json: "fullName=Ada", headers: ["content-type": "application/x-www-form-urlencoded"])
            #expect(form.status == 415)
            #expect(form.detail["code"] as? String == "unsupported_media_type")
            #expect(form.detail["traceId"] as? String == form.headers["x-request-id"])

            let huge = #"{"fullName":""# + String(repeating: "x", count: 1 << 20) + #"","email":"a@b.c"}"#
            let tooLarge = try await http.post("/users/", huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.detail["code"] as? String == "payload_too_large")

            let unknown = try await http.get("/no-such-thing")
            #expect(unknown.status == 404)
            #expect(unknown.detail["code"] as? String == "not_found")

            for query in ["after=", "cursor=", "after=&limit=5"] {
                let first = try await http.get("/products/?\(query)")
                #expect(first.status == 200, "\(query): \(first.text)")
                #expect(first.object["items"] is [Any])
            }
        }
    }

    @Test("with LOOM_CURSOR_SECRET, cursors carry an HMAC and a token without it is a 400", arguments: Backend.allCases)
    func signedCursors(backend: Backend) async throws {
        let server = try await ServerProcess.start(backend: backend, environment: ["LOOM_CURSOR_SECRET": "test secret"])
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        for sku in ["A", "B", "C"] {
            #expect(try await http.post("/products/", #"{"sku":"\#(sku)","name":"n","category":"c","priceCents":1}"#).status == 201)
        }
        let first = try await http.get("/products/?limit=1")
        let token = try #require(first.object["nextCursor"] as? String)
        let parts = token.split(separator: ".")
        #expect(parts.count == 2 && parts[1].count == 43)
        let second = try await http.get("/products/?limit=1&after=\(token)")
        #expect(second.status == 200)
        #expect((second.object["items"] as? [[String: Any]])?.first?["sku"] as? String == "B")
        let forged = try await http.get("/products/?limit=1&after=\(parts[0]).0123456789abcdef")
        #expect(forged.status == 400)
        #expect(forged.detail["parameter"] as? String == "cursor")
    }
}
