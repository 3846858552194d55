import Foundation
import LoomRuntime
import Logging
import SQLiteNIO
import Synchronization

/// The embedded backend: one SQLite file (or memory), foreign keys enforced, WAL journal. Statements run one at a
/// time through a serial queue, so multi-statement work is never interleaved on the single connection.
public final class SQLiteEngine: DatabaseEngine {
    public let dialect = SQLDialect.sqlite
    private let connection: SQLiteConnection
    private let queue = AsyncSerialQueue()

    /// Opens (creating if needed) the database at `path`, or an in-memory one for `nil`.
    public static func open(path: String?, logger: Logger = Logger(label: "loom.sqlite")) async throws -> SQLiteEngine {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let engine = SQLiteEngine(connection: connection)
        // case_sensitive_like: LIKE means the same as on PostgreSQL (ILIKE is lower() LIKE lower()).
        let pragmas = [
            "PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 5000", "PRAGMA case_sensitive_like = ON",
        ]
        for pragma in pragmas {
            _ = try await connection.query(pragma, [])
        }
        return engine
    }

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        // Code inside this engine's own transaction that reached for the outer database (a captured `Database`)
        // would wait for the queue its transaction holds, forever: it joins the transaction instead.
        if ownsOpenTransaction { return try await run(sql, binds) }
        return try await queue.run { try await self.run(sql, binds) }
    }

    /// The transaction the current task runs in, if any (task-local, so it follows the body's child tasks).
    @TaskLocal private static var openTransaction: OpenTransaction?

    /// Marks one transaction's lifetime: a task that outlives it (inherited task-locals) must not bypass the queue.
    private final class OpenTransaction: Sendable {
        let engine: ObjectIdentifier
        private let open = Mutex(true)

        init(engine: ObjectIdentifier) { self.engine = engine }

        var isOpen: Bool { open.withLock { $0 } }
        func close() { open.withLock { $0 = false } }
    }

    private var ownsOpenTransaction: Bool {
        guard let transaction = Self.openTransaction else { return false }
        return transaction.engine == ObjectIdentifier(self) && transaction.isOpen
    }

    public func executeScript(_ statements: [String]) async throws {
        try await withTransaction { try await $0.executeScript(statements) }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        if ownsOpenTransaction { return try await body(SQLiteTransaction(engine: self)) }  // joins, as nested calls do
        return try await queue.run {
            _ = try await self.run("BEGIN IMMEDIATE", [])
            let transaction = OpenTransaction(engine: ObjectIdentifier(self))
            defer { transaction.close() }
            do {
                let result = try await Self.$openTransaction.withValue(transaction) { try await body(SQLiteTransaction(engine: self)) }
                _ = try await self.run("COMMIT", [])
                return result
            } catch {
                _ = try? await self.run("ROLLBACK", [])
                throw error
            }
        }
    }

    public func shutdown() async throws {
        try await connection.close()
    }

    /// Runs a statement directly, outside the queue: only for the queue's current holder.
    fileprivate func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            let rows = try await LoomTracing.statement(sql, system: "sqlite") {
                try await connection.query(sql, binds.map(Self.sqliteData))
            }
            return rows.map { row in SQLRow(values: row.columns.map { Self.value($0.data) }) }
        } catch let error as SQLiteError {
            throw Self.mapConstraint(error) ?? error
        }
    }

    static func sqliteData(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .null: .null
        case .int(let value): .integer(value)
        case .double(let value): .float(value)
        case .bool(let value): .integer(value ? 1 : 0)
        case .string(let value): .text(value)
        case .date(let value): .text(Timestamp.format(value))
        }
    }

    static func value(_ data: SQLiteData) -> SQLValue {
        switch data {
        case .integer(let value): .int(value)
        case .float(let value): .double(value)
        case .text(let value): .string(value)
        case .blob(let buffer): .string(String(buffer: buffer))
        case .null: .null
        }
    }

    /// SQLite reports constraint failures only in its message: `UNIQUE constraint failed: users.email, users.x`
    /// (columns, never the constraint's name), `CHECK constraint failed: products_stock_range` (the name of a named
    /// CHECK, else its expression).
    static func mapConstraint(_ error: SQLiteError) -> DatabaseError? {
        let message = error.message
        func rest(after prefix: String) -> String? {
            message.range(of: prefix).map { String(message[$0.upperBound...]).trimmingCharacters(in: .whitespaces) }
        }
        func qualifiedColumns(after prefix: String) -> (table: String?, columns: [String])? {
            guard let text = rest(after: prefix) else { return nil }
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let table = names.first?.split(separator: ".").first.map(String.init)
            return (table, names.map { String($0.split(separator: ".").last ?? Substring($0)) })
        }
        if let found = qualifiedColumns(after: "UNIQUE constraint failed: ") {
            return .uniqueViolation(table: found.table, constraint: nil, columns: found.columns)
        }
        if let found = qualifiedColumns(after: "NOT NULL constraint failed: ") {
            return .notNullViolation(table: found.table, column: found.columns.first)
        }
        if message.contains("FOREIGN KEY constraint failed") {
            return .foreignKeyViolation(table: nil, constraint: nil, detail: message)
        }
        if let text = rest(after: "CHECK constraint failed: ") {
            let isName = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            return .checkViolation(table: nil, constraint: isName ? text : nil, detail: text)
        }
        if message.contains("CHECK constraint failed") {
            return .checkViolation(table: nil, constraint: nil, detail: message)
        }
        return nil
    }
}

/// The engine inside an SQLite transaction: it holds the serial queue, so its statements run directly.
private struct SQLiteTransaction: DatabaseEngine {
    var isTransaction: Bool { true }

    let engine: SQLiteEngine
    var dialect: SQLDialect { .sqlite }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await engine.run(sql, binds)
    }

    func executeScript(_ statements: [String]) async throws {
        for statement in statements { _ = try await engine.run(statement, []) }
    }

    /// Joins the transaction already open.
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        try await body(self)
    }

    func shutdown() async throws {}
}
