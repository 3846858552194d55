import Foundation
import Logging
import LoomPostgres
import LoomRuntime
import LoomSQLite

/// The backends the runtime tests run on: an in-memory SQLite, and a fresh database on the test PostgreSQL server
/// (`make services`; POSTGRES_HOSTNAME/POSTGRES_PORT/POSTGRES_USER, defaulting to scripts/services.sh's values).
enum TestBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

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
    static func withPostgresDatabase(
        maximumConnections: Int? = nil, _ body: (any DatabaseEngine) async throws -> Void
    ) async throws {
        let name = "loom_rt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try PostgresEngine(url: postgresURL(database: "postgres"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            _ = try await admin.query("CREATE DATABASE \(name)", [])
            var failure: (any Error)?
            do {
                var configuration = try PostgresURL.configuration(from: postgresURL(database: name))
                if let maximumConnections { configuration.options.maximumConnections = maximumConnections }
                let engine = PostgresEngine(configuration: configuration)
                try await withThrowingTaskGroup(of: Void.self) { inner in
                    inner.addTask { await engine.run() }
                    defer { inner.cancelAll() }
                    try await body(engine)
                }
            } catch {
                failure = error
            }
            _ = try? await admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", [])
            if let failure { throw failure }
        }
    }
}
