/// `model Name option* { field* }`
public struct ModelDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var options: [ModelOption]
    public var fields: [FieldDeclaration]
    /// From the `model` keyword to the closing brace (or where parsing stopped).
    public var range: SourceRange

    public init(doc: [String], name: Identifier, options: [ModelOption], fields: [FieldDeclaration], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.options = options
        self.fields = fields
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
    public var range: SourceRange

    public init(doc: [String], name: Identifier, type: TypeReference?, attributes: [Attribute], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.type = type
        self.attributes = attributes
        self.range = range
    }
}

/// `Int`, `String(120)`, `DateTime?`: a type name, its arguments, and whether it is optional.
public struct TypeReference: Sendable, Hashable {
    public var name: Identifier
    /// Nil when there are no parentheses; an empty list for `()`.
    public var arguments: ArgumentList?
    /// The range of the trailing `?`, when there is one.
    public var optionalMark: SourceRange?
    public var range: SourceRange

    public init(name: Identifier, arguments: ArgumentList?, optionalMark: SourceRange?, range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.optionalMark = optionalMark
        self.range = range
    }

    public var isOptional: Bool { optionalMark != nil }
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
