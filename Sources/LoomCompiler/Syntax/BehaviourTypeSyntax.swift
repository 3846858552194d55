/// `name: Type` in the parameter list of a use case or job. The names `body` and `query` are special: `body` is the
/// request body (a command), `query` the model a list route filters, sorts and pages.
public struct ParameterDeclaration: Sendable, Hashable {
    public var name: Identifier
    /// Nil when missing; the parser has reported it.
    public var type: TypeReference?
    public var range: SourceRange

    public init(name: Identifier, type: TypeReference?, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// A value read by a guard or rule: a parameter (`userId`) or a field of the body (`body.email`).
public struct ValueReference: Sendable, Hashable {
    public var base: Identifier
    /// The field after the dot, for `body.email`.
    public var member: Identifier?
    public var range: SourceRange

    public init(base: Identifier, member: Identifier?, range: SourceRange) {
        self.base = base
        self.member = member
        self.range = range
    }

    /// As written: `body.email`.
    public var text: String { member.map { "\(base.name).\($0.name)" } ?? base.name }
}
