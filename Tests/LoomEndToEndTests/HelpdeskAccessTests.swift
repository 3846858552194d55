import Foundation
import Testing

/// The helpdesk example over HTTP, on both backends: tokens made by `helpdesk token`, the access table of
/// `../shared/helpdesk-domain.md` row by row — who reads, creates, updates and deletes what — from each side, and
/// every answer in the one envelope (401 with its challenge, 403, 404 like a missing row, 400 for hidden fields).
@Suite("Helpdesk: identity and access", .serialized)
struct HelpdeskAccessTests {
    static let secret = "helpdesk-e2e-secret-0123456789-abcdefghij"

    /// `helpdesk token …` with the test's secret.
    static func token(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.helpdeskBinary)
        process.arguments = ["token"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["AUTH_JWT_SECRET": secret]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("helpdesk token failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Caller: Sendable {
        let client: HTTPClient
        let token: String

        func send(_ method: String, _ path: String, _ json: String? = nil) async throws -> HTTPResult {
            try await client.send(method, path, json: json, headers: ["authorization": "Bearer \(token)"])
        }
    }

    /// Two organizations (Acme, Globex); Alice and Bob (Acme's customers, users 1 and 2), Carol (Globex's, 3), Dave (an
    /// agent, 4) and Erin (an admin, 5); ticket 1 (Acme's, Alice's) and ticket 2 (Globex's, Carol's).
    static func setUpDesk(_ admin: Caller) async throws {
        for name in ["Acme", "Globex"] { #expect(try await admin.send("POST", "/organizations", #"{"name":"\#(name)"}"#).status == 201) }
        for (email, name, role, org) in [("alice@acme.test", "Alice", "customer", "1"), ("bob@acme.test", "Bob", "customer", "1"),
                                         ("carol@globex.test", "Carol", "customer", "2"), ("dave@desk.test", "Dave", "agent", "null"),
                                         ("erin@desk.test", "Erin", "admin", "null")] {
            let created = try await admin.send("POST", "/users", #"{"email":"\#(email)","fullName":"\#(name)","role":"\#(role)","orgId":\#(org)}"#)
            #expect(created.status == 201, "\(created.text)")
        }
        #expect(try await admin.send("POST", "/tickets", #"{"orgId":1,"customerId":1,"title":"Printer","body":"jammed"}"#).status == 201)
        #expect(try await admin.send("POST", "/tickets", #"{"orgId":2,"customerId":3,"title":"VPN","body":"down"}"#).status == 201)
    }

    @Test("the access table, from every role's side", arguments: Backend.allCases)
    func accessTable(backend: Backend) async throws {
        let server = try await ServerProcess.start(
            backend: backend, environment: ["AUTH_JWT_SECRET": Self.secret], binary: TestEnvironment.helpdeskBinary)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let admin = Caller(client: client, token: try Self.token(["--sub", "5", "--role", "admin"]))
        let alice = Caller(client: client, token: try Self.token(["--sub", "1", "--role", "customer", "--org", "1"]))
        let carol = Caller(client: client, token: try Self.token(["--sub", "3", "--role", "customer", "--org", "2"]))
        let dave = Caller(client: client, token: try Self.token(["--sub", "4", "--role", "agent"]))

        // The admin sets the desk up: two organizations, their people, a ticket each, three comments.
        try await Self.setUpDesk(admin)
        for (ticket, author, isInternal) in [(1, 1, false), (1, 4, true), (2, 3, false)] {
            let created = try await admin.send("POST", "/tickets/\(ticket)/comments", #"{"authorId":\#(author),"body":"note","internal":\#(isInternal)}"#)
            #expect(created.status == 201, "\(created.text)")
        }

        // No token where one is needed: 401 with the challenge; a bad one: 401 invalid_token. The open routes stay open.
        let anonymous = try await client.get("/tickets")
        #expect(anonymous.status == 401 && anonymous.detail["code"] as? String == "unauthenticated")
        #expect(anonymous.headers["www-authenticate"] == #"Bearer realm="helpdesk""#)
        let forged = try await client.send("GET", "/tickets", headers: ["authorization": "Bearer \(alice.token.dropLast(2))xx"])
        #expect(forged.status == 401 && forged.headers["www-authenticate"]?.contains(#"error="invalid_token""#) == true)
        #expect(try await client.send("GET", "/tickets", headers: ["authorization": "Basic YWxpY2U6cHc="]).status == 401)
        #expect(try await client.get("/tickets?access_token=\(alice.token)").status == 401)
        #expect(try await client.send("GET", "/health", headers: ["authorization": "Bearer nonsense"]).status == 200)
        #expect(try await client.get("/openapi.json").status == 200)

        // A customer: its organization's tickets only; another's is a 404 with a missing row's body.
        let aliceTickets = try await alice.send("GET", "/tickets")
        #expect((aliceTickets.object["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Printer"])
        let hidden = try await alice.send("GET", "/tickets/2")
        let missing = try await alice.send("GET", "/tickets/999")
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.detail["code"] as? String == "not_found" && hidden.detail["entity"] as? String == "Ticket")
        #expect(try await alice.send("GET", "/organizations").object["totalCount"] as? Int == 1)
        // Users of its organization, and only its own email.
        let users = try await alice.send("GET", "/users")
        let people = (users.object["items"] as? [[String: Any]]) ?? []
        #expect(people.map { $0["fullName"] as? String } == ["Alice", "Bob"])
        #expect(people.first?["email"] as? String == "alice@acme.test" && people.last?["email"] == nil)
        #expect(try await alice.send("GET", "/users/2").object["email"] == nil)
        #expect(try await alice.send("GET", "/users?sort=email").detail["parameter"] as? String == "sort")
        #expect(try await alice.send("GET", "/users?email=bob@acme.test").status == 400)
        #expect(try await alice.send("GET", "/users/3").status == 404)
        // Comments: not the internal one; another organization's ticket does not exist for it.
        let comments = try await alice.send("GET", "/tickets/1/comments")
        #expect(comments.object["totalCount"] as? Int == 1)
        #expect(try await alice.send("GET", "/tickets/2/comments").status == 404)

        // A customer's writes.
        #expect(try await alice.send("POST", "/tickets", #"{"orgId":1,"customerId":1,"title":"Mouse","body":"lost"}"#).status == 201)
        let otherOrg = try await alice.send("POST", "/tickets", #"{"orgId":2,"customerId":1,"title":"x","body":"y"}"#)
        #expect(otherOrg.status == 403 && otherOrg.detail["code"] as? String == "forbidden")
        #expect(try await alice.send("POST", "/tickets", #"{"orgId":1,"customerId":2,"title":"x","body":"y"}"#).status == 403)
        #expect(try await admin.send("GET", "/tickets").object["items"].map { ($0 as? [Any])?.count } == 3)  // nothing written
        #expect(try await alice.send("PATCH", "/tickets/1", #"{"title":"Printer on fire"}"#).status == 200)
        let priority = try await alice.send("PATCH", "/tickets/1", #"{"priority":"urgent"}"#)
        #expect(priority.status == 403 && priority.detail["fields"] as? [String] == ["priority"])
        #expect(try await alice.send("PATCH", "/tickets/1", #"{"status":"pending"}"#).status == 403)
        #expect(try await alice.send("PATCH", "/tickets/1", #"{"status":"closed"}"#).status == 200)
        #expect(try await alice.send("PATCH", "/tickets/1", #"{"title":"again"}"#).detail["fields"] as? [String] == ["title"])
        #expect(try await alice.send("DELETE", "/tickets/1").status == 403)
        #expect(try await alice.send("POST", "/tickets/1/comments", #"{"authorId":1,"body":"thanks"}"#).status == 201)
        #expect(try await alice.send("POST", "/tickets/1/comments", #"{"authorId":1,"body":"psst","internal":true}"#).status == 403)
        #expect(try await alice.send("POST", "/tickets/1/comments", #"{"authorId":2,"body":"as bob"}"#).status == 403)
        #expect(try await alice.send("PATCH", "/users/1", #"{"fullName":"Alice A."}"#).status == 200)
        #expect(try await alice.send("PATCH", "/users/1", #"{"email":"a@evil.test"}"#).status == 403)
        #expect(try await alice.send("PATCH", "/users/2", #"{"fullName":"Bobby"}"#).status == 403)

        // Another organization's customer: the first one's ticket does not exist, for any method.
        for (method, body) in [("GET", nil), ("PATCH", #"{"title":"mine now"}"#), ("DELETE", nil)] {
            #expect(try await carol.send(method, "/tickets/1", body).status == 404, "\(method)")
        }

        // An agent: every ticket and comment; status, priority and assignee, nothing else; no tickets of its own.
        #expect(try await dave.send("GET", "/tickets").object["items"].map { ($0 as? [Any])?.count } == 3)
        #expect(try await dave.send("GET", "/tickets/1/comments").object["totalCount"] as? Int == 3)
        #expect(try await dave.send("PATCH", "/tickets/2", #"{"priority":"high","assigneeId":4}"#).status == 200)
        #expect(try await dave.send("PATCH", "/tickets/2", #"{"title":"renamed"}"#).status == 403)
        #expect(try await dave.send("POST", "/tickets", #"{"orgId":1,"customerId":4,"title":"x","body":"y"}"#).status == 403)
        #expect(try await dave.send("DELETE", "/tickets/2").status == 403)
        #expect(try await dave.send("GET", "/users/2").object["email"] as? String == "bob@acme.test")

        // Profiles include, and count, only the comments the caller may read.
        let profiled = try await alice.send("GET", "/tickets/1?profile=withComments")
        #expect(profiled.object["commentCount"] as? Int == 2 && (profiled.object["comments"] as? [Any])?.count == 2)
        #expect(try await dave.send("GET", "/tickets/1?profile=withComments").object["commentCount"] as? Int == 3)
        // A cursor made for the agent's list pages the customer's own list: the rule is in the statement, not the cursor.
        let first = try await dave.send("GET", "/tickets?limit=1")
        let cursor = try #require(first.object["nextCursor"] as? String)
        let after = try await alice.send("GET", "/tickets?limit=5&after=\(cursor)")
        #expect((after.object["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Mouse"])
        // Statistics count only what the caller may read.
        let aliceStats = try await alice.send("GET", "/tickets/stats")
        #expect(aliceStats.status == 200 && aliceStats.object["open"] as? Int == 1 && aliceStats.object["closed"] as? Int == 1)
        #expect(try await dave.send("GET", "/tickets/stats").object["open"] as? Int == 2)
        // The ticket list filters and sorts on what its resource lists (`filterable`, `sortable`), nothing else.
        #expect(try await dave.send("GET", "/tickets?status=open&sort=-priority").object["items"].map { ($0 as? [Any])?.count } == 2)
        let bodySearch = try await dave.send("GET", "/tickets?body__contains=printer")
        #expect(bodySearch.status == 400 && bodySearch.detail["parameter"] as? String == "body__contains")
        let titleSort = try await dave.send("GET", "/tickets?sort=title")
        #expect(titleSort.status == 400 && titleSort.detail["parameter"] as? String == "sort")
        #expect(try await client.get("/tickets/stats").status == 401)
        // Assigning: agents and admins only, to an agent only.
        #expect(try await alice.send("POST", "/tickets/3/assign", #"{"assigneeId":4}"#).status == 403)
        #expect(try await client.post("/tickets/3/assign", #"{"assigneeId":4}"#).status == 401)
        let notAgent = try await dave.send("POST", "/tickets/3/assign", #"{"assigneeId":2}"#)
        #expect(notAgent.status == 422 && notAgent.detail["code"] as? String == "rule_violations")
        let assigned = try await dave.send("POST", "/tickets/3/assign", #"{"assigneeId":4}"#)
        #expect(assigned.status == 200 && assigned.object["assigneeId"] as? Int == 4)
        #expect(try await carol.send("POST", "/tickets/3/assign", #"{"assigneeId":4}"#).status == 403)

        // The admin may do everything.
        #expect(try await admin.send("DELETE", "/tickets/2").status == 200)
    }

    /// The rest of the domain's access table, cell by cell, on both backends: organizations and users (nobody but an
    /// admin writes them; a customer may change only its own name, never its role), and comments (the author
    /// changes its own body; an internal one does not exist for a customer; nobody else deletes).
    @Test("the access table: organizations, users, comments", arguments: Backend.allCases)
    func accessTableCells(backend: Backend) async throws {
        let server = try await ServerProcess.start(
            backend: backend, environment: ["AUTH_JWT_SECRET": Self.secret], binary: TestEnvironment.helpdeskBinary)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let admin = Caller(client: client, token: try Self.token(["--sub", "5", "--role", "admin"]))
        let alice = Caller(client: client, token: try Self.token(["--sub", "1", "--role", "customer", "--org", "1"]))
        let bob = Caller(client: client, token: try Self.token(["--sub", "2", "--role", "customer", "--org", "1"]))
        let carol = Caller(client: client, token: try Self.token(["--sub", "3", "--role", "customer", "--org", "2"]))
        let dave = Caller(client: client, token: try Self.token(["--sub", "4", "--role", "agent"]))
        let anonymous = Caller(client: client, token: "")

        for name in ["Acme", "Globex"] { _ = try await admin.send("POST", "/organizations", #"{"name":"\#(name)"}"#) }
        for (email, role, org) in [("alice@acme.test", "customer", "1"), ("bob@acme.test", "customer", "1"),
                                   ("carol@globex.test", "customer", "2"), ("dave@desk.test", "agent", "null"),
                                   ("erin@desk.test", "admin", "null")] {
            _ = try await admin.send("POST", "/users", #"{"email":"\#(email)","fullName":"x","role":"\#(role)","orgId":\#(org)}"#)
        }
        _ = try await admin.send("POST", "/tickets", #"{"orgId":1,"customerId":1,"title":"Printer","body":"jammed"}"#)
        _ = try await admin.send("POST", "/tickets/1/comments", #"{"authorId":1,"body":"help"}"#)  // 1: alice's
        _ = try await admin.send("POST", "/tickets/1/comments", #"{"authorId":4,"body":"psst","internal":true}"#)  // 2: internal

        let cells: [(Caller, String, String, String, String?, Int)] = [
            // Organizations: agents read all, customers their own; only admins write.
            (alice, "alice", "GET", "/organizations/1", nil, 200), (alice, "alice", "GET", "/organizations/2", nil, 404),
            (carol, "carol", "GET", "/organizations/1", nil, 404), (dave, "dave", "GET", "/organizations/2", nil, 200),
            (anonymous, "anonymous", "GET", "/organizations/1", nil, 401),
            (alice, "alice", "POST", "/organizations", #"{"name":"Mine"}"#, 403), (dave, "dave", "POST", "/organizations", #"{"name":"Mine"}"#, 403),
            (alice, "alice", "PATCH", "/organizations/1", #"{"name":"Renamed"}"#, 403), (carol, "carol", "PATCH", "/organizations/1", #"{"name":"Renamed"}"#, 404),
            (dave, "dave", "PATCH", "/organizations/1", #"{"name":"Renamed"}"#, 403),
            (alice, "alice", "DELETE", "/organizations/1", nil, 403), (carol, "carol", "DELETE", "/organizations/1", nil, 404),
            (dave, "dave", "DELETE", "/organizations/2", nil, 403),
            // Users: agents read all, customers their organization's; each changes only its own name.
            (alice, "alice", "GET", "/users/2", nil, 200), (carol, "carol", "GET", "/users/2", nil, 404), (dave, "dave", "GET", "/users/3", nil, 200),
            (alice, "alice", "POST", "/users", #"{"email":"e@x.test","fullName":"E","role":"customer","orgId":1}"#, 403),
            (dave, "dave", "POST", "/users", #"{"email":"e@x.test","fullName":"E","role":"agent","orgId":null}"#, 403),
            (alice, "alice", "PATCH", "/users/1", #"{"role":"admin"}"#, 403), (alice, "alice", "PATCH", "/users/1", #"{"orgId":2}"#, 403),
            (bob, "bob", "PATCH", "/users/1", #"{"fullName":"Not Alice"}"#, 403), (carol, "carol", "PATCH", "/users/1", #"{"fullName":"x"}"#, 404),
            (dave, "dave", "PATCH", "/users/4", #"{"fullName":"Dave D."}"#, 200), (dave, "dave", "PATCH", "/users/1", #"{"fullName":"x"}"#, 403),
            (alice, "alice", "DELETE", "/users/2", nil, 403), (carol, "carol", "DELETE", "/users/2", nil, 404), (dave, "dave", "DELETE", "/users/2", nil, 403),
            // Comments: the author changes its body only; an internal comment is not there for a customer.
            (alice, "alice", "PATCH", "/tickets/1/comments/1", #"{"body":"help, please"}"#, 200),
            (alice, "alice", "PATCH", "/tickets/1/comments/1", #"{"internal":true}"#, 403),
            (bob, "bob", "PATCH", "/tickets/1/comments/1", #"{"body":"hijacked"}"#, 403),
            (alice, "alice", "GET", "/tickets/1/comments/2", nil, 404), (alice, "alice", "PATCH", "/tickets/1/comments/2", #"{"body":"x"}"#, 404),
            (dave, "dave", "GET", "/tickets/1/comments/2", nil, 200), (dave, "dave", "PATCH", "/tickets/1/comments/1", #"{"body":"x"}"#, 403),
            (alice, "alice", "DELETE", "/tickets/1/comments/1", nil, 403), (dave, "dave", "DELETE", "/tickets/1/comments/1", nil, 403),
            (carol, "carol", "GET", "/tickets/1/comments/1", nil, 404), (carol, "carol", "DELETE", "/tickets/1/comments/1", nil, 404),
            (admin, "admin", "DELETE", "/tickets/1/comments/2", nil, 200),
        ]
        for (caller, name, method, path, body, status) in cells {
            let response = caller.token.isEmpty
                ? try await client.send(method, path, json: body)
                : try await caller.send(method, path, body)
            #expect(response.status == status, "\(name) \(method) \(path) \(body ?? ""): \(response.text)")
        }
        // A customer's own user row carries its email; a colleague's does not.
        #expect(try await alice.send("GET", "/users/1").object["email"] as? String == "alice@acme.test")
        #expect(try await alice.send("GET", "/users/2").object["email"] == nil)
    }
}
