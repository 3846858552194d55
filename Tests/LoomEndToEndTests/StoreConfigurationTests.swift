import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real server's configuration file and environment, its refusal to start on a bad setting, and its graceful
/// shutdown.
@Suite("Store configuration and shutdown end to end")
struct StoreConfigurationTests {
    /// A YAML file in a fresh folder.
    static func configFile(_ yaml: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "loom-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appending(path: "store.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("--config: the file's settings apply, and an environment variable overrides one")
    func configFile() async throws {
        let path = try Self.configFile("body_limit_bytes: 200\nmetrics:\n  enabled: false\n")
        let server = try await ServerProcess.start(backend: .sqlite, arguments: ["--config", path])
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.get("/metrics").status == 404)
        let long = #"{"sku":"S1","name":"\#(String(repeating: "n", count: 300))","category":"tools","priceCents":1}"#
        let tooLarge = try await http.post("/products", long)
        #expect(tooLarge.status == 413, "\(tooLarge.text)")
        #expect(try await http.post("/products", StoreJobTests.product).status == 201)

        let overridden = try await ServerProcess.start(backend: .sqlite, environment: ["METRICS_ENABLED": "true"], arguments: ["--config=\(path)"])
        defer { overridden.stop() }
        #expect(try await HTTPClient(baseURL: overridden.baseURL).get("/metrics").status == 200)
    }

    @Test("a bad setting stops the server at start-up: exit status 1 and one line naming the key and the file")
    func badSetting() async throws {
        let path = try Self.configFile("port: 0\ndatabase:\n  url: postgres://app:hunter2@db.invalid/store\n  pool_size: many\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        process.arguments = ["--config", path]
        var environment = ProcessInfo.processInfo.environment
        for name in ["DATABASE_URL", "DATABASE_POOL_SIZE", "PORT"] { environment[name] = nil }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = try await offPool {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(process.terminationStatus == 1)
        #expect(output == "loom: store: \(path):4:14: database.pool_size: must be a whole number from 1 to 1000, got 'many'\n")
        #expect(!output.contains("hunter2"))
    }

    @Test("SIGTERM: no new connections, the request under way finishes, then the process exits 0")
    func gracefulShutdown() async throws {
        let (databaseURL, cleanup) = try Backend.postgres.makeDatabase()
        let server = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup, environment: ["JOBS_WORKER": "false"])
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", StoreJobTests.product).status == 201)

        // The row stays locked until the test lets it go, so the PATCH is under way, waiting for it in PostgreSQL,
        // when SIGTERM arrives however loaded the machine is (fixed pauses were not enough on a fresh clone).
        let holder = try StoreJobTests.psqlInBackground(databaseURL, #"BEGIN; SELECT 1 FROM "products" WHERE "id" = 1 FOR UPDATE; SELECT pg_sleep(120); COMMIT;"#)
        defer { if holder.isRunning { holder.terminate() } }
        try await Self.waitUntil(databaseURL, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(120)%' AND state = 'active' AND pid <> pg_backend_pid()")
        let started = ContinuousClock.now
        let inFlight = Task { try await http.patch("/products/1", #"{"stock":7}"#) }
        try await Self.waitUntil(databaseURL, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        kill(server.process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        // The listener is closed: a new request is refused, while the one under way goes on.
        await #expect(throws: (any Error).self) { _ = try await http.get("/health") }
        // Let the lock go (a second after the PATCH left, so its wait shows), by ending the holder's session.
        try await Task.sleep(until: started + .milliseconds(1_100))
        _ = try await Self.query(databaseURL, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()")
        let answer = try await inFlight.value
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.object["stock"] as? Int == 7)
        #expect(ContinuousClock.now - started > .milliseconds(1_000))  // it did wait for the lock

        let process = server.process
        try await offPool { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Until `countQuery` (a `SELECT count(*) …`) counts at least one row.
    static func waitUntil(_ databaseURL: String, _ countQuery: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let count = Int(try await query(databaseURL, countQuery)), count > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("never true: \(countQuery)")
    }

    /// One value from psql, trimmed.
    static func query(_ databaseURL: String, _ sql: String) async throws -> String {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", databaseURL, "-At", "-c", sql]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
