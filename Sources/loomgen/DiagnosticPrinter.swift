import Foundation
import LoomCompiler

/// Prints diagnostics to stderr: `path:line:col: error[L0NN]: message` (what SwiftPM and editors pick up), the hint
/// as a `note:` line, and on a terminal the source line with a caret. `--format json` prints one JSON array on stdout
/// instead, an object per diagnostic (`FindingJSON`, the shape `check`'s drift findings share).
enum DiagnosticPrinter {
    enum Format: String, CaseIterable {
        case text
        case json
    }

    static func print(_ diagnostics: [Diagnostic], files: [SourceFile], format: Format) {
        switch format {
        case .json:
            FindingJSON.print(diagnostics.map(FindingJSON.init))
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

/// One diagnostic or drift finding in `--format json` (for CI annotations): `file`, `line`, `column`, `severity`,
/// `code`, `message`, and when known `hint`, `fix` (a command) and `diff`.
struct FindingJSON: Encodable {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var code: String
    var message: String
    var hint: String?
    var fix: String?
    var diff: String?

    init(_ diagnostic: Diagnostic) {
        file = diagnostic.range.file
        line = diagnostic.range.start.line
        column = diagnostic.range.start.column
        severity = diagnostic.severity.rawValue
        code = diagnostic.code.rawValue
        message = diagnostic.message
        hint = diagnostic.hint
    }

    init(_ finding: DriftFinding) {
        file = finding.file
        line = finding.line
        column = 1
        severity = "error"
        code = finding.code.rawValue
        message = finding.message
        fix = finding.fix
        diff = finding.diff
    }

    /// One array on stdout.
    static func print(_ objects: [FindingJSON]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(objects)) ?? Data("[]".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
