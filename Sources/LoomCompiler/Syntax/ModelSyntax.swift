/// `model Name option* { (field | modelAttribute | profile | rule | cache)* }`
///
/// Members are kept by kind; each carries its range, so a tool that needs the written order sorts them by it.
public struct ModelDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var options: [ModelOption]
    public var fields: [FieldDeclaration]
    /// `@@unique([a, b])`, `@@index([a, b])`, in source order.
    public var attributes: [ModelAttribute]
    /// `profile name { … }`, in source order.
    public var profiles: [ProfileDeclaration]
    /// `allow …`/`deny …` access rules, in source order.
    public var rules: [AccessRuleSyntax]
    /// `cache ttl 60s` lines, in source order: one is allowed, the checker reports a second.
    public var caches: [CacheClause]
    /// From the `model` keyword to the closing brace (or where parsing stopped).
    public var range: SourceRange

    public init(
        doc: [String], name: Identifier, options: [ModelOption], fields: [FieldDeclaration],
        attributes: [ModelAttribute] = [], profiles: [ProfileDeclaration] = [], rules: [AccessRuleSyntax] = [],
        caches: [CacheClause] = [], range: SourceRange
    ) {
        self.rules = rules
        self.caches = caches
        self.doc = doc
        self.name = name
        self.options = options
        self.fields = fields
        self.attributes = attributes
        self.profiles = profiles
        self.range = range
    }
}

/// `@@name([field, …])`: a constraint over several fields of a model (`@@unique`, `@@index`). The brackets are the
/// canonical form; `@@unique(a, b)` is accepted too.
public struct ModelAttribute: Sendable, Hashable {
    /// The name without the `@@`.
    public var name: Identifier
    /// Nil when the parentheses are missing; the resolver reports it.
    public var fields: [Identifier]?
    /// The parenthesised list, when there is one.
    public var argumentsRange: SourceRange?
    /// From the first `@` to the closing parenthesis.
    public var range: SourceRange

    public init(name: Identifier, fields: [Identifier]?, argumentsRange: SourceRange?, range: SourceRange) {
        self.name = name
        self.fields = fields
        self.argumentsRange = argumentsRange
        self.range = range
    }
}

/// What may follow a model's name: `timestamps`, `table "name"`.
public struct ModelOption: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case timestamps
        case table(StringLiteral)
    }

    public var kind: Kind
    /// The option's keyword.
    public var keyword: Identifier
    /// The whole option, keyword and value.
    public var range: SourceRange

    public init(kind: Kind, keyword: Identifier, range: SourceRange) {
        self.kind = kind
        self.keyword = keyword
        self.range = range
    }
}

/// `name Type attribute*`
public struct FieldDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    /// Nil when the type is missing; the parser has reported it.
    public var type: TypeReference?
    public var attributes: [Attribute]
    /// `tags [Tag] through ProductTag`: a many-to-many relation through a join model, not a column.
    public var through: Identifier?
    public var range: SourceRange

    public init(
        doc: [String], name: Identifier, type: TypeReference?, attributes: [Attribute], through: Identifier? = nil,
        range: SourceRange
    ) {
        self.doc = doc
        self.name = name
        self.type = type
        self.attributes = attributes
        self.through = through
        self.range = range
    }
}

/// `Int`, `String(120)`, `DateTime?`, `[String(20)]?`: a type name, its arguments, whether it is a list and whether
/// it is optional. For a list, `name` and `arguments` describe the element.
public struct TypeReference: Sendable, Hashable {
    public var name: Identifier
    /// Nil when there are no parentheses; an empty list for `()`.
    public var arguments: ArgumentList?
    /// The range of the trailing `?`, when there is one (after the `]` for a list).
    public var optionalMark: SourceRange?
    /// For a list `[T]`: from `[` to `]`. Nil for a single value.
    public var listBrackets: SourceRange?
    public var range: SourceRange

    public init(
        name: Identifier, arguments: ArgumentList?, optionalMark: SourceRange?, listBrackets: SourceRange? = nil,
        range: SourceRange
    ) {
        self.name = name
        self.arguments = arguments
        self.optionalMark = optionalMark
        self.listBrackets = listBrackets
        self.range = range
    }

    public var isOptional: Bool { optionalMark != nil }
    public var isList: Bool { listBrackets != nil }
}

/// `@name` or `@name(arguments)`.
public struct Attribute: Sendable, Hashable {
    /// The name without the `@`.
    public var name: Identifier
    public var arguments: ArgumentList?
    /// From the `@` to the closing parenthesis.
    public var range: SourceRange

    public init(name: Identifier, arguments: ArgumentList?, range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }
}
