import Foundation
import LoomCompiler

/// Prints diagnostics to stderr: `path:line:col: error[L0NN]: message` (what SwiftPM and editors pick up), the hint
/// as a `note:` line, and on a terminal the source line with a caret. `--format json` prints one JSON array instead.
enum DiagnosticPrinter {
    enum Format: String, CaseIterable {
        case text
        case json
    }

    static func print(_ diagnostics: [Diagnostic], files: [SourceFile], format: Format) {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(diagnostics)) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .text:
            let showSource = isatty(STDERR_FILENO) == 1
            var text = ""
            for diagnostic in diagnostics {
                text += diagnostic.description + "\n"
                if showSource, let excerpt = excerpt(for: diagnostic, in: files) { text += excerpt }
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if errors + warnings > 0 {
                text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// The offending line and a caret under the column.
    static func excerpt(for diagnostic: Diagnostic, in files: [SourceFile]) -> String? {
        guard let file = files.first(where: { $0.path == diagnostic.range.file }) else { return nil }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = diagnostic.range.start.line - 1
        guard lines.indices.contains(index) else { return nil }
        let line = lines[index]
        let prefix = line.prefix(max(0, diagnostic.range.start.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        let width = diagnostic.range.end.line == diagnostic.range.start.line
            ? max(1, diagnostic.range.end.column - diagnostic.range.start.column) : 1
        return "  \(line)\n  \(prefix)\(String(repeating: "^", count: width))\n"
    }
}
