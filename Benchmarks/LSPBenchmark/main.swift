import BenchmarkSupport
import Foundation
import LoomLanguageServer

/// `make bench-lsp`: how long after an edit `loomgen lsp` publishes the diagnostics of a 1,000-model schema (20 files
/// of 50 models), measured as an editor sees it: from writing `didChange` on the server's stdin to reading the
/// `publishDiagnostics` that reflects the edit, the debounce (5 ms) included. Edits alternate between typing an error into a
/// field's type and fixing it, in a different model each time, at a typing pace. Beside it, in the same run: the same
/// with no debounce (analysis alone), hover after an edit (the index is rebuilt), the first analysis on open, and
/// `loomgen check` on the same folder, which is where a user saw these errors before.
struct Arguments {
    var loomgen = ""
    var models = 1_000
    var edits = 200

    init() throws {
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--models": models = Int(arguments.popFirst() ?? "") ?? models
            case "--edits": edits = Int(arguments.popFirst() ?? "") ?? edits
            default: loomgen = argument
            }
        }
        guard !loomgen.isEmpty else { throw BenchmarkFailure("usage: LSPBenchmark PATH-TO-LOOMGEN [--models N] [--edits N]") }
    }
}

/// A client over the server process's pipes.
final class Session {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var framer = MessageFramer()
    private var pending: [JSONValue] = []
    private var nextID = 1

    init(loomgen: String, debounce: Int) throws {
        process.executableURL = URL(fileURLWithPath: loomgen)
        process.arguments = ["lsp", "--debounce", String(debounce)]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ message: JSONValue) throws {
        input.fileHandleForWriting.write(MessageFramer.frame(try JSONEncoder().encode(message)))
    }

    func notify(_ method: String, _ params: JSONValue) throws {
        try send(.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    func request(_ method: String, _ params: JSONValue) throws -> JSONValue {
        let id = nextID
        nextID += 1
        try send(.object(["jsonrpc": .string("2.0"), "id": .integer(id), "method": .string(method), "params": params]))
        return try next { $0["id"] == .integer(id) }
    }

    func next(_ predicate: (JSONValue) -> Bool) throws -> JSONValue {
        while true {
            if let index = pending.firstIndex(where: predicate) { return pending.remove(at: index) }
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw BenchmarkFailure("the server closed its output") }
            for case .message(let body) in framer.feed(data) { pending.append(try JSONDecoder().decode(JSONValue.self, from: body)) }
            // Notifications nobody waits for are dropped as they come.
            pending.removeAll { $0["method"] != nil && $0["method"] != .string("textDocument/publishDiagnostics") }
        }
    }

    /// The diagnostics of `uri` once their count is `count`.
    func diagnostics(of uri: String, count: Int) throws {
        _ = try next {
            guard $0["method"] == .string("textDocument/publishDiagnostics"), $0["params"]?["uri"] == .string(uri),
                  case .array(let diagnostics)? = $0["params"]?["diagnostics"] else { return false }
            return diagnostics.count == count
        }
    }

    func close() throws {
        _ = try request("shutdown", .null)
        try notify("exit", .null)
        process.waitUntilExit()
    }
}

func milliseconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}

struct Latencies {
    var edits: [Double] = []
    var hovers: [Double] = []
    var open = 0.0
}

/// One session: open a file, then `edits` edits, each waited for; every fifth is followed by a hover.
func measure(_ arguments: Arguments, folder: URL, debounce: Int) throws -> Latencies {
    let session = try Session(loomgen: arguments.loomgen, debounce: debounce)
    _ = try session.request("initialize", .object(["processId": .null, "rootUri": .null, "capabilities": .object([:])]))
    try session.notify("initialized", .object([:]))
    let file = folder.appending(path: "part10.loom")
    let uri = file.absoluteString
    let text = try String(contentsOf: file, encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    let priceLines = lines.indices.filter { lines[$0].hasPrefix("  price ") }
    var latencies = Latencies()
    var start = DispatchTime.now().uptimeNanoseconds
    try session.notify("textDocument/didOpen", .object(["textDocument": .object([
        "uri": .string(uri), "languageId": .string("loom"), "version": .integer(1), "text": .string(text),
    ])]))
    try session.diagnostics(of: uri, count: 0)
    latencies.open = milliseconds(since: start)
    for edit in 0..<arguments.edits {
        // Type `Imt` over `Int` in one model, then put `Int` back.
        let line = priceLines[(edit / 2 * 7) % priceLines.count]
        let typo = edit % 2 == 0
        let column = lines[line].utf16.distance(from: lines[line].startIndex, to: lines[line].range(of: "Int")!.lowerBound)
        let range: JSONValue = .object([
            "start": .object(["line": .integer(line), "character": .integer(column)]),
            "end": .object(["line": .integer(line), "character": .integer(column + 3)]),
        ])
        start = DispatchTime.now().uptimeNanoseconds
        try session.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .integer(edit + 2)]),
            "contentChanges": .array([.object(["range": range, "text": .string(typo ? "Imt" : "Int")])]),
        ]))
        try session.diagnostics(of: uri, count: typo ? 1 : 0)
        latencies.edits.append(milliseconds(since: start))
        if edit % 5 == 1 {
            start = DispatchTime.now().uptimeNanoseconds
            let hover = try session.request("textDocument/hover", .object([
                "textDocument": .object(["uri": .string(uri)]),
                "position": .object(["line": .integer(line + 2), "character": .integer(3)]),
            ]))
            guard hover["result"]?["contents"] != nil else { throw BenchmarkFailure("no hover: \(hover)") }
            latencies.hovers.append(milliseconds(since: start))
        }
        usleep(useconds_t(40_000 + (edit % 5) * 20_000))  // a typing pace: 40–120 ms between edits
    }
    try session.close()
    return latencies
}

let arguments = try Arguments()
let folder = FileManager.default.temporaryDirectory.appending(path: "lsp-bench-\(getpid())/schema")
try SyntheticSchema.write(models: arguments.models, into: folder)
// Formatted, as a user's schema under `loomgen check` is (else check stops at the formatting drift, exit 2).
try run(arguments.loomgen, ["fmt", folder.path])
print("loomgen lsp on \(arguments.models) models (\(arguments.models / 50) files), \(arguments.edits) edits per session")

var checks: [Double] = []
for _ in 0..<5 {
    let result = try run(arguments.loomgen, ["check", folder.path])
    guard result.status == 0 else { throw BenchmarkFailure("loomgen check failed") }
    checks.append(result.seconds * 1000)
}
let debounced = try measure(arguments, folder: folder, debounce: 5)
let immediate = try measure(arguments, folder: folder, debounce: 0)

print("")
print("| measure | median | p95 | max |")
print("|---|---:|---:|---:|")
for (name, values) in [
    ("edit → diagnostics (debounce 5 ms, the default)", debounced.edits),
    ("edit → diagnostics (debounce 0: analysis alone)", immediate.edits),
    ("hover after an edit", debounced.hovers + immediate.hovers),
    ("`loomgen check` of the folder (a process, the baseline)", checks),
] {
    print("| \(name) | \(format(median(values), 1)) ms | \(format(percentile(values, 0.95), 1)) ms | \(format(values.max() ?? 0, 1)) ms |")
}
print("| open → first diagnostics | \(format(debounced.open, 1)) ms | | |")
let p95 = percentile(debounced.edits, 0.95)
print("")
print("target: edit → diagnostics p95 ≤ 100 ms: \(format(p95, 1)) ms, \(p95 <= 100 ? "met" : "NOT MET")")
print("p95 ratio to loomgen check's median: \(format(p95 / median(checks), 2))")
try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
