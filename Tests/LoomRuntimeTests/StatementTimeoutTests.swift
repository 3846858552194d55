import Foundation
import LoomPostgres
import LoomRuntime
import Testing

/// A statement past `statement_timeout` is cancelled by PostgreSQL and reported as a 503 `unavailable`, never a hang
/// and never a 500.
@Suite("Statement timeout")
struct StatementTimeoutTests {
    @Test func aSlowStatementIsCancelledAndUnavailable() async throws {
        var configuration = try PostgresURL.configuration(from: TestBackend.postgresURL(database: "postgres"))
        PostgresURL.setStatementTimeout(.milliseconds(200), on: &configuration)
        let engine = PostgresEngine(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            let started = ContinuousClock.now
            await #expect(throws: DatabaseError.statementTimeout) {
                _ = try await engine.query("SELECT pg_sleep(30)", [])
            }
            #expect(ContinuousClock.now - started < .seconds(20))  // cancelled, not slept through
        }
    }
}
