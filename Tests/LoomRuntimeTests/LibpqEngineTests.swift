import Foundation
@testable import LoomPostgres
import LoomRuntime
import Testing

/// What the pipelined libpq engine must keep of postgres-nio's pool (the rest runs on it through `TestBackend.libpq`):
/// the statement timeout and an unreachable server answered as 503 in time, statements of many callers on one session
/// each getting their own answer, one caller's error touching no other's, transactions on a session of their own.
@Suite("libpq engine")
struct LibpqEngineTests {
    static func isUnavailable(_ error: any Error) -> Bool {
        if case LoomError.unavailable = error { return true }
        return false
    }

    static let url = TestBackend.postgresURL(database: "postgres") + "?sslmode=disable"

    @Test func aSlowStatementIsCancelledAndTheOthersGoOn() async throws {
        let engine = try LibpqEngine(url: Self.url, statementTimeout: .milliseconds(200), pipelines: 1)
        let started = ContinuousClock.now
        // On the one shared session: the slow statement ends at the timeout, the quick one after it is answered.
        async let slow = #expect(throws: DatabaseError.statementTimeout) { _ = try await engine.query("SELECT pg_sleep(300)", []) }
        async let quick = engine.query("SELECT 7", [])
        _ = await slow
        #expect(try await quick.first?.values == [.int(7)])
        // 200 ms alone. The test process's two cooperative threads are shared with tests that block them on child
        // processes for seconds, so the bound only tells a cancelled statement from one slept through (five minutes).
        #expect(ContinuousClock.now - started < .seconds(120))
        try await engine.shutdown()
    }

    @Test func manyCallersOneSessionEachTheirOwnAnswer() async throws {
        let engine = try LibpqEngine(url: Self.url, pipelines: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<200 {
                group.addTask {
                    if caller % 7 == 3 {
                        // An error in the pipeline fails its own statement only.
                        await #expect(throws: (any Error).self) { _ = try await engine.query("SELECT 1 / ($1::int8 - $1::int8)", [.int(caller)]) }
                    } else {
                        let rows = try await engine.query("SELECT $1::int8, $2::text, $3::timestamptz", [.int(caller), .string("c\(caller)\u{e9}"), .date(Date(timeIntervalSince1970: Double(caller)))])
                        #expect(rows.first?.values == [.int(caller), .string("c\(caller)\u{e9}"), .date(Date(timeIntervalSince1970: Double(caller)))])
                    }
                }
            }
            try await group.waitForAll()
        }
        try await engine.shutdown()
    }

    @Test func repeatedStatementsArePreparedAndABadOneSaysWhy() async throws {
        let engine = try LibpqEngine(url: Self.url, pipelines: 1)
        for value in 1...3 { #expect(try await engine.query("SELECT $1::int8 + 1", [.int(value)]).first?.values == [.int(value + 1)]) }
        // The same text with other parameter types is another prepared statement, not a type clash.
        #expect(try await engine.query("SELECT $1::int8 + 1", [.string("41")]).first?.values == [.int(42)])
        let prepared = try await engine.query("SELECT name, statement FROM pg_prepared_statements", [])
            .compactMap { row -> String? in row.values.last == .string("SELECT $1::int8 + 1") ? try row.decode(String.self, at: 0) : nil }
        #expect(prepared.count == 2 && prepared.allSatisfy { $0.hasPrefix("loom.q.") }, "\(prepared)")
        // A statement the server cannot parse fails with the server's reason, every time, and the session goes on.
        for _ in 1...2 {
            await #expect { _ = try await engine.query("SELECT no_such_column FROM pg_class", []) } throws: { error in
                "\(error)".contains("no_such_column")
            }
        }
        #expect(try await engine.query("SELECT 1", []).first?.values == [.int(1)])
        // DDL and transaction control run unprepared.
        #expect(LibpqEngine.isPreparable("  select 1") && LibpqEngine.isPreparable("WITH x AS (SELECT 1) SELECT * FROM x"))
        #expect(!LibpqEngine.isPreparable("CREATE TABLE t (x int)") && !LibpqEngine.isPreparable("BEGIN") && !LibpqEngine.isPreparable("SELECTED"))
        try await engine.shutdown()
    }

    @Test func aNULInAStringIsRefusedNotCut() async throws {
        let engine = try LibpqEngine(url: Self.url, pipelines: 1)
        await #expect(throws: DatabaseError.self) { _ = try await engine.query("SELECT $1::text", [.string("a\u{0}b")]) }
        #expect(try await engine.query("SELECT $1::text", [.string("a b")]).first?.values == [.string("a b")])
        try await engine.shutdown()
    }

    @Test func anUnreachableServerAnswersUnavailableInTime() async throws {
        let engine = try LibpqEngine(url: "postgres://postgres@127.0.0.1:1/postgres", connectionTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(performing: { _ = try await engine.query("SELECT 1", []) }, throws: Self.isUnavailable)
        await #expect(performing: { try await engine.withTransaction { _ = try await $0.query("SELECT 1", []) } }, throws: Self.isUnavailable)
        // 0.3 s and 1.3 s alone; loose because the test process's cooperative threads are shared with end-to-end tests
        // that wait on child processes (as `ConnectionWaitTests`).
        #expect(ContinuousClock.now - started < .seconds(30))
        try await engine.shutdown()
    }

    @Test func aCancelledStatementWaitingForTheDatabaseEndsAtOnce() async throws {
        let engine = try LibpqEngine(url: "postgres://postgres@127.0.0.1:1/postgres", connectionTimeout: .seconds(300))
        let waiting = Task { try await engine.query("SELECT 1", []) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(ContinuousClock.now - started < .seconds(60))  // not the five-minute wait
        try await engine.shutdown()
    }

    @Test func busyTransactionSessionsAnswerUnavailableInTime() async throws {
        let engine = try LibpqEngine(url: Self.url, connectionTimeout: .milliseconds(300), poolSize: 1, pipelines: 1)
        let holding = SessionHolder()
        let holder = Task { try await engine.withTransaction { try await $0.query(holding.statement, []) } }
        try await holding.waitUntilHolding()
        let started = ContinuousClock.now
        await #expect(performing: { try await engine.withTransaction { _ = try await $0.query("SELECT 1", []) } }, throws: Self.isUnavailable)
        #expect(ContinuousClock.now - started < .seconds(60))  // 300 ms alone, not the holder's two minutes
        // Statements outside a transaction do not wait for the transaction's session.
        #expect(try await engine.query("SELECT 2", []).first?.values == [.int(2)])
        try await holding.release()
        _ = try? await holder.value
        #expect(try await engine.withTransaction { try await $0.query("SELECT 3", []) }.first?.values == [.int(3)])
        try await engine.shutdown()
    }

    @Test func aTransactionSeesItsOwnWritesAndRollsBack() async throws {
        try await TestBackend.withPostgresDatabase(driver: .libpq) { engine in
            try await engine.executeScript(["CREATE TABLE marks (n BIGINT NOT NULL)"])
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await engine.withTransaction { transaction in
                    _ = try await transaction.query("INSERT INTO marks (n) VALUES ($1)", [.int(1)])
                    #expect(try await transaction.query("SELECT count(*) FROM marks", []).first?.values == [.int(1)])
                    // Outside the transaction, nothing yet.
                    #expect(try await engine.query("SELECT count(*) FROM marks", []).first?.values == [.int(0)])
                    throw Refused()
                }
            }
            #expect(try await engine.query("SELECT count(*) FROM marks", []).first?.values == [.int(0)])
            try await engine.withTransaction { _ = try await $0.query("INSERT INTO marks (n) VALUES (2)", []) }
            #expect(try await engine.query("SELECT n FROM marks", []).first?.values == [.int(2)])
        }
    }

    @Test func timestampsReadAsPostgresNIOReadsThem() throws {
        for text in ["2026-12-05 05:55:12.123456+00", "2000-01-01 00:00:00+00", "1969-12-31 23:59:59.999999+00", "0001-01-01 00:00:00+00 BC", "2026-12-05", "2026-12-05 01:02:03+05:30"] {
            let micros = try #require(Array(text.utf8).withUnsafeBufferPointer { PostgresText.microsecondsSince2000($0) }, "\(text)")
            let expected: Int64 = switch text {
            case "2026-12-05 05:55:12.123456+00": 849_765_312_123_456
            case "2000-01-01 00:00:00+00": 0
            case "1969-12-31 23:59:59.999999+00": -946_684_800_000_001
            case "0001-01-01 00:00:00+00 BC": -63_113_904_000_000_000
            case "2026-12-05": 849_744_000_000_000
            default: 849_727_923_000_000
            }
            #expect(micros == expected, "\(text)")
        }
    }
}
