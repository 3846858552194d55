import Foundation
import LoomCompiler

/// `loomgen lsp`: a Language Server Protocol 3.17 server for `.loom` schemas over a pair of file descriptors (stdio).
///
/// One thread reads and frames messages into a queue; the loop handles them one at a time, in order, so every
/// request sees the edits sent before it. Diagnostics are published `debounce` after the last edit of a schema and
/// once no further message waits (edits that arrive while a schema is analysed are applied together, then analysed
/// once), or at once when a request needs the analysis anyway. Nothing a client sends
/// ends the loop but `exit` or the end of the input: a malformed message is answered with an error or dropped.
public final class LanguageServer {
    public struct Options: Sendable {
        /// How long after an edit diagnostics wait for the next one. Short: edits that arrive while the schema is
        /// analysed wait in the queue and are taken together anyway, so this only gathers the messages of one burst.
        public var debounce: Duration

        public init(debounce: Duration = .milliseconds(5)) { self.debounce = debounce }
    }

    let options: Options
    let workspace = Workspace()
    private let queue = MessageQueue()
    private let writer: MessageWriter
    private var initialized = false
    /// Whether the client lets the server ask it to watch files (`workspace.didChangeWatchedFiles.dynamicRegistration`).
    private var canWatchFiles = false
    private var shutdownRequested = false
    /// Per folder, when its diagnostics are due.
    private var diagnosticsDue: [String: Date] = [:]
    /// What was last published per file, so an unchanged file is not published again.
    private var published: [String: [LSPDiagnostic]] = [:]

    init(output: FileHandle, options: Options) {
        writer = MessageWriter(output: output)
        self.options = options
    }

    /// Serves until `exit` or the end of the input; returns the process's exit code (0 after `shutdown`, else 1, as
    /// the protocol asks).
    public static func serve(input: FileHandle, output: FileHandle, options: Options = Options()) -> Int32 {
        let server = LanguageServer(output: output, options: options)
        let reader = Thread { [queue = server.queue, writer = server.writer] in Self.read(input, into: queue, writer: writer) }
        reader.stackSize = 1 << 20
        reader.start()
        return server.loop()
    }

    // MARK: Reading

    private static func read(_ input: FileHandle, into queue: MessageQueue, writer: MessageWriter) {
        var framer = MessageFramer()
        let decoder = JSONDecoder()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            for output in framer.feed(chunk) {
                switch output {
                case .malformedHeader(let reason):
                    writer.send(.notification(method: "window/logMessage", params: Self.logParams("dropped a message: \(reason)")))
                case .message(let body):
                    guard let message = try? decoder.decode(IncomingMessage.self, from: body) else {
                        writer.send(.failure(id: nil, error: .parseError("not a JSON-RPC message")))
                        continue
                    }
                    if message.method == "$/cancelRequest", let id = try? message.params?.decode(CancelParams.self).id {
                        if queue.withdraw(id) { writer.send(.failure(id: id, error: .requestCancelled)) }
                        continue
                    }
                    queue.push(.message(message))
                }
            }
        }
        queue.push(.end)
    }

    static func logParams(_ message: String, type: Int = 3) -> JSONValue {
        .object(["type": .integer(type), "message": .string(message)])
    }

    // MARK: The loop

    private func loop() -> Int32 {
        while true {
            let deadline = diagnosticsDue.values.min()
            guard let item = queue.next(until: deadline) else {
                publishDueDiagnostics()
                workspace.releaseRetired()
                continue
            }
            switch item {
            case .end:
                return shutdownRequested ? 0 : 1
            case .message(let message):
                if message.method == "exit" { return shutdownRequested ? 0 : 1 }
                handle(message)
                // Edits already waiting are applied first, so a burst is analysed once; a stream that never pauses is
                // analysed at least every quarter second.
                if let deadline = diagnosticsDue.values.min(), deadline <= Date(),
                   queue.isEmpty || Date().timeIntervalSince(deadline) > 0.25 {
                    publishDueDiagnostics()
                }
                if queue.isEmpty { workspace.releaseRetired() }
            }
        }
    }

    private func handle(_ message: IncomingMessage) {
        guard let method = message.method else { return }  // a response to a request we never send
        guard let id = message.id else {
            handleNotification(method, params: message.params)
            return
        }
        do {
            let result = try respond(to: method, params: message.params ?? .null)
            writer.send(.response(id: id, result: result))
        } catch let error as ResponseError {
            writer.send(.failure(id: id, error: error))
        } catch let error as DecodingError {
            writer.send(.failure(id: id, error: .invalidParams("the parameters of \(method) do not fit: \(Self.describe(error))")))
        } catch {
            writer.send(.failure(id: id, error: .internalError(String(describing: error))))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: String(describing: error)
        }
    }

    private func respond(to method: String, params: JSONValue) throws -> JSONValue {
        if method == "initialize" {
            initialized = true
            canWatchFiles = params["capabilities"]?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"] == .bool(true)
            return Self.initializeResult
        }
        guard initialized else { throw ResponseError.serverNotInitialized }
        guard !shutdownRequested else { throw ResponseError.invalidRequest("the server is shutting down") }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return .null
        case "textDocument/hover":
            return try .encoding(hover(try params.decode(TextDocumentPositionParams.self)))
        case "textDocument/definition":
            return try .encoding(definition(try params.decode(TextDocumentPositionParams.self)))
        case "textDocument/references":
            return try .encoding(references(try params.decode(ReferenceParams.self)))
        case "textDocument/prepareRename":
            return try .encoding(prepareRename(try params.decode(TextDocumentPositionParams.self)))
        case "textDocument/rename":
            return try .encoding(rename(try params.decode(RenameParams.self)))
        case "textDocument/completion":
            return try .encoding(completion(try params.decode(TextDocumentPositionParams.self)))
        case "textDocument/formatting":
            return try .encoding(format(try params.decode(DocumentFormattingParams.self)))
        case "textDocument/rangeFormatting":
            return try .encoding(formatRange(try params.decode(DocumentRangeFormattingParams.self)))
        case "textDocument/documentSymbol":
            return try .encoding(documentSymbols(try params.decode(DocumentSymbolParams.self)))
        case "textDocument/foldingRange":
            return try .encoding(foldingRanges(try params.decode(DocumentSymbolParams.self)))
        case "textDocument/codeAction":
            return try .encoding(codeActions(try params.decode(CodeActionParams.self)))
        case "workspace/executeCommand":
            return try executeCommand(try params.decode(ExecuteCommandParams.self))
        default:
            throw ResponseError.methodNotFound(method)
        }
    }

    private func handleNotification(_ method: String, params: JSONValue?) {
        guard initialized, let params else { return }
        do {
            switch method {
            case "textDocument/didOpen":
                let document = try params.decode(DidOpenTextDocumentParams.self).textDocument
                workspace.open(uri: document.uri, version: document.version, text: document.text)
                publishDiagnostics(folder: Workspace.folder(of: Workspace.path(of: document.uri)))
            case "textDocument/didChange":
                let change = try params.decode(DidChangeTextDocumentParams.self)
                workspace.change(uri: change.textDocument.uri, version: change.textDocument.version, changes: change.contentChanges)
                let folder = Workspace.folder(of: Workspace.path(of: change.textDocument.uri))
                diagnosticsDue[folder] = Date().addingTimeInterval(Self.seconds(options.debounce))
            case "textDocument/didClose":
                workspace.close(uri: try params.decode(DidCloseTextDocumentParams.self).textDocument.uri)
            case "textDocument/didSave":
                if let folder = workspace.diskChanged(uri: try params.decode(DidSaveTextDocumentParams.self).textDocument.uri) {
                    diagnosticsDue[folder] = Date().addingTimeInterval(Self.seconds(options.debounce))
                }
            case "initialized":
                // Files of a schema change outside the editor too (a checkout, a generator): have the client say so.
                if canWatchFiles {
                    writer.send(.request(id: .string("loom-watch"), method: "client/registerCapability", params: .object([
                        "registrations": .array([.object([
                            "id": .string("loom-watch"), "method": .string("workspace/didChangeWatchedFiles"),
                            "registerOptions": .object(["watchers": .array([.object(["globPattern": .string("**/*.loom")])])]),
                        ])]),
                    ])))
                }
            case "workspace/didChangeWatchedFiles":
                if case .array(let changes)? = params["changes"] {
                    for case .string(let uri)? in changes.map({ $0["uri"] }) {
                        if let folder = workspace.diskChanged(uri: uri) {
                            diagnosticsDue[folder] = Date().addingTimeInterval(Self.seconds(options.debounce))
                        }
                    }
                }
            default:
                break  // `$/setTrace`, settings: nothing to do
            }
        } catch {
            writer.send(.notification(method: "window/logMessage", params: Self.logParams("ignored \(method): \(error)", type: 2)))
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    // MARK: Diagnostics

    private func publishDueDiagnostics() {
        let now = Date()
        for (folder, due) in diagnosticsDue where due <= now { publishDiagnostics(folder: folder) }
    }

    /// Analyses the folder if it changed and publishes the diagnostics of each of its files that changed.
    func publishDiagnostics(folder: String) {
        diagnosticsDue[folder] = nil
        let snapshot = workspace.snapshot(folder: folder)
        var byFile: [String: [LSPDiagnostic]] = [:]
        for path in snapshot.texts.keys { byFile[path] = [] }
        for diagnostic in snapshot.analysis.diagnostics {
            guard let lines = snapshot.texts[diagnostic.range.file] else { continue }
            byFile[diagnostic.range.file, default: []].append(lspDiagnostic(diagnostic, lines: lines, snapshot: snapshot))
        }
        // Files of the folder that are gone: clear what they showed.
        for path in published.keys where Workspace.folder(of: path) == folder && byFile[path] == nil { byFile[path] = [] }
        for (path, diagnostics) in byFile.sorted(by: { $0.key < $1.key }) {
            if published[path] == diagnostics { continue }
            published[path] = diagnostics
            let parameters = PublishDiagnosticsParams(
                uri: workspace.uri(of: path), version: workspace.documents[path]?.version, diagnostics: diagnostics)
            if let encoded = try? JSONValue.encoding(parameters) {
                writer.send(.notification(method: "textDocument/publishDiagnostics", params: encoded))
            }
        }
    }

    /// The snapshot a request about `uri` works on: the folder analysed now if it changed, its diagnostics published.
    func snapshot(for uri: String) -> Workspace.Snapshot {
        let folder = Workspace.folder(of: Workspace.path(of: uri))
        if workspace.stale.contains(folder) { publishDiagnostics(folder: folder) }
        return workspace.snapshot(folder: folder)
    }

    static let initializeResult: JSONValue = .object([
        "capabilities": .object([
            "positionEncoding": .string("utf-16"),
            "textDocumentSync": .object([
                "openClose": .bool(true), "change": .integer(2), "save": .object(["includeText": .bool(false)]),
            ]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "referencesProvider": .bool(true),
            "renameProvider": .object(["prepareProvider": .bool(true)]),
            "completionProvider": .object(["triggerCharacters": .array(["@", ".", " ", "("].map { .string($0) })]),
            "documentFormattingProvider": .bool(true),
            "documentRangeFormattingProvider": .bool(true),
            "documentSymbolProvider": .bool(true),
            "foldingRangeProvider": .bool(true),
            "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
            "executeCommandProvider": .object(["commands": .array([.string(newMigrationCommand)])]),
        ]),
        "serverInfo": .object(["name": .string("loomgen"), "version": .string("0.1.0")]),
    ])
}

extension LanguageServer {
    /// A message the user sees (`window/showMessage`): 1 error, 2 warning, 3 info.
    func notify(_ message: String, type: Int) {
        writer.send(.notification(method: "window/showMessage", params: Self.logParams(message, type: type)))
    }
}
