/// `resource Model at "/path" (under Parent)? { item* }`
public struct ResourceDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var model: Identifier
    /// Nil when missing; the parser has reported it.
    public var path: StringLiteral?
    /// `under User`: a nested resource, its rows scoped to the parent named by the path's parameter.
    public var parent: Identifier?
    public var items: [ResourceItem]
    public var range: SourceRange

    public init(
        doc: [String], model: Identifier, path: StringLiteral?, parent: Identifier? = nil, items: [ResourceItem],
        range: SourceRange
    ) {
        self.doc = doc
        self.model = model
        self.path = path
        self.parent = parent
        self.items = items
        self.range = range
    }
}

/// One member of a resource body.
public enum ResourceItem: Sendable, Hashable {
    case crud(CRUDItem)
    case pagination(PaginationItem)
    case tags(TagsItem)
    case deleteStatus(DeleteStatusItem)
    /// `filterable a, b`, `sortable a, b` or `profiles a, b`.
    case fieldList(FieldListItem)
    case route(RouteItem)

    public var range: SourceRange {
        switch self {
        case .crud(let item): item.range
        case .pagination(let item): item.range
        case .tags(let item): item.range
        case .deleteStatus(let item): item.range
        case .fieldList(let item): item.range
        case .route(let item): item.range
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

/// `pagination offset` or `pagination cursor`, then `fixed` when a request may not pick the other mode, and
/// `limit 20` for the page size a request gets when it names none.
public struct PaginationItem: Sendable, Hashable {
    public var keyword: Identifier
    /// Nil when missing; the parser has reported it.
    public var mode: Identifier?
    /// The `fixed` word, when written.
    public var fixed: Identifier?
    /// The `limit` word, when written.
    public var limit: Identifier?
    /// The page size after `limit`; nil when missing (the parser has reported it).
    public var pageSize: Literal?
    public var range: SourceRange

    public init(
        keyword: Identifier, mode: Identifier?, fixed: Identifier? = nil, limit: Identifier? = nil, pageSize: Literal? = nil,
        range: SourceRange
    ) {
        self.keyword = keyword
        self.mode = mode
        self.fixed = fixed
        self.limit = limit
        self.pageSize = pageSize
        self.range = range
    }
}

/// `filterable name, category`, `sortable priceCents` or `profiles withStock`: what a request may name in a list's
/// filters, its sort, or `?profile=`. The names are checked by the resolver.
public struct FieldListItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case filterable, sortable, profiles
    }

    public var kind: Kind
    public var keyword: Identifier
    public var names: [Identifier]
    public var range: SourceRange

    public init(kind: Kind, keyword: Identifier, names: [Identifier], range: SourceRange) {
        self.kind = kind
        self.keyword = keyword
        self.names = names
        self.range = range
    }
}

/// `tags "products", "catalog"`: the resource's OpenAPI tags.
public struct TagsItem: Sendable, Hashable {
    public var keyword: Identifier
    public var tags: [StringLiteral]
    public var range: SourceRange

    public init(keyword: Identifier, tags: [StringLiteral], range: SourceRange) {
        self.keyword = keyword
        self.tags = tags
        self.range = range
    }
}

/// `deleteStatus 204`: what the auto-CRUD DELETE answers (200 with `true` unless told 204).
public struct DeleteStatusItem: Sendable, Hashable {
    public var keyword: Identifier
    /// Nil when missing; the parser has reported it.
    public var status: Literal?
    public var range: SourceRange

    public init(keyword: Identifier, status: Literal?, range: SourceRange) {
        self.keyword = keyword
        self.status = status
        self.range = range
    }
}

/// `METHOD "/path" -> UseCase (status N | profile name | pagination mode fixed? | "summary")* (cache ttl 30s)?`,
/// documented by the `///` lines above it.
public struct RouteItem: Sendable, Hashable {
    public var doc: [String]
    /// As written; the checker validates it, so that `get` or `FETCH` gets a located message.
    public var method: Identifier
    /// Relative to the resource's path; `"/"` is the resource's path itself. Nil when missing.
    public var path: StringLiteral?
    public var useCase: Identifier?
    public var status: Literal?
    public var profile: Identifier?
    public var summary: StringLiteral?
    /// `pagination offset fixed`: how this route's list pages, over the resource's default.
    public var pagination: PaginationItem?
    /// `cache ttl 30s`: the route's answers are cached (a GET of a readonly use case; the checker says so).
    public var cache: CacheClause?
    public var range: SourceRange

    public init(
        doc: [String], method: Identifier, path: StringLiteral?, useCase: Identifier?, status: Literal?,
        profile: Identifier?, summary: StringLiteral?, pagination: PaginationItem? = nil, cache: CacheClause? = nil,
        range: SourceRange
    ) {
        self.cache = cache
        self.doc = doc
        self.method = method
        self.path = path
        self.useCase = useCase
        self.status = status
        self.profile = profile
        self.summary = summary
        self.pagination = pagination
        self.range = range
    }
}
