import LoomCompiler

extension LanguageServer {
    /// A compiler diagnostic as the protocol has it: the hint on a line of its own after the message, and for a second
    /// declaration of a name, the first one as related information.
    func lspDiagnostic(_ diagnostic: Diagnostic, lines: LineTable, snapshot: Workspace.Snapshot) -> LSPDiagnostic {
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
        var related: [DiagnosticRelatedInformation]?
        if Self.duplicateCodes.contains(diagnostic.code),
           let occurrence = snapshot.index.occurrence(at: diagnostic.range.start.offset, in: diagnostic.range.file),
           !occurrence.isDefinition {
            let first = snapshot.index.symbols[occurrence.symbol]
            if let firstLines = snapshot.texts[first.nameRange.file] {
                related = [DiagnosticRelatedInformation(
                    location: Location(uri: workspace.uri(of: first.nameRange.file), range: firstLines.range(of: first.nameRange)),
                    message: "the first declaration of '\(first.name)'")]
            }
        }
        return LSPDiagnostic(
            range: lines.range(of: diagnostic.range),
            severity: diagnostic.severity == .error ? 1 : diagnostic.severity == .warning ? 2 : 3,
            code: diagnostic.code.rawValue, message: message, relatedInformation: related)
    }

    static let duplicateCodes: Set<DiagnosticCode> = [.duplicateDeclaration, .duplicateField]
}
