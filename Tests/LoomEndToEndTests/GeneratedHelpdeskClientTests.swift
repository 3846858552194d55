import Foundation
import HelpdeskClient
import HelpdeskModels
import LoomClient
import OpenAPIURLSession
import Testing

/// The generated `HelpdeskClient` against the helpdesk server: the caller's bearer token from the app's provider on
/// every request, the access rules' answers as typed errors (401 `unauthorized`, 403 `forbidden`, a row the caller may
/// not read as `notFound`), typed filters on the fields the resource lets a list filter on.
@Suite("The generated HelpdeskClient against the helpdesk server")
struct GeneratedHelpdeskClientTests {
    /// A client acting for the holder of `token` (nil: anonymous).
    static func client(_ server: ServerProcess, token: String?) -> HelpdeskClient {
        HelpdeskClient(core: LoomClientCore(configuration: LoomClientConfiguration(
            serverURL: server.baseURL, transport: URLSessionTransport(), bearerToken: { token })))
    }

    static func failure(_ body: () async throws -> some Any) async throws -> LoomClientError {
        try await #require(throws: LoomClientError.self) { _ = try await body() }
    }

    @Test("callers by their tokens: the admin sets up, a customer sees its organization's tickets only, rules answer as typed errors", arguments: Backend.allCases)
    func callers(backend: Backend) async throws {
        let server = try await ServerProcess.start(
            backend: backend, environment: ["AUTH_JWT_SECRET": HelpdeskAccessTests.secret], binary: TestEnvironment.helpdeskBinary)
        defer { server.stop() }
        let admin = Self.client(server, token: try HelpdeskAccessTests.token(["--sub", "3", "--role", "admin"]))
        let acme = try await admin.organizations.create(Organization.Create(name: "Acme"))
        let globex = try await admin.organizations.create(Organization.Create(name: "Globex"))
        let alice = try await admin.users.create(User.Create(email: "alice@acme.test", fullName: "Alice", role: .customer, orgId: acme.id))
        let carol = try await admin.users.create(User.Create(email: "carol@globex.test", fullName: "Carol", role: .customer, orgId: globex.id))
        _ = try await admin.users.create(User.Create(email: "erin@desk.test", fullName: "Erin", role: .admin))
        let printer = try await admin.tickets.create(Ticket.Create(orgId: acme.id, customerId: alice.id, title: "Printer", body: "jammed"))
        let vpn = try await admin.tickets.create(Ticket.Create(orgId: globex.id, customerId: carol.id, title: "VPN", body: "down"))

        // Alice, a customer of Acme: her organization's tickets, filtered by a field the resource filters on.
        let asAlice = Self.client(server, token: try HelpdeskAccessTests.token(["--sub", String(alice.id), "--role", "customer", "--org", String(acme.id)]))
        let open = try await asAlice.tickets.list(LoomListQuery(filters: [Ticket.Field.status.eq(.open)]))
        #expect(open.items.map(\.id) == [printer.id])
        // Another organization's ticket is not found, as a missing one would be.
        let hidden = try await Self.failure { try await asAlice.tickets.get(vpn.id) }
        #expect(hidden.reason == .notFound(entity: "Ticket", id: String(vpn.id)))
        // A write no rule allows her: forbidden, typed.
        let forbidden = try await Self.failure {
            try await asAlice.tickets.create(Ticket.Create(orgId: globex.id, customerId: alice.id, title: "Not mine", body: "x"))
        }
        #expect(forbidden.status == 403)
        guard case .forbidden = forbidden.reason else {
            Issue.record("expected forbidden, got \(forbidden.reason)")
            return
        }
        #expect(try await asAlice.tickets.countTickets().open == 1)

        // A profile's included rows and counts hold the included model's rules too: an internal comment is neither
        // listed nor counted for a customer, from the attacker's side, while an agent's read has both.
        let erin = 3
        let comments = admin.tickets.comments(of: printer.id)
        let reply = try await comments.create(Comment.Create(ticketId: printer.id, authorId: erin, body: "On it"))
        let note = try await comments.create(Comment.Create(ticketId: printer.id, authorId: erin, body: "Toner fraud?", internal: true))
        let seen = try await asAlice.tickets.get(printer.id, profile: Ticket.Profile.withComments)
        #expect(seen.comments.map(\.id) == [reply.id] && seen.commentCount == 1, "\(seen.comments.map(\.id)), \(seen.commentCount)")
        let listed = try await asAlice.tickets.list(LoomListQuery(), profile: Ticket.Profile.withComments)
        #expect(listed.items.first?.comments.map(\.id) == [reply.id] && listed.items.first?.commentCount == 1)
        let asAgent = Self.client(server, token: try HelpdeskAccessTests.token(["--sub", String(erin), "--role", "agent"]))
        let full = try await asAgent.tickets.get(printer.id, profile: Ticket.Profile.withComments)
        #expect(Set(full.comments.map(\.id)) == [reply.id, note.id] && full.commentCount == 2)

        // No token: unauthorized; a token the server did not sign: unauthorized too, never anonymous.
        let anonymous = try await Self.failure { try await Self.client(server, token: nil).tickets.list() }
        #expect(anonymous.reason == .unauthorized)
        let forged = try await Self.failure { try await Self.client(server, token: "not.a.token").tickets.list() }
        #expect(forged.reason == .unauthorized)
    }
}
