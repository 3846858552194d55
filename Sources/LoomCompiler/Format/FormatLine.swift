/// One token or comment of a line, as the formatter sees it.
struct FormatItem: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case token(TokenKind)
        /// `//`: ends its line.
        case lineComment
        /// `///`: ends its line.
        case docComment
        /// `/* */`: may sit between tokens and may span lines.
        case blockComment
    }

    var kind: Kind
    /// The text to print: a token's source text, a comment's text (`//` and `///` without trailing whitespace).
    var text: String
    var startLine: Int
    var endLine: Int

    var isComment: Bool {
        if case .token = kind { return false }
        return true
    }

    var isToken: Bool { !isComment }

    var isIdentifier: Bool { kind == .token(.identifier) }

    /// `//` or `///`: nothing can follow it on its line.
    var endsLine: Bool { kind == .lineComment || kind == .docComment }

    var isOpener: Bool { isToken && FormatItem.openers.contains(text) }

    var isCloser: Bool { isToken && FormatItem.closers.contains(text) }

    static let openers: Set<String> = ["{", "(", "["]
    static let closers: Set<String> = ["}", ")", "]"]
}

/// A source line (or the lines of a multi-line `/* */` comment and what shares its first and last line): the unit the
/// user's line breaks define and the formatter keeps.
struct FormatLine: Sendable, Hashable {
    var items: [FormatItem]
    /// At least one empty line separated this line from the previous one in the source.
    var blankBeforeInSource: Bool

    var tokens: [FormatItem] { items.filter(\.isToken) }

    var hasTokens: Bool { items.contains(where: \.isToken) }

    /// A `//` or `///` comment after code on the same line.
    var trailingComment: FormatItem? {
        guard let last = items.last, last.endsLine, items.count > 1 else { return nil }
        return last
    }

    /// The items before the trailing comment, if any.
    var code: ArraySlice<FormatItem> { trailingComment == nil ? items[...] : items.dropLast() }

    /// Only a `///` comment.
    var isDocOnly: Bool { items.count == 1 && items[0].kind == .docComment }

    /// Only comments.
    var isCommentOnly: Bool { !hasTokens }

    /// Groups tokens (without the final `endOfFile`) and comments, in source order, into lines.
    static func split(tokens: [Token], comments: [Comment]) -> [FormatLine] {
        var items: [(offset: Int, item: FormatItem)] = []
        items.reserveCapacity(tokens.count + comments.count)
        for token in tokens where token.kind != .endOfFile {
            items.append((token.range.start.offset, FormatItem(
                kind: .token(token.kind), text: token.text, startLine: token.range.start.line,
                endLine: token.range.end.line
            )))
        }
        for comment in comments {
            let kind: FormatItem.Kind
            var text = comment.text
            switch comment.kind {
            case .line: kind = .lineComment
            case .doc: kind = .docComment
            case .block: kind = .blockComment
            }
            if kind != .blockComment {
                while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" {
                    text.unicodeScalars.removeLast()
                }
            }
            // A line comment's range may end past a stripped `\r`, never on the next line.
            let endLine = kind == .blockComment ? comment.range.end.line : comment.range.start.line
            items.append((comment.range.start.offset, FormatItem(
                kind: kind, text: text, startLine: comment.range.start.line, endLine: endLine
            )))
        }
        // Stable: tokens and comments never share an offset, but keep source order whatever happens.
        let ordered = items.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }

        var lines: [FormatLine] = []
        var previousEnd = 0
        for (_, entry) in ordered {
            let item = entry.item
            if lines.isEmpty || item.startLine > previousEnd {
                lines.append(FormatLine(items: [item], blankBeforeInSource: !lines.isEmpty && item.startLine > previousEnd + 1))
            } else {
                lines[lines.count - 1].items.append(item)
            }
            previousEnd = max(previousEnd, item.endLine)
        }
        return lines
    }
}
