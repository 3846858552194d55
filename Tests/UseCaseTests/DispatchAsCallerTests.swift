import Foundation
import Ledger
import LoomRuntime
import Testing

/// `dispatch RecordAudit as caller`: the job carries its dispatcher and runs for them, under the same rules as the
/// request (the Ledger's `Audit` allows a caller to create only its own audits); a dispatch not `as caller` runs as
/// the system. On SQLite and PostgreSQL, through the durable queue and a real worker.
@Suite("Jobs dispatched as their caller")
struct DispatchAsCallerTests {
    static func caller(_ id: Int) -> Caller { .principal(Principal(["id": .int(id)])) }

    static func withLedger(_ backend: TestBackend, _ body: (Database, JobWorker) async throws -> Void) async throws {
        try await backend.withEngine { engine in
            let system = Database(engine: engine, caller: .system)
            try await system.createTables(of: LedgerSchema.self)
            try await engine.executeScript(JobQueue.createStatements(for: engine.dialect))
            _ = try await system.repository(Account.self).create(Account.Create(owner: "Ada", balance: 100))
            try await body(system, JobWorker(database: system, definitions: LedgerSchema.jobs))
        }
    }

    static func audits(_ system: Database) async throws -> [Int] {
        try await system.repository(Audit.self).all(where: .everything).map(\.actorId)
    }

    @Test("the job writes as its dispatcher, and the dispatcher's rules hold in it", arguments: TestBackend.allCases)
    func runsAsCaller(backend: TestBackend) async throws {
        try await Self.withLedger(backend) { system, worker in
            let ada = LedgerApplication(database: system.acting(as: Self.caller(7)))
            #expect(try await ada.auditAccount(accountId: 1) == 7)
            try await worker.drain()
            #expect(try await Self.audits(system) == [7])

            // The same job, dispatched as the caller for someone else's audit: the rule refuses it in the job.
            _ = try await ada.dispatchRecordAudit(accountId: 1, actorId: 99, asCaller: true)
            try await worker.drain()
            #expect(try await Self.audits(system) == [7])

            // An anonymous caller's job runs as an anonymous caller, not as the system.
            let anonymous = LedgerApplication(database: system.acting(as: .anonymous))
            #expect(try await anonymous.auditAccount(accountId: 1) == 0)
            try await worker.drain()
            #expect(try await Self.audits(system) == [7])

            // Not `as caller`: the job runs as the system, and no rule applies.
            _ = try await ada.dispatchRecordAudit(accountId: 1, actorId: 99)
            try await worker.drain()
            #expect(try await Self.audits(system) == [7, 99])
        }
    }

    @Test("a caller survives the queue: principal, anonymous and system round-trip through JSON")
    func callerCoding() throws {
        for caller in [Self.caller(7), Caller.principal(Principal(["id": .int(1), "role": .string("agent"), "orgId": .null])), .anonymous, .system] {
            let data = try JSONEncoder().encode(caller)
            #expect(try JSONDecoder().decode(Caller.self, from: data) == caller)
        }
    }
}
