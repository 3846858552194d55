/// `profile name { member* }` inside a model: a named read plan.
public struct ProfileDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var members: [ProfileMember]
    /// From the `profile` keyword to the closing brace.
    public var range: SourceRange

    public init(doc: [String], name: Identifier, members: [ProfileMember], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.members = members
        self.range = range
    }
}

/// One line of a profile body.
public enum ProfileMember: Sendable, Hashable {
    /// `include addresses, orders`: load these relations with the row.
    case include(keyword: Identifier, relations: [Identifier], range: SourceRange)
    /// `count addresses as addressCount` or `exists orders as hasOrders`: a value computed from a has-many
    /// relation. `alias` is nil when the parser reported it missing.
    case computed(keyword: Identifier, relation: Identifier, alias: Identifier?, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .include(_, _, let range), .computed(_, _, _, let range): range
        }
    }
}
