/// A comment, kept out of the token stream but recorded with its range so that a formatter can put it back.
public struct Comment: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `// …`
        case line
        /// `/// …`: documentation for the next declaration or field.
        case doc
        /// `/* … */` (not nested).
        case block
    }

    public var kind: Kind
    /// The comment exactly as written, delimiters included.
    public var text: String
    public var range: SourceRange

    public init(kind: Kind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }
}
