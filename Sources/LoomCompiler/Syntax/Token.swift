/// The kinds of token a `.loom` file is made of. Keywords are plain identifiers: the parser decides by position
/// whether `table`, `at` or `crud` is a keyword, so they stay usable as names where that is unambiguous.
public enum TokenKind: Sendable, Hashable {
    case identifier
    case integer
    case decimal
    /// A number with a unit glued to it (`60s`, `5m`): read only right after `ttl`; the checker judges the unit.
    case duration
    case string
    case leftBrace
    case rightBrace
    case leftParen
    case rightParen
    case leftBracket
    case rightBracket
    case comma
    case question
    case at
    case colon
    case equals
    case arrow
    case dot
    /// The operators of access-rule conditions (`auth.role == admin && !internal`).
    case equalEqual
    case notEqual
    case less
    case lessEqual
    case greater
    case greaterEqual
    case ampersandAmpersand
    case pipePipe
    case bang
    /// The arithmetic of a `compute` (`body.quantity * body.unitPriceCents`).
    case star
    case plus
    case endOfFile

    /// How messages name the kind when no particular token is meant: `expected a string`.
    public var description: String {
        switch self {
        case .identifier: "a name"
        case .integer: "an integer"
        case .decimal: "a decimal number"
        case .duration: "a duration"
        case .string: "a string"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .question: "'?'"
        case .at: "'@'"
        case .colon: "':'"
        case .equals: "'='"
        case .arrow: "'->'"
        case .dot: "'.'"
        case .equalEqual: "'=='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .ampersandAmpersand: "'&&'"
        case .pipePipe: "'||'"
        case .bang: "'!'"
        case .star: "'*'"
        case .plus: "'+'"
        case .endOfFile: "end of file"
        }
    }
}

public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// The source text exactly as written, quotes and escapes included.
    public var text: String
    /// For a string: the decoded contents (escapes applied, no quotes). Otherwise the same as `text`.
    public var value: String
    public var range: SourceRange
    /// True when only whitespace and comments precede the token on its line. The grammar ignores newlines; error
    /// recovery uses them to guess where the next member or declaration starts.
    public var isAtStartOfLine: Bool
    /// The `///` lines between the previous token and this one, each without the slashes and one leading space.
    public var leadingDoc: [String]
    /// Set on a string whose closing quote is missing. The lexer has reported it; the parser does not check its value,
    /// which would only repeat the error.
    public var isUnterminated: Bool

    public init(
        kind: TokenKind, text: String, value: String? = nil, range: SourceRange, isAtStartOfLine: Bool,
        leadingDoc: [String] = [], isUnterminated: Bool = false
    ) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.range = range
        self.isAtStartOfLine = isAtStartOfLine
        self.leadingDoc = leadingDoc
        self.isUnterminated = isUnterminated
    }

    /// How a message quotes this token: `'modle'`, `'{'`, `end of file`.
    public var quoted: String {
        kind == .endOfFile ? "end of file" : "'\(text)'"
    }

    public func isIdentifier(_ name: String) -> Bool { kind == .identifier && text == name }
}
