import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real server binary (the store's, by default), started on an ephemeral loopback port with its own database.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let baseURL: URL
    private let outputBuffer: OutputBuffer
    private let cleanup: @Sendable () -> Void

    /// Starts `store` and waits for its "listening on" line.
    static func start(
        backend: Backend, environment extra: [String: String] = [:], arguments: [String] = [],
        binary: String = TestEnvironment.storeBinary
    ) async throws -> ServerProcess {
        let (databaseURL, cleanup) = try backend.makeDatabase()
        return try await start(databaseURL: databaseURL, cleanup: cleanup, environment: extra, arguments: arguments, binary: binary)
    }

    /// Starts `store` on a database that already exists; `cleanup` runs when it is stopped.
    static func start(
        databaseURL: String, cleanup: @escaping @Sendable () -> Void, environment extra: [String: String] = [:],
        arguments: [String] = [], binary: String = TestEnvironment.storeBinary
    ) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = "0"
        environment["HOST"] = "127.0.0.1"
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "warning"
        environment["MIGRATE"] = "1"  // a fresh database: apply the schema's migrations
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let pipe = Pipe()
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        process.standardOutput = pipe
        try process.run()

        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let port = output.port() {
                return ServerProcess(process: process, port: port, output: output, cleanup: cleanup)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
        cleanup()
        throw TestFailure("the server did not report its port; its output: \(output.text)")
    }

    private init(process: Process, port: Int, output: OutputBuffer, cleanup: @escaping @Sendable () -> Void) {
        self.process = process
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.outputBuffer = output
        self.cleanup = cleanup
    }

    /// What the server has written to stdout so far.
    var output: String { outputBuffer.text }

    /// Kills the server at once (SIGKILL: no graceful shutdown, as in a crash), leaving its database.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the server (SIGTERM, a graceful shutdown) and drops its database.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        cleanup()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
