import Foundation

/// Where the binaries and services under test are. `make test` sets every variable; the defaults match
/// `scripts/services.sh` and a debug build, so `swift test` after `make services` works too.
enum TestEnvironment {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var storeBinary: String {
        ProcessInfo.processInfo.environment["LOOM_STORE_BIN"] ?? packageRoot.appending(path: ".build/debug/store").path
    }

    static var helpdeskBinary: String {
        ProcessInfo.processInfo.environment["LOOM_HELPDESK_BIN"] ?? packageRoot.appending(path: ".build/debug/helpdesk").path
    }

    static var loomgenBinary: String {
        ProcessInfo.processInfo.environment["LOOMGEN_BIN"] ?? packageRoot.appending(path: ".build/debug/loomgen").path
    }

    static var postgresHost: String { ProcessInfo.processInfo.environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1" }
    static var postgresPort: String { ProcessInfo.processInfo.environment["POSTGRES_PORT"] ?? "55432" }
    static var postgresUser: String { ProcessInfo.processInfo.environment["POSTGRES_USER"] ?? "postgres" }
}

/// The two databases every end-to-end scenario runs on.
enum Backend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// A fresh, empty database for one server, and how to remove it.
    func makeDatabase() throws -> (url: String, cleanup: @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appending(path: "loom-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return ("sqlite:\(folder.path)/store.db", { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let name = "loom_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try Self.psql("CREATE DATABASE \(name)")
            let url = "postgres://\(TestEnvironment.postgresUser)@\(TestEnvironment.postgresHost):\(TestEnvironment.postgresPort)/\(name)"
            return (url, { try? Self.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
        }
    }

    static func psql(_ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-h", TestEnvironment.postgresHost, "-p", TestEnvironment.postgresPort, "-U", TestEnvironment.postgresUser,
            "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", statement,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TestFailure("psql failed (is PostgreSQL running? `make services`): \(message)")
        }
    }
}


/// Runs blocking work (a child process waited for) on a Dispatch thread, not on one of the test process's few
/// cooperative threads, which the other tests running at the same time need.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
