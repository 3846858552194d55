/// Turns a source file into tokens and comments. It never fails: whatever it cannot read becomes a diagnostic and is
/// skipped, so the parser always gets a token stream ending in `endOfFile`.
public struct Lexer: Sendable {
    public struct Output: Sendable, Hashable {
        /// Always ends with an `endOfFile` token.
        public var tokens: [Token]
        public var comments: [Comment]
        public var diagnostics: [Diagnostic]
    }

    public static func tokenize(_ file: SourceFile) -> Output {
        var lexer = Lexer(file: file)
        lexer.run()
        return Output(tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
    }

    private let path: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var offset = 0
    private var atStartOfLine = true
    private var pendingDoc: [String] = []
    private var tokens: [Token] = []
    private var comments: [Comment] = []
    private var diagnostics: [Diagnostic] = []

    private init(file: SourceFile) {
        path = file.path
        scalars = Array(file.text.unicodeScalars)
    }

    // MARK: Driver

    private mutating func run() {
        while let scalar = peek() {
            if isWhitespace(scalar) {
                advance()
            } else if scalar == "/" && peek(1) == "/" {
                lexLineComment()
            } else if scalar == "/" && peek(1) == "*" {
                lexBlockComment()
            } else if scalar == "\"" {
                lexString()
            } else if isDigit(scalar) || (scalar == "-" && peek(1).map(isDigit) == true) {
                lexNumber()
            } else if isIdentifierStart(scalar) {
                lexIdentifier()
            } else if scalar == "-" && peek(1) == ">" {
                let start = location
                advance()
                advance()
                emit(.arrow, from: start, startIndex: index - 2)
            } else if let next = peek(1), let kind = Self.operators[String(scalar) + String(next)] {
                let start = location
                advance()
                advance()
                emit(kind, from: start, startIndex: index - 2)
            } else if let kind = Self.punctuation[scalar] {
                let start = location
                advance()
                emit(kind, from: start, startIndex: index - 1)
            } else {
                lexUnexpectedCharacters()
            }
        }
        emit(.endOfFile, from: location, startIndex: index)
    }

    private static let punctuation: [Unicode.Scalar: TokenKind] = [
        "{": .leftBrace, "}": .rightBrace, "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket,
        ",": .comma, "?": .question, "@": .at, ":": .colon, "=": .equals, ".": .dot, "<": .less, ">": .greater,
        "!": .bang, "*": .star, "+": .plus,
    ]

    /// Two-character operators, tried before `punctuation` so that `==` is not read as two `=`. A lone `&` or `|`
    /// starts no token.
    private static let operators: [String: TokenKind] = [
        "==": .equalEqual, "!=": .notEqual, "<=": .lessEqual, ">=": .greaterEqual, "&&": .ampersandAmpersand,
        "||": .pipePipe,
    ]

    // MARK: Tokens

    private mutating func lexIdentifier() {
        let start = location, startIndex = index
        while let scalar = peek(), isIdentifierContinue(scalar) { advance() }
        emit(.identifier, from: start, startIndex: startIndex)
    }

    /// `-?[0-9]+(\.[0-9]+)?`. Letters glued to the number (`12abc`) are reported and dropped, except right after
    /// `ttl` (`cache ttl 60s`): there the number and its letters are one `duration` token, whose unit the checker
    /// judges, so `1d` gets a message about durations rather than about spacing.
    private mutating func lexNumber() {
        let start = location, startIndex = index
        if peek() == "-" { advance() }
        while let scalar = peek(), isDigit(scalar) { advance() }
        var kind = TokenKind.integer
        if peek() == ".", let next = peek(1), isDigit(next) {
            kind = .decimal
            advance()
            while let scalar = peek(), isDigit(scalar) { advance() }
        }
        let numberEnd = index, numberEndLocation = location
        if let scalar = peek(), isIdentifierContinue(scalar), tokens.last?.isIdentifier("ttl") == true {
            while let scalar = peek(), isIdentifierContinue(scalar) { advance() }
            emit(.duration, from: start, startIndex: startIndex)
            return
        }
        if let scalar = peek(), isIdentifierContinue(scalar) {
            while let scalar = peek(), isIdentifierContinue(scalar) { advance() }
            diagnostics.append(.error(
                .invalidNumber, "invalid number '\(text(from: startIndex))'", at: range(from: start),
                hint: "put a space between the number and the name"
            ))
        }
        emit(kind, text: text(startIndex, numberEnd), range: SourceRange(file: path, start: start, end: numberEndLocation))
    }

    /// A double-quoted string on one line, with the escapes `\"`, `\\`, `\n` and `\t`.
    private mutating func lexString() {
        let start = location, startIndex = index
        advance()
        var value = ""
        var isUnterminated = false
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                diagnostics.append(.error(
                    .unterminatedString, "unterminated string", at: range(from: start),
                    hint: "close the string with '\"' on the same line"
                ))
                isUnterminated = true
                break
            }
            if scalar == "\"" {
                advance()
                break
            }
            if scalar == "\\" {
                let escapeStart = location
                advance()
                guard let escaped = peek(), escaped != "\n" else { continue }
                advance()
                switch escaped {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    value.unicodeScalars.append(escaped)
                    diagnostics.append(.error(
                        .unexpectedCharacter, "invalid escape sequence '\\\(Self.printable(escaped))' in string",
                        at: range(from: escapeStart), hint: "strings support the escapes \\\" \\\\ \\n and \\t"
                    ))
                }
                continue
            }
            value.unicodeScalars.append(scalar)
            advance()
        }
        emit(.string, text: text(from: startIndex), value: value, range: range(from: start), isUnterminated: isUnterminated)
    }

    /// A run of characters that start no token is reported once, not once per character.
    private mutating func lexUnexpectedCharacters() {
        let start = location, startIndex = index
        repeat { advance() } while peek().map { !isWhitespace($0) && !startsToken(at: index) } == true
        let run = scalars[startIndex..<index]
        let shown = run.prefix(20).map(Self.printable).joined() + (run.count > 20 ? "…" : "")
        let message = run.count == 1 ? "unexpected character '\(shown)'" : "unexpected characters '\(shown)'"
        diagnostics.append(.error(.unexpectedCharacter, message, at: range(from: start)))
    }

    private func startsToken(at position: Int) -> Bool {
        guard position < scalars.count else { return false }
        let scalar = scalars[position]
        let next = position + 1 < scalars.count ? scalars[position + 1] : nil
        switch scalar {
        case "\"": return true
        case "/": return next == "/" || next == "*"
        case "-": return next == ">" || next.map(isDigit) == true
        case "&", "|": return next == scalar
        default: return isIdentifierStart(scalar) || isDigit(scalar) || Self.punctuation[scalar] != nil
        }
    }

    // MARK: Comments

    private mutating func lexLineComment() {
        let start = location, startIndex = index
        while let scalar = peek(), scalar != "\n" { advance() }
        var text = text(from: startIndex)
        if text.hasSuffix("\r") { text.removeLast() }
        // `///` documents; `////` is an ordinary comment, as in Swift.
        let isDoc = text.hasPrefix("///") && !text.hasPrefix("////")
        if isDoc {
            var line = text.dropFirst(3)
            if line.first == " " { line = line.dropFirst() }
            pendingDoc.append(String(line))
        }
        comments.append(Comment(kind: isDoc ? .doc : .line, text: text, range: range(from: start)))
    }

    private mutating func lexBlockComment() {
        let start = location, startIndex = index
        advance()
        advance()
        while true {
            guard let scalar = peek() else {
                diagnostics.append(.error(
                    .unterminatedComment, "unterminated block comment", at: range(from: start), hint: "close it with '*/'"
                ))
                break
            }
            if scalar == "*" && peek(1) == "/" {
                advance()
                advance()
                break
            }
            advance()
        }
        comments.append(Comment(kind: .block, text: text(from: startIndex), range: range(from: start)))
    }

    // MARK: Helpers

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: offset) }

    private func range(from start: SourceLocation) -> SourceRange {
        SourceRange(file: path, start: start, end: location)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        let scalar = scalars[index]
        index += 1
        offset += UTF8.width(scalar)
        if scalar == "\n" {
            line += 1
            column = 1
            atStartOfLine = true
        } else {
            column += 1
        }
    }

    private func text(from start: Int) -> String { text(start, index) }

    private func text(_ start: Int, _ end: Int) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<end])
        return result
    }

    private mutating func emit(_ kind: TokenKind, from start: SourceLocation, startIndex: Int) {
        emit(kind, text: text(from: startIndex), range: range(from: start))
    }

    private mutating func emit(
        _ kind: TokenKind, text: String, value: String? = nil, range: SourceRange, isUnterminated: Bool = false
    ) {
        tokens.append(Token(
            kind: kind, text: text, value: value, range: range, isAtStartOfLine: atStartOfLine, leadingDoc: pendingDoc,
            isUnterminated: isUnterminated
        ))
        pendingDoc = []
        atStartOfLine = false
    }

    private func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool { isIdentifierStart(scalar) || isDigit(scalar) }

    /// Control and invisible characters are shown as `\u{1B}` so that a message never garbles a terminal.
    static func printable(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 || (0x7F...0xA0).contains(value) || scalar.properties.generalCategory == .format
            || scalar.properties.isWhitespace
        {
            return "\\u{\(String(value, radix: 16, uppercase: true))}"
        }
        return String(scalar)
    }
}
