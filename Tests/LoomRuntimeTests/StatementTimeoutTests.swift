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
                _ = try await engine.query("SELECT pg_sleep(300)", [])
            }
            // 200 ms alone; loose, as the cooperative threads are shared with tests that block them (LibpqEngineTests).
            #expect(ContinuousClock.now - started < .seconds(120))  // cancelled, not slept through
        }
    }
}

/// A statement that cannot get a pooled connection in time (the pool is busy, or the server unreachable) is a 503
/// `unavailable`, never an unbounded wait; the pool works normally afterwards.
@Suite("Connection wait")
struct ConnectionWaitTests {
    static func engine(url: String, connections: Int) throws -> PostgresEngine {
        var configuration = try PostgresURL.configuration(from: url)
        configuration.options.maximumConnections = connections
        return PostgresEngine(configuration: configuration, connectionTimeout: .milliseconds(300))
    }

    static func isUnavailable(_ error: any Error) -> Bool {
        if case LoomError.unavailable = error { return true }
        return false
    }

    @Test func aBusyPoolAnswersUnavailableInTime() async throws {
        let engine = try Self.engine(url: TestBackend.postgresURL(database: "postgres"), connections: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            // The one connection is open (a loaded machine may take longer than the wait to open it: try again).
            for attempt in 1...20 {
                do {
                    _ = try await engine.query("SELECT 1", [])
                    break
                } catch where Self.isUnavailable(error) && attempt < 20 {}
            }
            let holding = SessionHolder()
            let holder = Task { try await engine.withTransaction { try await $0.query(holding.statement, []) } }
            try await holding.waitUntilHolding()
            let started = ContinuousClock.now
            await #expect(performing: { _ = try await engine.query("SELECT 1", []) }, throws: Self.isUnavailable)
            // Refused within the wait (300 ms, slower on a loaded machine), not when the holder lets go (never, here).
            #expect(ContinuousClock.now - started < .seconds(60))
            try await holding.release()
            _ = try? await holder.value
            #expect(try await engine.query("SELECT 2", []).first?.values == [.int(2)])  // the pool recovered
        }
    }

    @Test func anUnreachableServerAnswersUnavailableInTime() async throws {
        // Nothing listens on port 1.
        let engine = try Self.engine(url: "postgres://postgres@127.0.0.1:1/postgres", connections: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            let started = ContinuousClock.now
            await #expect(performing: { _ = try await engine.query("SELECT 1", []) }, throws: Self.isUnavailable)
            await #expect(performing: { try await engine.withTransaction { _ = try await $0.query("SELECT 1", []) } }, throws: Self.isUnavailable)
            // Bounded, where it used to wait forever. 0.6 s alone; the bound is loose because the test process's few
            // cooperative threads are shared with end-to-end tests that wait on child processes.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }
}
