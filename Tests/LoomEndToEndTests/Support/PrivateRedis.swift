import Foundation

/// A Redis server of one test's own (Debian's `redis-server`, which `scripts/services.sh` installs), without
/// persistence, so that stopping and starting it again is a Redis that lost its data — the worst restart.
final class PrivateRedis: @unchecked Sendable {
    let port: Int
    private var process: Process?

    init() throws {
        port = try PrivatePostgres.freePort()
    }

    var url: String { "redis://127.0.0.1:\(port)/0" }

    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if (try? Self.cli(port, ["PING"])) == "PONG" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("redis-server on port \(port) did not answer")
    }

    /// Stops it at once (SIGKILL: no chance to save or to say goodbye).
    func stop() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    static func cli(_ port: Int, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-cli", "-p", String(port)] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { stop() }
}
