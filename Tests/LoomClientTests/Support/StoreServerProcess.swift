import Foundation
import TestSupport

/// The store binary (`${LOOM_STORE_BIN}`, default `.build/debug/store`), started on an ephemeral loopback port with
/// a fresh SQLite database, as Tests/LoomEndToEndTests/Support/ServerProcess.swift starts it. Waits for the child
/// happen on a Dispatch thread, never on one of the few cooperative threads the other tests run on.
final class StoreServerProcess: @unchecked Sendable {
    let process: Process
    private let output: OutputBuffer
    private let folder: URL

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LOOM_STORE_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appending(path: ".build/debug/store").path
    }

    /// Runs `body` against a new server, which is stopped (and its database removed) however `body` ends.
    static func with<T>(_ body: (StoreServerProcess) async throws -> T) async throws -> T {
        let server = try await start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    static func start() async throws -> StoreServerProcess {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ServerFailure("no store binary at \(binary): build it (swift build --product store) or set LOOM_STORE_BIN")
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "loom-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = "0"
        environment["HOST"] = "127.0.0.1"
        environment["DATABASE_URL"] = "sqlite:\(folder.path)/store.db"
        environment["MIGRATE"] = "1"
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = OutputBuffer()
        let stdout = Pipe(), stderr = Pipe()
        stdout.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let server = StoreServerProcess(process: process, output: output, folder: folder)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let port = output.port() {
                server.port = port
                return server
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        await server.stop()
        throw ServerFailure("the store did not report its port; its output: \(output.text.prefix(2_000))")
    }

    private var port = 0

    private init(process: Process, output: OutputBuffer, folder: URL) {
        self.process = process
        self.output = output
        self.folder = folder
    }

    /// `http://127.0.0.1:PORT`, once the server said it listens.
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// SIGTERM, then the exit awaited on a Dispatch thread; the database folder removed.
    func stop() async {
        let process = self.process
        if process.isRunning { process.terminate() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
