import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), which the test may stop and
/// start again without disturbing the shared one other suites use. Root runs it as the `postgres` user, as
/// scripts/services.sh does.
final class PrivatePostgres: @unchecked Sendable {
    /// Fixed once the server first answers: a restart must come back where clients look for it.
    private(set) var port: Int
    let folder: URL
    private let binaries: String
    private var started = false

    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    static func create() async throws -> PrivatePostgres {
        try await offPool { try makeCluster() }
    }

    private static func makeCluster() throws -> PrivatePostgres {
        let folder = URL(fileURLWithPath: "/tmp").appending(path: "loom-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let server = PrivatePostgres(port: try freePort(), folder: folder, binaries: try run(["pg_config", "--bindir"]))
        _ = try server.asPostgres(["initdb", "-D", server.data, "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8", "--locale=C"])
        return server
    }

    private init(port: Int, folder: URL, binaries: String) {
        self.port = port
        self.folder = folder
        self.binaries = binaries
    }

    private var data: String { folder.appending(path: "data").path }
    private var logFile: URL { folder.appending(path: "postgres.log") }

    /// Runs `postgres` as a child (not through `pg_ctl start`, whose daemon would inherit the descriptor Foundation
    /// watches to see its child end, so that waiting for `pg_ctl` would never return), and waits until it answers.
    ///
    /// A first `make test` on a fresh, loaded machine once saw it not answer in time, with nothing to say why. So the
    /// port is one the kernel just handed out, the server's log is kept, a server that exits is restarted (on a new
    /// port when it could not bind one, before anyone knows the port), the wait is long enough for a loaded machine,
    /// and a failure quotes the log.
    func start() async throws {
        var attempt = 0
        while true {
            attempt += 1
            let process = try launch()
            let deadline = ContinuousClock.now + .seconds(90)
            while ContinuousClock.now < deadline, process.isRunning {
                let check = [binaries + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", String(port)]
                if (try? await offPool { try Self.run(check) }) != nil {
                    started = true
                    return
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if process.isRunning {
                process.terminate()
                throw TestFailure("the private PostgreSQL did not answer on port \(port) within 90 s; its log:\n\(log.suffix(2000))")
            }
            guard attempt < 4 else {
                throw TestFailure("the private PostgreSQL exited \(attempt) times on port \(port); its log:\n\(log.suffix(2000))")
            }
            if !started && log.contains("could not bind") { port = try Self.freePort() }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    private func launch() throws -> Process {
        let command = [binaries + "/postgres", "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", data, "-c", "fsync=off"]
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + command : command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        return process
    }

    /// A port nothing listens on now: the kernel's choice for a socket bound to port 0.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw TestFailure("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
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
