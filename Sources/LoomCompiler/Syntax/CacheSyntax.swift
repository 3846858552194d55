/// `cache ttl 60s`: a model member (its auto-CRUD get and list are cached) or the end of a custom route line (that
/// route is cached).
public struct CacheClause: Sendable, Hashable {
    /// The `cache` word.
    public var keyword: Identifier
    /// The duration as written (`60s`, `5m`, `1h`; also a bare `60` or `1d`, which the checker reports). Nil when
    /// missing; the parser has reported it.
    public var ttl: DurationLiteral?
    /// From `cache` to the duration.
    public var range: SourceRange

    public init(keyword: Identifier, ttl: DurationLiteral?, range: SourceRange) {
        self.keyword = keyword
        self.ttl = ttl
        self.range = range
    }
}

/// A number with its unit, as written: the checker turns it into seconds.
public struct DurationLiteral: Sendable, Hashable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}
