import Foundation
import LoomLanguageServer
import Testing

/// A client for the server under test: the real server loop on a thread, talking through two pipes with the real
/// framing, as an editor would over stdio.
final class LSPTestClient: @unchecked Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var description: String { "no answer within the time for \(waitingFor)" }
    }

    private let toServer = Pipe()
    private let fromServer = Pipe()
    private var framer = MessageFramer()
    private var pending: [JSONValue] = []
    private var nextID = 1
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var exitCode: Int32?
    /// Notifications received while waiting for something else, oldest first.
    private(set) var notifications: [JSONValue] = []

    init(debounce: Duration = .milliseconds(10)) {
        let input = toServer.fileHandleForReading, output = fromServer.fileHandleForWriting
        let thread = Thread { [self] in
            let code = LanguageServer.serve(input: input, output: output, options: .init(debounce: debounce))
            lock.withLock { exitCode = code }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    // MARK: Sending

    func sendRaw(_ bytes: Data) { toServer.fileHandleForWriting.write(bytes) }

    func send(_ message: JSONValue) {
        sendRaw(MessageFramer.frame(try! JSONEncoder().encode(message)))
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object(["jsonrpc": "2.0", "method": .string(method), "params": params]))
    }

    /// Sends a request and returns its id without waiting.
    @discardableResult
    func sendRequest(_ method: String, _ params: JSONValue) -> Int {
        let id = nextID
        nextID += 1
        send(.object(["jsonrpc": "2.0", "id": .integer(id), "method": .string(method), "params": params]))
        return id
    }

    /// The whole response (`result` or `error`).
    func request(_ method: String, _ params: JSONValue = .object([:]), timeout: Duration = .seconds(20)) throws -> JSONValue {
        let id = sendRequest(method, params)
        return try response(to: id, timeout: timeout)
    }

    func response(to id: Int, timeout: Duration = .seconds(20)) throws -> JSONValue {
        try next(timeout: timeout, waitingFor: "the response to \(id)") { $0["id"] == .integer(id) && $0["method"] == nil }
    }

    func initialize() throws {
        _ = try request("initialize", .object(["processId": .null, "rootUri": .null, "capabilities": .object([:])]))
        notify("initialized", .object([:]))
    }

    /// Ends the session as an editor does; returns the server's exit code.
    func shutdown() throws -> Int32? {
        _ = try request("shutdown", .null)
        notify("exit", .null)
        return waitForExit()
    }

    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { exitCode }
    }

    func closeInput() { try? toServer.fileHandleForWriting.close() }

    // MARK: Receiving

    /// The next message matching `predicate`; others are kept (notifications in `notifications`).
    func next(timeout: Duration = .seconds(20), waitingFor: String, where predicate: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let index = pending.firstIndex(where: predicate) { return pending.remove(at: index) }
            guard ContinuousClock.now < deadline else { throw Timeout(waitingFor: waitingFor) }
            try readAvailable(until: deadline)
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    func diagnostics(for uri: String, timeout: Duration = .seconds(20)) throws -> [JSONValue] {
        let message = try next(timeout: timeout, waitingFor: "diagnostics of \(uri)") {
            $0["method"] == .string("textDocument/publishDiagnostics") && $0["params"]?["uri"] == .string(uri)
        }
        guard case .array(let diagnostics)? = message["params"]?["diagnostics"] else { return [] }
        return diagnostics
    }

    private func readAvailable(until deadline: ContinuousClock.Instant) throws {
        let fd = fromServer.fileHandleForReading.fileDescriptor
        let remaining = max(0, (deadline - ContinuousClock.now).components.seconds * 1000 + (deadline - ContinuousClock.now).components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(min(remaining, 1000))) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return }
        for output in framer.feed(Data(buffer[0..<count])) {
            guard case .message(let body) = output else { continue }
            let message = try JSONDecoder().decode(JSONValue.self, from: body)
            pending.append(message)
            if message["method"] != nil { notifications.append(message) }
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var int: Int? { if case .integer(let value) = self { value } else { nil } }
    var array: [JSONValue] { if case .array(let value) = self { value } else { [] } }
}

/// A scratch copy of a schema folder of the repository, and helpers to name positions in it.
struct ScratchSchema {
    let folder: URL

    init(copying name: String, keepingMigrations: Bool = false) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lsp-\(UUID().uuidString)").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("schemas/\(name)"), to: folder)
        if !keepingMigrations { try? FileManager.default.removeItem(at: folder.appendingPathComponent("migrations")) }
    }

    init(files: [String: String], name: String = "scratch") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lsp-\(UUID().uuidString)").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8) }
    }

    func uri(_ file: String) -> String { folder.appendingPathComponent(file).absoluteString }
    func text(_ file: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) }

    /// The protocol position of the first `pattern` in `file`, moved `offset` characters (ASCII text).
    func position(of pattern: String, in file: String, offset: Int = 0) throws -> JSONValue {
        let lines = try text(file).components(separatedBy: "\n")
        for (number, line) in lines.enumerated() {
            if let range = line.range(of: pattern) {
                return .object(["line": .integer(number), "character": .integer(line.utf16.distance(from: line.startIndex, to: range.lowerBound) + offset)])
            }
        }
        throw LSPTestClient.Timeout(waitingFor: "'\(pattern)' in \(file)")
    }

    func open(_ file: String, in client: LSPTestClient, text override: String? = nil) throws {
        client.notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(uri(file)), "languageId": "loom", "version": 1, "text": .string(try override ?? text(file)),
        ])]))
    }

    func at(_ file: String, _ position: JSONValue) -> JSONValue {
        .object(["textDocument": .object(["uri": .string(uri(file))]), "position": position])
    }
}
