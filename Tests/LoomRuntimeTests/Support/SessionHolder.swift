import Foundation
import LoomPostgres
import LoomRuntime

/// A statement that keeps its connection busy until the test releases it, so a test of "refused within the wait" can
/// bound the wait generously (the suite's compiler tests can starve the two cooperative threads for seconds) and
/// still tell a refusal in time from a wait for the holder to let go.
struct SessionHolder {
    let marker = "holder_\(UUID().uuidString.prefix(8).lowercased())"

    /// The statement to hold the connection with: a long sleep, tagged so `release` finds its backend.
    var statement: String { "SELECT pg_sleep(120) AS \(marker)" }

    private static var monitorURL: String { TestBackend.postgresURL(database: "postgres") + "?sslmode=disable" }

    /// Waits until the holding statement runs on the server.
    func waitUntilHolding() async throws {
        let monitor = try LibpqEngine(url: Self.monitorURL, pipelines: 1)
        for _ in 0..<600 {
            let rows = try await monitor.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND state = 'active' AND pid <> pg_backend_pid()", [])
            if rows.first?.values == [.int(1)] { return try await monitor.shutdown() }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await monitor.shutdown()
        throw LoomError.unavailable(message: "the holding statement never started")
    }

    /// Cancels the holding statement on the server.
    func release() async throws {
        let monitor = try LibpqEngine(url: Self.monitorURL, pipelines: 1)
        _ = try await monitor.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND pid <> pg_backend_pid()", [])
        try await monitor.shutdown()
    }
}
