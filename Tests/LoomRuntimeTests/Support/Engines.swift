import Foundation
import Logging
import LoomPostgres
import LoomRedis
import LoomRuntime
import LoomSQLite
import Testing

/// The backends the runtime tests run on: an in-memory SQLite, and a fresh database on the test PostgreSQL server
/// (`make services`; POSTGRES_HOSTNAME/POSTGRES_PORT/POSTGRES_USER, defaulting to scripts/services.sh's values).
enum TestBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgres
    /// PostgreSQL through `LibpqEngine` (the server's default driver); `.postgres` is postgres-nio's pool.
    case libpq

    func withEngine(_ body: (any DatabaseEngine) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let engine = try await SQLiteEngine.open(path: nil)
            do {
                try await body(engine)
            } catch {
                try? await engine.shutdown()
                throw error
            }
            try await engine.shutdown()
        case .postgres:
            try await Self.withPostgresDatabase(body)
        case .libpq:
            try await Self.withPostgresDatabase(driver: .libpq, body)
        }
    }

    static func postgresURL(database: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
        let port = environment["POSTGRES_PORT"] ?? "55432"
        let user = environment["POSTGRES_USER"] ?? "postgres"
        let password = environment["POSTGRES_PASSWORD"].map { ":" + $0 } ?? ""
        return "postgres://\(user)\(password)@\(host):\(port)/\(database)"
    }

    /// Creates a uniquely named database, runs `body` on an engine connected to it, then drops it — after the
    /// engine's pool has stopped, so it never tries to reconnect to a dropped database.
    /// `maximumConnections: 1` pins every statement to one session (for tests that inspect session state).
    enum Driver { case postgresNIO, libpq }

    static func withPostgresDatabase(
        maximumConnections: Int? = nil, driver: Driver = .postgresNIO, _ body: (any DatabaseEngine) async throws -> Void
    ) async throws {
        let name = "loom_rt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try PostgresEngine(url: postgresURL(database: "postgres"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            _ = try await admin.query("CREATE DATABASE \(name)", [])
            var failure: (any Error)?
            do {
                if driver == .libpq {
                    // `maximumConnections: 1`: one shared session and one for transactions.
                    let engine = try LibpqEngine(
                        url: postgresURL(database: name) + "?sslmode=disable", poolSize: maximumConnections,
                        pipelines: maximumConnections ?? 2)
                    do {
                        try await body(engine)
                        try await engine.shutdown()
                    } catch {
                        try? await engine.shutdown()
                        throw error
                    }
                } else {
                var configuration = try PostgresURL.configuration(from: postgresURL(database: name))
                if let maximumConnections { configuration.options.maximumConnections = maximumConnections }
                let engine = PostgresEngine(configuration: configuration)
                try await withThrowingTaskGroup(of: Void.self) { inner in
                    inner.addTask { await engine.run() }
                    defer { inner.cancelAll() }
                    try await body(engine)
                }
                }
            } catch {
                failure = error
            }
            _ = try? await admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", [])
            if let failure { throw failure }
        }
    }
}

/// Where the job tests run: the embedded queue on each database, and Redis in front of each.
enum JobTestSetup: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres
    case sqliteRedis
    case postgresRedis

    var testDescription: String { rawValue }

    var backend: TestBackend {
        switch self {
        case .sqlite, .sqliteRedis: .sqlite
        case .postgres, .postgresRedis: .postgres
        }
    }

    static var redisURL: RedisURL {
        let environment = ProcessInfo.processInfo.environment
        return RedisURL(host: environment["REDIS_HOSTNAME"] ?? "127.0.0.1", port: Int(environment["REDIS_PORT"] ?? "") ?? 56379)
    }

    /// A fresh database with the job tables, `counters` (row 1 at 0) and `marks`, which the jobs of a test write, and
    /// this setup's store.
    func withJobDatabase(_ body: (Database, any JobStore, JobRelay?) async throws -> Void) async throws {
        try await backend.withEngine { engine in
            try await engine.executeScript(JobQueue.createStatements(for: engine.dialect) + [
                #"CREATE TABLE "counters" ("id" INTEGER PRIMARY KEY, "n" INTEGER NOT NULL)"#,
                #"CREATE TABLE "marks" ("what" TEXT NOT NULL)"#,
                #"INSERT INTO "counters" ("id", "n") VALUES (1, 0)"#,
            ])
            let database = Database(engine: engine)
            try await withStore(database: database) { store, relay in try await body(database, store, relay) }
        }
    }

    /// The store the worker takes jobs from (and, with Redis, the relay feeding it), in a namespace of its own.
    func withStore(database: Database, _ body: (any JobStore, JobRelay?) async throws -> Void) async throws {
        switch self {
        case .sqlite, .postgres:
            try await body(JobQueue(engine: database.engine), nil)
        case .sqliteRedis, .postgresRedis:
            let redis = RedisClient(url: Self.redisURL)
            let store = RedisJobStore(
                redis: redis, database: database, namespace: "test-" + UUID().uuidString.prefix(8).lowercased(), callbackGrace: .zero)
            do {
                try await body(store, JobRelay(database: database, store: store))
            } catch {
                try? await store.reset()
                try? await redis.shutdown()
                throw error
            }
            try await store.reset()
            try await redis.shutdown()
        }
    }
}
