/// `resource Model at "/path" { item* }`
public struct ResourceDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var model: Identifier
    /// Nil when missing; the parser has reported it.
    public var path: StringLiteral?
    public var items: [ResourceItem]
    public var range: SourceRange

    public init(doc: [String], model: Identifier, path: StringLiteral?, items: [ResourceItem], range: SourceRange) {
        self.doc = doc
        self.model = model
        self.path = path
        self.items = items
        self.range = range
    }
}

/// One member of a resource body. Custom routes and nested resources are further cases.
public enum ResourceItem: Sendable, Hashable {
    case crud(CRUDItem)
    case pagination(PaginationItem)

    public var range: SourceRange {
        switch self {
        case .crud(let item): item.range
        case .pagination(let item): item.range
        }
    }
}

/// `crud` (every operation) or `crud create, get, list`.
public struct CRUDItem: Sendable, Hashable {
    public var keyword: Identifier
    /// Empty when `crud` stands alone, which means all five.
    public var operations: [Identifier]
    public var range: SourceRange

    public init(keyword: Identifier, operations: [Identifier], range: SourceRange) {
        self.keyword = keyword
        self.operations = operations
        self.range = range
    }
}

/// `pagination offset` or `pagination cursor`.
public struct PaginationItem: Sendable, Hashable {
    public var keyword: Identifier
    /// Nil when missing; the parser has reported it.
    public var mode: Identifier?
    public var range: SourceRange

    public init(keyword: Identifier, mode: Identifier?, range: SourceRange) {
        self.keyword = keyword
        self.mode = mode
        self.range = range
    }
}
