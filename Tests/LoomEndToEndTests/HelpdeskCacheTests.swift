import Foundation
import Testing

/// The helpdesk caches tickets and users (`cache ttl 30s`), whose rules depend on the caller: a cached answer never
/// crosses callers with different rights, tried from the attacker's side — priming the cache as a caller who may
/// read more, then asking for the same URL (and its entity tag) as one who may read less.
@Suite("Helpdesk: the read cache and access rules", .serialized)
struct HelpdeskCacheTests {
    @Test("an answer cached for one caller is never served to a caller with other rights", arguments: Backend.allCases)
    func rightsAreInTheKey(backend: Backend) async throws {
        let server = try await ServerProcess.start(
            backend: backend, environment: ["AUTH_JWT_SECRET": HelpdeskAccessTests.secret], binary: TestEnvironment.helpdeskBinary)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        func caller(_ arguments: [String]) throws -> HelpdeskAccessTests.Caller {
            HelpdeskAccessTests.Caller(client: client, token: try HelpdeskAccessTests.token(arguments))
        }
        let admin = try caller(["--sub", "5", "--role", "admin"])
        let alice = try caller(["--sub", "1", "--role", "customer", "--org", "1"])
        let bob = try caller(["--sub", "2", "--role", "customer", "--org", "1"])
        let carol = try caller(["--sub", "3", "--role", "customer", "--org", "2"])
        let dave = try caller(["--sub", "4", "--role", "agent"])
        try await HelpdeskAccessTests.setUpDesk(admin)

        // The agent primes ticket 2 (Globex) and the list; a customer of Acme gets a 404 and its own list.
        let primed = try await dave.send("GET", "/tickets/2")
        let again = try await dave.send("GET", "/tickets/2")
        #expect(primed.status == 200 && again.text == primed.text)
        let tag = try #require(primed.headers["etag"])
        #expect(primed.headers["cache-control"] == "private, no-cache")
        #expect(try await alice.send("GET", "/tickets/2").status == 404)
        // Its tag, replayed by another caller, tells nothing: no 304.
        let replayed = try await alice.client.send("GET", "/tickets/2", headers: ["authorization": "Bearer \(alice.token)", "if-none-match": tag])
        #expect(replayed.status == 404)
        #expect(try await dave.send("GET", "/tickets").object["items"].map { ($0 as? [Any])?.count } == 2)
        let aliceList = try await alice.send("GET", "/tickets")
        #expect((aliceList.object["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Printer"])
        // Without a token: 401, never the cached answer.
        #expect(try await client.get("/tickets/1").status == 401)
        #expect(try await client.get("/tickets").status == 401)

        // Two customers of one organization share the ticket's answer (their rules resolve alike) — and a write by
        // one is seen by the other at once.
        #expect(try await alice.send("GET", "/tickets/1").object["title"] as? String == "Printer")
        #expect(try await bob.send("GET", "/tickets/1").object["title"] as? String == "Printer")
        #expect(try await alice.send("PATCH", "/tickets/1", #"{"title":"Printer on fire"}"#).status == 200)
        #expect(try await bob.send("GET", "/tickets/1").object["title"] as? String == "Printer on fire")
        #expect(try await carol.send("GET", "/tickets/1").status == 404)

        // A field only its owner may read: Alice's email, cached for Alice, is hidden from Bob (same organization).
        #expect(try await alice.send("GET", "/users/1").object["email"] as? String == "alice@acme.test")
        #expect(try await alice.send("GET", "/users/1").object["email"] as? String == "alice@acme.test")
        let bobSees = try await bob.send("GET", "/users/1")
        #expect(bobSees.status == 200 && bobSees.object["email"] == nil, "\(bobSees.text)")
        #expect(try await dave.send("GET", "/users/1").object["email"] as? String == "alice@acme.test")
        let aliceUsers = try await alice.send("GET", "/users")
        let bobUsers = try await bob.send("GET", "/users")
        #expect((aliceUsers.object["items"] as? [[String: Any]])?.first?["email"] as? String == "alice@acme.test")
        #expect((bobUsers.object["items"] as? [[String: Any]])?.first?["email"] == nil)
        // Carol (Globex) may not read Acme's users at all, however primed.
        #expect(try await carol.send("GET", "/users/1").status == 404)
        #expect((try await carol.send("GET", "/users").object["items"] as? [[String: Any]])?.map { $0["fullName"] as? String } == ["Carol"])

        // A profile that includes a model whose rule reads other rows (comments) is read uncached, and right.
        #expect(try await admin.send("POST", "/tickets/1/comments", #"{"authorId":4,"body":"internal","internal":true}"#).status == 201)
        #expect(try await dave.send("GET", "/tickets/1?profile=withComments").object["commentCount"] as? Int == 1)
        #expect(try await alice.send("GET", "/tickets/1?profile=withComments").object["commentCount"] as? Int == 0)
    }
}
