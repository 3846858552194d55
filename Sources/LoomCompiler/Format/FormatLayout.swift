/// Lays out the lines of a file: indentation, blank lines, field columns and trailing comments. Every decision is a
/// function of the tokens, the comments and the line structure (which formatting keeps), plus the user's blank lines
/// where the rules leave them free, so formatting a formatted file changes nothing.
struct FormatLayout {
    let lines: [FormatLine]

    /// Where a line sits in the bracket structure.
    private struct Placement {
        /// In levels of two spaces.
        var indent = 0
        /// The innermost bracket open at the start of the line is the `{` of a block that may hold fields (and the
        /// line does not close it first).
        var isInsideFieldBlock = false
        /// The first word of the line that opened the innermost `{` still open at the start of the line (`jwt`).
        var blockHeader: String?
        /// No bracket is open at the start of the line.
        var startsAtTopLevel = false
        /// The line has a `}` and no bracket is open at its end: it ends a top-level declaration.
        var closesTopLevelBlock = false
    }

    /// A member line that lines up with its neighbours, cut into its three columns.
    private struct Columns {
        enum Kind {
            /// `name Type @attributes…`: two spaces between columns.
            case field
            /// `GET "/path" -> Target …`: one space between columns.
            case route
            /// `issuer "helpdesk"` in a `jwt` block: a name and its value, two spaces between.
            case setting
        }

        var kind: Kind
        /// The name (with anything glued to it) or the route's method.
        var name: String
        /// The type or the path.
        var type: String
        /// The attributes or `-> Target …`; nil when the line has only two columns.
        var attributes: String?
    }

    func render() -> String {
        guard !lines.isEmpty else { return "" }
        let placements = place()
        let blanks = blankLines(placements)
        var code = lines.map { line in FormatSpacing(items: line.items).render(0..<line.code.count) }
        alignFields(placements, blanks, into: &code)
        let commentColumns = trailingCommentColumns(placements, blanks, code)

        var output = ""
        for (index, line) in lines.enumerated() {
            if blanks[index] { output += "\n" }
            output += String(repeating: "  ", count: placements[index].indent)
            output += code[index]
            if let comment = line.trailingComment {
                let padding = commentColumns[index].map { $0 - code[index].count } ?? 1
                output += String(repeating: " ", count: max(1, padding)) + comment.text
            }
            output += "\n"
        }
        return output
    }

    // MARK: Indentation

    /// Blocks whose header starts with one of these words hold statements (`require Product(productId)`,
    /// `invoke GetSummary`), not fields: their second word may be a capitalized name, but it is not a type, so their
    /// lines are never aligned (nor those of blocks nested in them).
    static let statementBlocks: Set<String> = ["usecase", "job", "callback"]

    private func place() -> [Placement] {
        // Each open bracket: its text, the level of the line that opened it, whether it is (in) a statement block,
        // and the first word of the line that opened it.
        var open: [(text: String, indent: Int, isStatements: Bool, header: String)] = []
        var placements: [Placement] = []
        placements.reserveCapacity(lines.count)
        for line in lines {
            var placement = Placement()
            placement.startsAtTopLevel = open.isEmpty
            if line.items[0].isCloser {
                // The level of the line that opened the outermost bracket closed at the start of this line.
                let closers = min(open.count, line.items.prefix { $0.isCloser }.count)
                placement.indent = closers == 0 ? 0 : open[open.count - closers].indent
            } else {
                placement.indent = open.last.map { $0.indent + 1 } ?? 0
                placement.isInsideFieldBlock = open.last.map { $0.text == "{" && !$0.isStatements } ?? false
                placement.blockHeader = open.last.flatMap { $0.text == "{" ? $0.header : nil }
            }
            let header = line.items.first { $0.isToken }?.text ?? ""
            var closesBrace = false
            for item in line.items where item.isToken {
                if item.isOpener {
                    let isStatements = open.last?.isStatements == true || Self.statementBlocks.contains(header)
                    open.append((item.text, placement.indent, isStatements, header))
                } else if item.isCloser {
                    if !open.isEmpty { open.removeLast() }
                    if item.text == "}" { closesBrace = true }
                }
            }
            placement.closesTopLevelBlock = closesBrace && open.isEmpty
            placements.append(placement)
        }
        return placements
    }

    // MARK: Blank lines

    /// Whether one blank line precedes each line.
    private func blankLines(_ placements: [Placement]) -> [Bool] {
        var blanks = [Bool](repeating: false, count: lines.count)
        for index in lines.indices.dropFirst() {
            let previous = lines[index - 1], line = lines[index]
            if !previous.hasTokens && previous.items.last?.kind == .docComment {
                blanks[index] = false  // a doc comment stays attached to what it documents
            } else if previous.code.last?.isOpener == true || line.items[0].isCloser {
                blanks[index] = false
            } else if placements[index - 1].closesTopLevelBlock && placements[index].startsAtTopLevel {
                blanks[index] = true
            } else {
                blanks[index] = line.blankBeforeInSource
            }
        }
        return blanks
    }

    // MARK: Columns

    private func alignFields(_ placements: [Placement], _ blanks: [Bool], into code: inout [String]) {
        var run: [(index: Int, columns: Columns)] = []

        func flush() {
            defer { run = [] }
            guard run.count >= 2 else { return }
            let nameWidth = run.map(\.columns.name.count).max() ?? 0
            let typeWidth = run.map(\.columns.type.count).max() ?? 0
            let gap = run[0].columns.kind == .route ? 1 : 2
            // `name: Type` lines keep the colon against the name and one space after it.
            let nameGap = run.allSatisfy { $0.columns.name.hasSuffix(":") } ? 1 : gap
            for (index, columns) in run {
                var text = pad(columns.name, to: nameWidth + nameGap)
                if let attributes = columns.attributes {
                    text += pad(columns.type, to: typeWidth + gap) + attributes
                } else {
                    text += columns.type
                }
                code[index] = text
            }
        }

        for index in lines.indices {
            if blanks[index] { flush() }
            if lines[index].isDocOnly { continue }
            guard let columns = columns(of: lines[index], placements[index]) else {
                flush()
                continue
            }
            if let last = run.last,
                placements[last.index].indent != placements[index].indent || last.columns.kind != columns.kind
            {
                flush()
            }
            run.append((index, columns))
        }
        flush()
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The columns of a field or route line, or nil.
    private func columns(of line: FormatLine, _ placement: Placement) -> Columns? {
        guard placement.isInsideFieldBlock else { return nil }
        let items = Array(line.code)
        guard items.count >= 2, items[0].isIdentifier, items.allSatisfy(\.isToken) else { return nil }
        var depth = 0
        for item in items {
            switch item.text {
            case "{", "}": return nil
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: break
            }
            if depth < 0 { return nil }
        }
        guard depth == 0 else { return nil }

        let spacing = FormatSpacing(items: items)
        // A setting of a `jwt` block: `name value`.
        if placement.blockHeader == "jwt" && items.count == 2
            && [.token(.string), .token(.integer), .token(.decimal)].contains(items[1].kind)
        {
            return Columns(kind: .setting, name: items[0].text, type: items[1].text, attributes: nil)
        }
        // A route: `METHOD "path" -> …`.
        if items.count >= 4 && items[1].kind == .token(.string) && items[2].text == "->" {
            return Columns(
                kind: .route, name: items[0].text, type: items[1].text, attributes: spacing.render(2..<items.count)
            )
        }
        // The name, with whatever is glued to it (`userId:`).
        var typeStart = 1
        while typeStart < items.count && !spacing.spaceBefore(typeStart) { typeStart += 1 }
        guard typeStart < items.count else { return nil }
        // The type: a capitalized name or `[`, then only `?`, `.name` and bracketed arguments, up to the first `@`
        // outside brackets, where the attributes start.
        let first = items[typeStart]
        guard first.text == "[" || first.isIdentifier && first.text.unicodeScalars.first.map({ ("A"..."Z").contains($0) }) == true
        else { return nil }
        var attributesStart: Int?
        depth = 0
        for index in typeStart..<items.count {
            let text = items[index].text
            let isGeneric = spacing.isGenericBracket(index)
            if depth == 0 && index > typeStart {
                // `through Join` of a many-to-many relation goes in the attributes' column.
                if (text == "@" || text == "through" && items[index].isIdentifier) && spacing.spaceBefore(index) {
                    attributesStart = index
                    break
                }
                let afterDot = items[index - 1].text == "."
                guard ["?", ".", "(", "["].contains(text) || isGeneric && text == "<" || afterDot && items[index].isIdentifier
                else { return nil }
            }
            if text == "(" || text == "[" || isGeneric && text == "<" { depth += 1 }
            if text == ")" || text == "]" || isGeneric && text == ">" { depth -= 1 }
        }
        return Columns(
            kind: .field,
            name: spacing.render(0..<typeStart),
            type: spacing.render(typeStart..<(attributesStart ?? items.count)),
            attributes: attributesStart.map { spacing.render($0..<items.count) }
        )
    }

    // MARK: Trailing comments

    /// For lines whose trailing comment lines up with those of adjacent lines: the column (after the indentation) the
    /// comment starts at.
    private func trailingCommentColumns(_ placements: [Placement], _ blanks: [Bool], _ code: [String]) -> [Int?] {
        var columns = [Int?](repeating: nil, count: lines.count)
        var group: [Int] = []

        func flush() {
            defer { group = [] }
            guard group.count >= 2 else { return }
            let column = (group.map { code[$0].count }.max() ?? 0) + 1
            for index in group { columns[index] = column }
        }

        for index in lines.indices {
            let alignable = lines[index].trailingComment != nil && !code[index].contains("\n")
            if !alignable || blanks[index] { flush() }
            guard alignable else { continue }
            if let last = group.last, last != index - 1 || placements[last].indent != placements[index].indent { flush() }
            group.append(index)
        }
        flush()
        return columns
    }
}
