/// A connection to one database (a pool on PostgreSQL, a serialised connection on SQLite). The repository layer
/// speaks to it in SQL text plus bound values, so both backends run the same statements.
public protocol DatabaseEngine: Sendable {
    var dialect: SQLDialect { get }

    /// Runs one statement with its values bound and returns every row. Driver errors are mapped to `DatabaseError`.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs DDL statements, in order, in one transaction.
    func executeScript(_ statements: [String]) async throws

    /// Runs `body` in one transaction on one connection: committed when `body` returns, rolled back when it throws.
    /// The engine `body` receives is the transaction; its own `withTransaction` joins it (so use cases invoked from a
    /// use case share their caller's transaction).
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T

    /// Releases connections. The engine is unusable afterwards.
    func shutdown() async throws
}

/// A constraint the database refused, mapped the same way on both backends.
public enum DatabaseError: Error, Sendable, Equatable {
    /// A unique constraint over these columns.
    case uniqueViolation(table: String?, columns: [String])
    case foreignKeyViolation(table: String?, detail: String)
    case notNullViolation(table: String?, column: String?)
    case checkViolation(table: String?, detail: String)
}
