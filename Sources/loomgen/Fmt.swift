import ArgumentParser
import Foundation
import LoomCompiler

/// `loomgen fmt DIR|FILE…`: rewrites `.loom` files in canonical layout (docs/formatting.md), touching only the files
/// that change and printing their paths. `--check` writes nothing: it prints a diff of every file that is not
/// formatted and exits 1 if there is one. Files with lexical errors are left alone and reported (exit 1).
struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt", abstract: "Format .loom files in place (or, with --check, verify them)."
    )

    @Argument(help: "Schema folders (every .loom file inside, recursively) or .loom files.")
    var inputs: [String]

    @Flag(help: "Write nothing; print a diff of each file that is not formatted and exit 1 if there is any.")
    var check = false

    func run() throws {
        var failed = false
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        for path in try Self.paths(inputs) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            let file = SourceFile(path: path, text: String(decoding: data, as: UTF8.self))
            files.append(file)
            let result = LoomCompiler.Formatter.format(file)
            guard let formatted = result.formatted else {
                diagnostics += result.diagnostics
                failed = true
                continue
            }
            // Compared as bytes: text that is not valid UTF-8 was decoded with replacements and must be rewritten.
            if Data(formatted.utf8) == data { continue }
            if check {
                print(LineDiff.unified(old: file.text, new: formatted, oldLabel: path, newLabel: "\(path) (formatted)"), terminator: "")
                failed = true
            } else {
                try Data(formatted.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                print(path)
            }
        }
        DiagnosticPrinter.print(diagnostics, files: files, format: .text)
        if failed { throw ExitCode(1) }
    }

    /// The `.loom` files of `inputs`, sorted, each once.
    static func paths(_ inputs: [String]) throws -> [String] {
        var paths: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(input)")
            }
            paths += isDirectory.boolValue ? try SchemaInputs.loomFiles(in: input) : [input]
        }
        var seen = Set<String>()
        let unique = paths.sorted().filter { seen.insert(URL(fileURLWithPath: $0).standardized.path).inserted }
        if unique.isEmpty { throw ValidationError("no .loom files in \(inputs.joined(separator: ", "))") }
        return unique
    }
}
