/// `cache ttl 60s` on a model: its auto-CRUD get (in every profile) and list answers are cached for that long.
public struct CachePolicy: Sendable, Hashable {
    public var ttlSeconds: Int
    /// As written (`60s`), for the generated doc comment.
    public var written: String
    /// The `cache` line, where a later check (L062) points.
    public var range: SourceRange

    public init(ttlSeconds: Int, written: String, range: SourceRange) {
        self.ttlSeconds = ttlSeconds
        self.written = written
        self.range = range
    }
}
