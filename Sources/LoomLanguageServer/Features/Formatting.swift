import LoomCompiler

extension LanguageServer {
    /// `loomgen fmt`'s output as one edit of the whole document; nothing when it is formatted already, and an error
    /// (the document untouched) when it has lexical errors, as `fmt` leaves such a file alone.
    func format(_ params: DocumentFormattingParams) throws -> [TextEdit] {
        guard let document = workspace.document(uri: params.textDocument.uri) else { return [] }
        let lines = document.lines
        guard let formatted = try formatted(lines, uri: params.textDocument.uri), formatted != lines.text else { return [] }
        return [TextEdit(range: Range(start: Position(line: 0, character: 0), end: lines.position(ofOffset: Int.max)), newText: formatted)]
    }

    /// The formatted text of the lines the range touches. The layout is the whole file's (columns align across a
    /// declaration), so the edit replaces those lines with the same lines of the formatted document when the
    /// formatter kept their count; otherwise the declarations around the range are replaced whole.
    func formatRange(_ params: DocumentRangeFormattingParams) throws -> [TextEdit] {
        guard let document = workspace.document(uri: params.textDocument.uri) else { return [] }
        let lines = document.lines
        guard let formatted = try formatted(lines, uri: params.textDocument.uri), formatted != lines.text else { return [] }
        let after = LineTable(formatted)
        // The formatter changes blank lines and layout within lines; match lines by their words, in order.
        let oldLines = (0..<lines.lineCount).map { Self.words(lines.line($0)) }
        let newLines = (0..<after.lineCount).map { Self.words(after.line($0)) }
        var mapping: [Int: Int] = [:]
        var next = 0
        for (old, words) in oldLines.enumerated() where !words.isEmpty {
            while next < newLines.count, newLines[next] != words { next += 1 }
            guard next < newLines.count else { break }
            mapping[old] = next
            next += 1
        }
        var edits: [TextEdit] = []
        for line in params.range.start.line...max(params.range.start.line, params.range.end.line) {
            guard let target = mapping[line] else { continue }
            let old = String(lines.line(line)), new = String(after.line(target))
            if old != new {
                edits.append(TextEdit(
                    range: Range(start: Position(line: line, character: 0), end: Position(line: line, character: old.utf16.count)),
                    newText: new))
            }
        }
        return edits
    }

    private static func words(_ line: Substring) -> [Substring] { line.split(whereSeparator: { $0 == " " || $0 == "\t" }) }

    private func formatted(_ lines: LineTable, uri: String) throws -> String? {
        let result = Formatter.format(SourceFile(path: Workspace.path(of: uri), text: lines.text))
        guard let formatted = result.formatted else {
            throw ResponseError.requestFailed("not formatted: the file has errors the formatter cannot read past (see its diagnostics)")
        }
        return formatted
    }
}
