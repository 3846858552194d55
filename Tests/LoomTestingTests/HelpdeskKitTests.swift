import Foundation
@testable import HelpdeskServer
import HelpdeskModels
import LoomRuntime
import LoomTesting
import Synchronization
import Testing

/// The kit on the helpdesk: its service faked, the caller given as the schema's typed principal, a job that reaches
/// the fake, and a forced failure of the dispatch rolling back the use case's own write.
@Suite("Test kit: the helpdesk")
struct HelpdeskKitTests {
    /// Records what it is asked to send.
    final class FakeMailer: Mailer {
        let sent = Mutex<[String]>([])
        func send(to: String, subject: String, body: String) async throws { sent.withLock { $0.append(to) } }
    }

    static let agent = Caller.principal(HelpdeskPrincipal(id: 2, role: .agent, orgId: nil).principal)
    static let customer = Caller.principal(HelpdeskPrincipal(id: 1, role: .customer, orgId: 1).principal)

    /// Organization 1 with customer 1, agent 2, and ticket 1 of customer 1.
    static func withDesk(_ body: (TestKit<HelpdeskSchema>, FakeMailer) async throws -> Void) async throws {
        let mailer = FakeMailer()
        try await TestKit<HelpdeskSchema>.run(services: HelpdeskServices(mailer: mailer)) { kit in
            let repositories = HelpdeskRepositories(database: kit.database)
            _ = try await repositories.organizations.create(.init(name: "Acme"))
            _ = try await repositories.users.create(.init(email: "c@acme.test", fullName: "Cy", role: .customer, orgId: 1))
            _ = try await repositories.users.create(.init(email: "a@desk.test", fullName: "Al", role: .agent, orgId: nil))
            _ = try await repositories.tickets.create(.init(orgId: 1, customerId: 1, title: "Printer", body: "jammed"))
            try await body(kit, mailer)
        }
    }

    @Test("an agent's assignment queues the e-mail; run, it reaches the fake Mailer")
    func assignAndNotify() async throws {
        try await Self.withDesk { kit, mailer async throws in
            let app = HelpdeskApplication(database: kit.database(as: Self.agent))
            #expect(try await app.assignTicket(ticketId: 1, body: Assignment(assigneeId: 2)).assigneeId == 2)
            #expect(try await kit.jobs.payloads(NotifyAssigneePayload.self, of: "NotifyAssignee") == [NotifyAssigneePayload(ticketId: 1)])
            #expect(mailer.sent.withLock { $0.isEmpty })
            #expect(try await kit.jobs.runDue() == 1)
            #expect(mailer.sent.withLock { $0 } == ["a@desk.test"])
        }
    }

    @Test("a customer is refused (403), nobody at all is asked to authenticate (401), and nothing is written")
    func callers() async throws {
        try await Self.withDesk { kit, _ async throws in
            await #expect(throws: LoomError.forbidden(message: "you may not do this", field: nil)) {
                _ = try await HelpdeskApplication(database: kit.database(as: Self.customer)).assignTicket(ticketId: 1, body: Assignment(assigneeId: 2))
            }
            await #expect(throws: LoomError.credentialRequired) {
                _ = try await HelpdeskApplication(database: kit.database(as: .anonymous)).countTickets()
            }
            #expect(try await HelpdeskApplication(database: kit.database(as: Self.customer)).countTickets().open == 1)
            #expect(try await kit.database.repository(Ticket.self).get(1)?.assigneeId == nil)
            #expect(try await kit.jobs.all().isEmpty)
        }
    }

    @Test("when the dispatch's insert fails, the assignment written before it in the transaction is rolled back")
    func rollback() async throws {
        try await Self.withDesk { kit, mailer async throws in
            kit.failures.failNext(.insert, table: "loom_jobs")
            // The queue's own statements are not a repository's: their error reaches the caller unmapped, as in production.
            await #expect(throws: DatabaseError.statementTimeout) {
                _ = try await HelpdeskApplication(database: kit.database(as: Self.agent)).assignTicket(ticketId: 1, body: Assignment(assigneeId: 2))
            }
            #expect(kit.failures.count == 1)
            #expect(try await kit.database.repository(Ticket.self).get(1)?.assigneeId == nil)
            #expect(try await kit.jobs.all().isEmpty)
            #expect(try await kit.jobs.runDue() == 0 && mailer.sent.withLock { $0.isEmpty })
        }
    }
}
