import Synchronization

/// An engine with a read cache: statements run on `base`, and what its repositories write reaches the cache after
/// it commits. The server wraps its engine in one when the schema caches anything, so every path into the data —
/// HTTP, the Swift facade, use cases, jobs, callbacks — goes through it.
public final class CachingEngine: DatabaseEngine, Sendable {
    public let base: any DatabaseEngine
    public let cache: ReadCache

    public init(base: any DatabaseEngine, cache: ReadCache) {
        self.base = base
        self.cache = cache
    }

    public var dialect: SQLDialect { base.dialect }

    public var readCache: ReadCache? { cache }

    public var tracksChanges: Bool { true }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await base.query(sql, binds)
    }

    public func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await base.query(statement, of: model, binds)
    }

    public func executeScript(_ statements: [String]) async throws {
        try await base.executeScript(statements)
    }

    /// The body's writes reach the cache once `base` has committed them; a throw (a rollback) drops them.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        let changes = PendingChanges()
        let result = try await base.withTransaction { transaction in
            try await body(CachingTransaction(base: transaction, changes: changes))
        }
        for (keys, label) in changes.taken() {
            await cache.invalidate(keys, label: label)
        }
        return result
    }

    public func changed(_ keys: [String], label: String) async {
        await cache.invalidate(keys, label: label)
    }

    public func shutdown() async throws {
        try await base.shutdown()
    }
}

/// The writes of one transaction, until it ends.
final class PendingChanges: Sendable {
    private let changes = Mutex<[(keys: [String], label: String)]>([])

    func add(_ keys: [String], label: String) {
        changes.withLock { $0.append((keys, label)) }
    }

    func taken() -> [(keys: [String], label: String)] {
        changes.withLock { changes in
            defer { changes.removeAll() }
            return changes
        }
    }
}

/// A transaction of a `CachingEngine`: reads never use the cache (they must see the transaction's own writes, and
/// what they read may be rolled back), and writes are held until the commit.
final class CachingTransaction: DatabaseEngine, Sendable {
    let base: any DatabaseEngine
    let changes: PendingChanges

    init(base: any DatabaseEngine, changes: PendingChanges) {
        self.base = base
        self.changes = changes
    }

    var dialect: SQLDialect { base.dialect }

    var isTransaction: Bool { true }

    var tracksChanges: Bool { true }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await base.query(sql, binds)
    }

    func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await base.query(statement, of: model, binds)
    }

    func executeScript(_ statements: [String]) async throws {
        try await base.executeScript(statements)
    }

    /// Joins: one transaction.
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        try await body(self)
    }

    func changed(_ keys: [String], label: String) async {
        changes.add(keys, label: label)
    }

    func shutdown() async throws {}
}
