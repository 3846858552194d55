/// `auth { field* jwt { setting* }? }`: who calls the API. At most one per schema; the checker says so (L100).
public struct AuthDeclaration: Sendable, Hashable {
    public var doc: [String]
    /// The `auth` keyword.
    public var keyword: Identifier
    /// The principal's fields, written like a model's: `orgId Int? @claim("org")`.
    public var fields: [FieldDeclaration]
    /// `jwt { … }` blocks in source order; more than one is reported by the checker.
    public var jwtBlocks: [JWTBlockSyntax]
    /// From the keyword to the closing brace.
    public var range: SourceRange

    public init(doc: [String], keyword: Identifier, fields: [FieldDeclaration], jwtBlocks: [JWTBlockSyntax], range: SourceRange) {
        self.doc = doc
        self.keyword = keyword
        self.fields = fields
        self.jwtBlocks = jwtBlocks
        self.range = range
    }
}

/// `jwt { issuer "…" audience "…" leeway 30 }`: what every token must carry. Settings are checked by the resolver, so
/// a misspelt one gets a located "did you mean".
public struct JWTBlockSyntax: Sendable, Hashable {
    public var keyword: Identifier
    public var settings: [JWTSettingSyntax]
    public var range: SourceRange

    public init(keyword: Identifier, settings: [JWTSettingSyntax], range: SourceRange) {
        self.keyword = keyword
        self.settings = settings
        self.range = range
    }
}

/// `name value` on one line of a `jwt` block.
public struct JWTSettingSyntax: Sendable, Hashable {
    public var name: Identifier
    /// Nil when the value is missing; the parser has reported it.
    public var value: Literal?
    public var range: SourceRange

    public init(name: Identifier, value: Literal?, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}
