import Foundation
import LoomCompiler

extension LanguageServer {
    /// Quick fixes for the diagnostics that carry one: a "did you mean 'X'?" hint replaces the misspelt name (a type,
    /// an attribute, a keyword, a field) with X; a missing migration is written (`Migrations.swift`).
    func codeActions(_ params: CodeActionParams) throws -> [CodeAction] {
        let snapshot = snapshot(for: params.textDocument.uri)
        let path = Workspace.path(of: params.textDocument.uri)
        guard let lines = snapshot.texts[path] else { return [] }
        let start = lines.offset(of: params.range.start), end = lines.offset(of: params.range.end)
        var actions: [CodeAction] = []
        for diagnostic in snapshot.analysis.diagnostics
        where diagnostic.range.file == path && diagnostic.range.start.offset <= end && start <= diagnostic.range.end.offset {
            let published = lspDiagnostic(diagnostic, lines: lines, snapshot: snapshot)
            if let action = migrationAction(for: published, folder: snapshot.folder) {
                actions.append(action)
                continue
            }
            guard let suggestion = diagnostic.hint.flatMap(Self.suggestion) else { continue }
            let written = lines.slice(diagnostic.range.start.offset, diagnostic.range.end.offset)
            // Only where the diagnostic's range is the one word the suggestion replaces.
            guard !written.isEmpty, !written.contains(where: { $0 == " " || $0 == "\n" || $0 == "(" }),
                  written.hasPrefix("@") == suggestion.hasPrefix("@") else { continue }
            actions.append(CodeAction(
                title: "Change '\(written)' to '\(suggestion)'", kind: "quickfix", diagnostics: [published], isPreferred: true,
                edit: WorkspaceEdit(changes: [params.textDocument.uri: [TextEdit(range: published.range, newText: suggestion)]]),
                command: nil))
        }
        return actions
    }

    /// `X` of "did you mean 'X'?".
    static func suggestion(in hint: String) -> String? {
        guard let start = hint.range(of: "did you mean '"), let end = hint[start.upperBound...].firstIndex(of: "'") else { return nil }
        let suggestion = String(hint[start.upperBound..<end])
        return suggestion.isEmpty ? nil : suggestion
    }
}
