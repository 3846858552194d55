import LoomRuntime
import LoomTesting
import Testing

/// A schema of one job that dispatches itself again, forever.
enum RunawaySchema: LoomSchema {
    static let name = "runaway"
    static func createStatements(for dialect: SQLDialect) -> [String] { [] }
    static let jobs = [
        JobDefinition(name: "Again", queue: "default", maxAttempts: 1, backoff: .fixed(seconds: 0), timeout: nil) { payload, scope in
            _ = try await JobQueue(database: scope.database).dispatch(
                job: "Again", queue: "default", payload: payload, maxAttempts: 1, priority: 0, options: .init(), traceID: nil)
            return "null"
        },
    ]
}

@Suite("Test kit: a job that never stops")
struct RunawayJobTests {
    @Test("runDue stops after its most runs and says jobs are still due, rather than hang the test")
    func runaway() async throws {
        try await TestKit<RunawaySchema>.run { kit async throws in
            _ = try await JobQueue(database: kit.database).dispatch(
                job: "Again", queue: "default", payload: "{}", maxAttempts: 1, priority: 0, options: .init(), traceID: nil)
            await #expect(throws: TestJobs.StillDue(runs: 5)) { try await kit.jobs.runDue(atMost: 5) }
            #expect(try await kit.jobs.dispatched("Again").map(\.state) == [.succeeded, .succeeded, .succeeded, .succeeded, .succeeded, .queued])
            // Exactly as many runs as allowed, and nothing left due: no complaint.
            try await kit.database.engine.executeScript([#"DELETE FROM "loom_jobs" WHERE "state" = 'queued'"#])
            _ = try await JobQueue(database: kit.database).dispatch(
                job: "Again", queue: "default", payload: "{}", maxAttempts: 1, priority: 0, options: .delay(.seconds(3600)), traceID: nil)
            #expect(try await kit.jobs.runDue(atMost: 0) == 0)
        }
    }
}
