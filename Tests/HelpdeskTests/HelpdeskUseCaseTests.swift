import Foundation
@testable import HelpdeskServer
import HelpdeskModels
import LoomRuntime
import LoomSQLite
import Synchronization
import Testing

/// The helpdesk's use cases and its job, called as Swift code would, with a fake `Mailer`: who may assign, what the
/// assignee must be, what the job sends and as whom it runs, and what each caller counts.
@Suite("Helpdesk use cases and job")
struct HelpdeskUseCaseTests {
    /// Records what it is asked to send.
    final class FakeMailer: Mailer {
        let sent = Mutex<[(to: String, subject: String)]>([])
        func send(to: String, subject: String, body: String) async throws { sent.withLock { $0.append((to, subject)) } }
    }

    static func caller(_ id: Int, _ role: Role, org: Int? = nil) -> Caller {
        .principal(Principal(["id": .int(id), "role": .string(role.rawValue), "orgId": org.map(SQLValue.int) ?? .null]))
    }

    /// Organization 1 with customers 1 and 2, agent 3, admin 4; tickets 1 (open) and 2 (closed) of organization 1.
    static func withDesk(_ body: (Database, FakeMailer) async throws -> Void) async throws {
        let engine = try await SQLiteEngine.open(path: nil)
        do {
            let mailer = FakeMailer()
            let database = Database(engine: engine, caller: .system, services: HelpdeskServices(mailer: mailer))
            try await database.createTables(of: HelpdeskSchema.self)
            try await engine.executeScript(JobQueue.createStatements(for: engine.dialect))
            _ = try await database.repository(Organization.self).create(.init(name: "Acme"))
            for (email, role, org) in [("a@acme.test", Role.customer, 1), ("b@acme.test", .customer, 1), ("c@desk.test", .agent, nil),
                                       ("d@desk.test", .admin, nil)] as [(String, Role, Int?)] {
                _ = try await database.repository(User.self).create(.init(email: email, fullName: email, role: role, orgId: org))
            }
            _ = try await database.repository(Ticket.self).create(.init(orgId: 1, customerId: 1, title: "Printer", body: "jammed"))
            _ = try await database.repository(Ticket.self).create(.init(orgId: 1, customerId: 2, title: "VPN", body: "down", status: .closed))
            try await body(database, mailer)
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }

    @Test("an agent assigns a ticket to an agent; the job e-mails the assignee through the Mailer, as the system")
    func assign() async throws {
        try await Self.withDesk { database, mailer in
            let agent = HelpdeskApplication(database: database.acting(as: Self.caller(3, .agent)), services: HelpdeskServices(mailer: mailer))
            let assigned = try await agent.assignTicket(ticketId: 1, body: Assignment(assigneeId: 3))
            #expect(assigned.assigneeId == 3)
            #expect(mailer.sent.withLock { $0.isEmpty })  // queued, not sent in the request
            let worker = JobWorker(database: database, definitions: HelpdeskSchema.jobs)
            try await worker.drain()
            #expect(mailer.sent.withLock { $0.map(\.to) } == ["c@desk.test"])
            #expect(mailer.sent.withLock { $0.first?.subject } == "Ticket #1 is yours: Printer")
        }
    }

    @Test("only agents and admins may assign (403; 401 without a caller), and only to an agent (422)")
    func assignRefused() async throws {
        try await Self.withDesk { database, mailer in
            let services = HelpdeskServices(mailer: mailer)
            let customer = HelpdeskApplication(database: database.acting(as: Self.caller(1, .customer, org: 1)), services: services)
            await #expect(throws: LoomError.forbidden(message: "you may not do this", field: nil)) {
                _ = try await customer.assignTicket(ticketId: 1, body: Assignment(assigneeId: 3))
            }
            let anonymous = HelpdeskApplication(database: database.acting(as: .anonymous), services: services)
            await #expect(throws: LoomError.self) { _ = try await anonymous.assignTicket(ticketId: 1, body: Assignment(assigneeId: 3)) }
            let admin = HelpdeskApplication(database: database.acting(as: Self.caller(4, .admin)), services: services)
            await #expect(throws: LoomError.ruleViolations([.init(field: "assigneeId", message: "the assignee must be an agent")])) {
                _ = try await admin.assignTicket(ticketId: 1, body: Assignment(assigneeId: 2))
            }
            let unchanged = try await database.repository(Ticket.self).get(1)
            #expect(unchanged?.assigneeId == nil)  // nothing written
            // The principal reaches Swift code typed.
            #expect(HelpdeskPrincipal(Self.caller(1, .customer, org: 1)) == HelpdeskPrincipal(id: 1, role: .customer, orgId: 1))
            #expect(HelpdeskPrincipal(Self.caller(3, .agent))?.orgId == nil && HelpdeskPrincipal(.anonymous) == nil)
        }
    }

    @Test("the counts are over the tickets the caller may read")
    func counts() async throws {
        try await Self.withDesk { database, mailer in
            let services = HelpdeskServices(mailer: mailer)
            let agent = HelpdeskApplication(database: database.acting(as: Self.caller(3, .agent)), services: services)
            let all = try await agent.countTickets()
            #expect(all == TicketCounts(open: 1, pending: 0, solved: 0, closed: 1))
            let stranger = HelpdeskApplication(database: database.acting(as: Self.caller(9, .customer, org: 2)), services: services)
            let none = try await stranger.countTickets()
            #expect(none == TicketCounts(open: 0, pending: 0, solved: 0, closed: 0))
        }
    }
}
