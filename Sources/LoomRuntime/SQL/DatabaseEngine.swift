/// A connection to one database (a pool on PostgreSQL, a serialised connection on SQLite). The repository layer
/// speaks to it in SQL text plus bound values, so both backends run the same statements.
public protocol DatabaseEngine: Sendable {
    var dialect: SQLDialect { get }

    /// Runs one statement with its values bound and returns every row. Driver errors are mapped to `DatabaseError`.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs one of a model's static statements (whose text never changes): an engine may prepare it once per
    /// connection. The default runs it like any other statement.
    func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs DDL statements, in order, in one transaction.
    func executeScript(_ statements: [String]) async throws

    /// Runs `body` in one transaction on one connection: committed when `body` returns, rolled back when it throws.
    /// The engine `body` receives is the transaction; its own `withTransaction` joins it (so use cases invoked from a
    /// use case share their caller's transaction).
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T

    /// Releases connections. The engine is unusable afterwards.
    func shutdown() async throws

    /// True for the engine a `withTransaction` body receives: what it writes commits later, or never.
    var isTransaction: Bool { get }

    /// The read cache answers read through this engine may come from; nil (the default) inside a transaction, which
    /// must see its own writes, and when nothing is cached.
    var readCache: ReadCache? { get }

    /// Whether `changed` is listened to: a repository builds the keys of its writes only then.
    var tracksChanges: Bool { get }

    /// A statement just run through this engine changed the rows `keys` name (see `CacheKeys`); `label` names the
    /// model. Outside a transaction the cache hears of it at once; inside one, once it commits, and never if it rolls
    /// back. An engine that wraps another forwards it.
    func changed(_ keys: [String], label: String) async
}

extension DatabaseEngine {
    public var isTransaction: Bool { false }

    public var readCache: ReadCache? { nil }

    public var tracksChanges: Bool { false }

    public func changed(_ keys: [String], label: String) async {}

    public func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await query(StaticStatement.sql(statement, for: model, dialect: dialect), binds)
    }
}

/// The statements of a model whose SQL is fixed: get, delete and count by key, and the insert of a whole create
/// input.
public enum StaticStatement: String, Sendable, Hashable, CaseIterable {
    case selectByKey
    case deleteByKey
    case count
    case insertAll
    /// The rows whose keys are in one list parameter (`Statements.keyList`).
    case selectByKeys

    /// The statement's text for a model and dialect (the model's constants).
    public static func sql<Model: LoomModel>(_ statement: StaticStatement, for model: Model.Type, dialect: SQLDialect) -> String {
        Model.statements[statement].sql(dialect)
    }
}

/// A write the database refused, mapped the same way on both backends. `constraint` is the constraint's name when
/// the database reports it (always on PostgreSQL; for CHECKs on SQLite), so it can be mapped to fields exactly.
public enum DatabaseError: Error, Sendable, Equatable {
    /// A unique constraint; `columns` as the database names them (SQLite names only these).
    case uniqueViolation(table: String?, constraint: String?, columns: [String])
    case foreignKeyViolation(table: String?, constraint: String?, detail: String)
    case notNullViolation(table: String?, column: String?)
    case checkViolation(table: String?, constraint: String?, detail: String)
    /// A value the column's type cannot hold (PostgreSQL SQLSTATE class 22: a string longer than `VARCHAR(n)`, a
    /// number out of range, malformed text for a cast).
    case dataException(sqlState: String, column: String?, detail: String)
    /// The statement ran past the configured `statement_timeout` (PostgreSQL SQLSTATE 57014) and was cancelled.
    case statementTimeout
}
