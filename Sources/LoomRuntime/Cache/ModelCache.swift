/// What a model's generated code tells the read cache (`static let cache` on the entity, from the schema): how long
/// its gets and lists stay cached (`cache ttl 60s`; nil: not cached), and which tables a delete of its rows also
/// changes through foreign keys (`@onDelete(cascade)` and `@onDelete(setNull)`, followed through cascades), whose
/// cached reads the delete must make stale although their rows are never named by the statement.
public struct ModelCache: Sendable, Hashable {
    public let ttlSeconds: Int?
    public let deletes: [String]

    public init(ttlSeconds: Int? = nil, deletes: [String] = []) {
        self.ttlSeconds = ttlSeconds
        self.deletes = deletes
    }
}
