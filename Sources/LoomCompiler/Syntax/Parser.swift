/// A hand-written predictive parser from tokens to `SourceFileSyntax`. It never stops at the first error: each problem
/// becomes a diagnostic, the parser skips to a likely restart point (the next member or declaration) and carries on,
/// so one run reports every error of the file.
///
/// Only rule conditions recurse (parentheses, `!`, `exists`), and they count their depth against `maxNestingDepth`;
/// recovery skips nested braces with a counter, so no input can exhaust the stack. Constructs that nest must check
/// `maxNestingDepth`.
public struct Parser: Sendable {
    public struct Output: Sendable, Hashable {
        public var syntax: SourceFileSyntax
        /// Lexer and parser diagnostics, in source order.
        public var diagnostics: [Diagnostic]
    }

    /// Deeper nesting is reported (L013) rather than followed.
    static let maxNestingDepth = 256

    /// Lexes and parses `file`.
    public static func parse(_ file: SourceFile) -> Output {
        let lexed = Lexer.tokenize(file)
        var parser = Parser(tokens: lexed.tokens)
        let declarations = parser.parseDeclarations()
        let syntax = SourceFileSyntax(file: file, declarations: declarations, comments: lexed.comments)
        return Output(syntax: syntax, diagnostics: lexed.diagnostics + parser.diagnostics)
    }

    private let tokens: [Token]
    private(set) var position = 0
    var diagnostics: [Diagnostic] = []
    /// The end of the last consumed token: where a node that stops early ends.
    private(set) var previousEnd: SourceLocation
    private var reportedDeepNesting = false
    /// How deep the rule condition being parsed is nested (`(`, `!`, `exists`).
    var conditionDepth = 0

    private init(tokens: [Token]) {
        // The lexer always appends `endOfFile`; the fallback only keeps the parser total.
        let start = SourceLocation(line: 1, column: 1, offset: 0)
        let endOfFile = Token(
            kind: .endOfFile, text: "", range: SourceRange(file: "", start: start, end: start), isAtStartOfLine: true
        )
        self.tokens = tokens.isEmpty ? [endOfFile] : tokens
        previousEnd = self.tokens[0].range.start
    }

    // MARK: Declarations

    private mutating func parseDeclarations() -> [Declaration] {
        var declarations: [Declaration] = []
        while !isAtEnd {
            let start = position
            if let declaration = parseDeclaration() { declarations.append(declaration) }
            if position == start { advance() }  // every turn consumes something, whatever the input
        }
        return declarations
    }

    private mutating func parseDeclaration() -> Declaration? {
        if current.isIdentifier("model") { return parseModel().map(Declaration.model) }
        if current.isIdentifier("enum") { return parseEnum().map(Declaration.enumeration) }
        if current.isIdentifier("resource") { return parseResource().map(Declaration.resource) }
        if current.isIdentifier("command") { return parseCommand().map(Declaration.command) }
        if current.isIdentifier("usecase") { return parseUseCase().map(Declaration.useCase) }
        if current.isIdentifier("job") { return parseJob().map(Declaration.job) }
        if current.isIdentifier("callback") { return parseCallback().map(Declaration.callback) }
        if current.isIdentifier("service") { return parseService().map(Declaration.service) }
        // `auth` has no name, so a missing `{` is reported by the body, not as an unknown declaration.
        if current.isIdentifier("auth") { return .auth(parseAuth()) }
        reportUnknownDeclaration()
        advance()
        skipToNextDeclaration()
        return nil
    }

    private mutating func reportUnknownDeclaration() {
        let expected = "expected " + Suggestions.list(Keywords.implementedDeclarations)
        guard current.kind == .identifier else {
            error(.unknownDeclaration, "unexpected \(current.quoted); \(expected)")
            return
        }
        let name = current.text
        let hint: String? =
            if Keywords.declarations.contains(name) {
                "'\(name)' declarations are not supported yet"
            } else {
                Suggestions.didYouMean(name, among: Keywords.implementedDeclarations)
            }
        error(.unknownDeclaration, "unknown declaration '\(name)'; \(expected)", hint: hint)
    }

    // MARK: Tokens

    var current: Token { tokens[Swift.min(position, tokens.count - 1)] }

    func peek(_ ahead: Int) -> Token { tokens[Swift.min(position + ahead, tokens.count - 1)] }

    var isAtEnd: Bool { current.kind == .endOfFile }

    /// Consumes the current token; at the end of the file it stays put.
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if token.kind != .endOfFile {
            position += 1
            previousEnd = token.range.end
        }
        return token
    }

    /// Consumes an identifier, as an `Identifier` node.
    mutating func consumeIdentifier() -> Identifier {
        let token = advance()
        return Identifier(name: token.text, range: token.range)
    }

    /// True when the current token begins a declaration: a declaration keyword at the start of a line, then a name,
    /// then `{` or a word on the same line. Bodies end there when their `}` is missing.
    var isAtDeclarationStart: Bool {
        if isAtAuthStart && current.isAtStartOfLine { return true }
        let keyword = current, name = peek(1), next = peek(2)
        guard keyword.isAtStartOfLine, keyword.kind == .identifier, Keywords.declarations.contains(keyword.text),
            name.kind == .identifier
        else { return false }
        // `usecase Name(` and `job Name(`: their parameter list follows the name.
        let opensParameters = next.kind == .leftParen && (keyword.text == "usecase" || keyword.text == "job")
        return next.kind == .leftBrace || opensParameters || (next.kind == .identifier && !next.isAtStartOfLine)
    }

    func range(from start: SourceLocation) -> SourceRange {
        SourceRange(file: current.range.file, start: start, end: Swift.max(previousEnd, start))
    }

    // MARK: Diagnostics

    /// Reports at the current token.
    mutating func error(_ code: DiagnosticCode, _ message: String, hint: String? = nil) {
        error(code, message, at: current.range, hint: hint)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, hint: String? = nil) {
        diagnostics.append(.error(code, message, at: range, hint: hint))
    }

    /// `expected '{' after model name, found 'id'`. When the current token starts a line, the missing token belonged
    /// at the end of the previous one, so that is where the error points.
    ///
    /// Not reported after an unterminated string at the end of a line: the string swallowed the token, and the lexer
    /// has said so.
    mutating func expected(_ what: String, hint: String? = nil) {
        let missingAtLineEnd = (current.isAtStartOfLine || isAtEnd) && position > 0
        if missingAtLineEnd && tokens[position - 1].isUnterminated { return }
        let range = missingAtLineEnd ? SourceRange(file: current.range.file, start: previousEnd, end: previousEnd) : current.range
        error(.expectedToken, "expected \(what), found \(current.quoted)", at: range, hint: hint)
    }

    // MARK: Recovery

    /// Skips to the next declaration keyword at the start of a line, or past a balanced `{…}` block.
    mutating func skipToNextDeclaration() {
        var depth = 0
        while !isAtEnd {
            if current.isAtStartOfLine && current.kind == .identifier
                && (Keywords.declarations.contains(current.text) || isAtAuthStart)
            {
                return
            }
            let token = advance()
            switch token.kind {
            case .leftBrace:
                depth += 1
                checkNesting(depth, at: token.range)
            case .rightBrace:
                depth -= 1
                if depth <= 0 { return }
            default:
                break
            }
        }
    }

    /// Skips the rest of a bad member: to the next token that starts a line or to the closing `}` of the body,
    /// stepping over balanced braces. Always consumes at least one token.
    mutating func skipToNextMember() {
        var depth = 0
        repeat {
            let token = advance()
            switch token.kind {
            case .leftBrace:
                depth += 1
                checkNesting(depth, at: token.range)
            case .rightBrace:
                depth -= 1
            default:
                break
            }
            if isAtEnd || isAtDeclarationStart { return }
        } while depth > 0 || !(current.isAtStartOfLine || current.kind == .rightBrace)
    }

    /// After a bad argument: skips to the closing `)` (consumed) or to where the next attribute, member or body starts.
    mutating func skipToClosingParenthesis() {
        while !isAtEnd && !current.isAtStartOfLine {
            switch current.kind {
            case .rightParen:
                advance()
                return
            case .leftBrace, .rightBrace, .at:
                return
            default:
                advance()
            }
        }
    }

    mutating func checkNesting(_ depth: Int, at range: SourceRange) {
        guard depth > Self.maxNestingDepth, !reportedDeepNesting else { return }
        reportedDeepNesting = true
        error(.nestingTooDeep, "braces are nested more than \(Self.maxNestingDepth) levels deep", at: range)
    }
}
