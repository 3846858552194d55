/// `enum Name { case+ }`: cases separated by whitespace, newlines or commas.
public struct EnumDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    /// In source order, repeats included (the resolver reports them).
    public var cases: [Identifier]
    /// From the `enum` keyword to the closing brace (or where parsing stopped).
    public var range: SourceRange

    public init(doc: [String], name: Identifier, cases: [Identifier], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.cases = cases
        self.range = range
    }
}
