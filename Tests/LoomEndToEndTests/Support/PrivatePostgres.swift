import Foundation

/// A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), which the test may stop and
/// start again without disturbing the shared one other suites use. Root runs it as the `postgres` user, as
/// scripts/services.sh does.
final class PrivatePostgres: @unchecked Sendable {
    let port: Int
    let folder: URL
    private let binaries: String

    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    static func create() async throws -> PrivatePostgres {
        try await offPool { try makeCluster() }
    }

    private static func makeCluster() throws -> PrivatePostgres {
        let folder = URL(fileURLWithPath: "/tmp").appending(path: "loom-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let server = PrivatePostgres(port: Int.random(in: 56_000...56_999), folder: folder, binaries: try run(["pg_config", "--bindir"]))
        _ = try server.asPostgres(["initdb", "-D", server.data, "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8", "--locale=C"])
        return server
    }

    private init(port: Int, folder: URL, binaries: String) {
        self.port = port
        self.folder = folder
        self.binaries = binaries
    }

    private var data: String { folder.appending(path: "data").path }

    /// Runs `postgres` as a child (not through `pg_ctl start`, whose daemon would inherit the descriptor Foundation
    /// watches to see its child end, so that waiting for `pg_ctl` would never return), and waits until it answers.
    func start() async throws {
        let command = [binaries + "/postgres", "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", data, "-c", "fsync=off"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + command : command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let check = [binaries + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", String(port)]
            if (try? await offPool { try Self.run(check) }) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the private PostgreSQL did not start on port \(port)")
    }

    /// A fast shutdown: connections are cut, as when the database goes away.
    func stop() async throws {
        let data = self.data
        _ = try await offPool { [self] in try asPostgres(["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]) }
    }

    func destroy() {
        _ = try? asPostgres(["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])  // ends the `postgres` child too
        try? FileManager.default.removeItem(at: folder)
    }

    private func asPostgres(_ arguments: [String]) throws -> String {
        let command = [binaries + "/" + arguments[0]] + arguments.dropFirst()
        return try Self.run(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + command : command)
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("\(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
