import Foundation
import LoomRuntime
import Logging
import PostgresNIO

/// The production backend: a pooled `PostgresClient`. Every value travels as a bind parameter. The client is a
/// `Service`: run it (`run()`) in the application's service group before querying.
public final class PostgresEngine: DatabaseEngine {
    public let dialect = SQLDialect.postgres
    public let client: PostgresClient
    let logger: Logger
    let connectionWait: ConnectionWait

    /// `connectionTimeout`: how long a statement may wait for a pooled connection before it is a 503 (nil: as long
    /// as the pool makes it).
    public init(
        configuration: PostgresClient.Configuration, connectionTimeout: Duration? = nil,
        logger: Logger = Logger(label: "loom.postgres")
    ) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.connectionWait = ConnectionWait(
            timeout: connectionTimeout, metrics: PoolMetrics(maximum: configuration.options.maximumConnections))
    }

    /// `postgres://user:pass@host:port/db` (also `postgresql://`); `?sslmode=disable|prefer|require`. Every session
    /// gets `statementTimeout` (none when nil): a statement past it is cancelled, and the request answers 503; so
    /// does one that waits longer than `connectionTimeout` for a connection. `poolSize` caps the connections;
    /// `minimumConnections` stay open however idle, and `keepAlive` pings an idle connection that often (nil: never;
    /// nil for both arguments keeps postgres-nio's defaults, 0 and every 30 s).
    ///
    /// A server keeps its whole pool open and pings nothing (`LoomServer`'s defaults): postgres-nio starts an idle
    /// timer and a keep-alive timer each time a connection above the minimum goes back to the pool, which on a busy
    /// server is two timers a statement (measured: ×1.28 requests/s without them, `docs/benchmarks.md`).
    public convenience init(
        url: String, statementTimeout: Duration? = nil, connectionTimeout: Duration? = nil, poolSize: Int? = nil,
        minimumConnections: Int? = nil, keepAlive: Duration?? = nil, logger: Logger = Logger(label: "loom.postgres")
    ) throws {
        var configuration = try PostgresURL.configuration(from: url)
        PostgresURL.setStatementTimeout(statementTimeout, on: &configuration)
        if let poolSize { configuration.options.maximumConnections = poolSize }
        if let minimumConnections {
            configuration.options.minimumConnections = min(minimumConnections, configuration.options.maximumConnections)
        }
        if let keepAlive { configuration.options.keepAliveBehavior = keepAlive.map { .init(frequency: $0) } }
        self.init(configuration: configuration, connectionTimeout: connectionTimeout, logger: logger)
    }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let query = PostgresQuery(unsafeSQL: sql, binds: try Self.bindings(binds))
        let logger = self.logger
        return try await LoomTracing.statement(sql, system: "postgresql") {
            try await connectionWait.withConnection(client) { connection in
                try await Self.rows { try await connection.query(query, logger: logger) }
            }
        }
    }

    /// Collects a result's rows, mapping constraint failures.
    static func rows(_ run: () async throws -> PostgresRowSequence) async throws -> [SQLRow] {
        do {
            var result: [SQLRow] = []
            for try await row in try await run() {
                result.append(SQLRow(values: try row.map(Self.value)))
            }
            return result
        } catch let error as PSQLError {
            throw Self.mapConstraint(error) ?? error
        }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        let logger = self.logger
        do {
            // The body runs before this returns: the connection wait awaits it within its own scope.
            return try await withoutActuallyEscaping(body) { body in
                try await connectionWait.withConnection(client) { connection in
                    try await connection.withTransaction(logger: logger) { connection in
                        try await body(PostgresTransaction(connection: connection, logger: logger))
                    }
                }
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    public func executeScript(_ statements: [String]) async throws {
        try await withTransaction { try await $0.executeScript(statements) }
    }

    /// Runs the connection pool until the task is cancelled; queries wait for it. Servers run `client` as a
    /// `Service` in their service group instead.
    public func run() async {
        await client.run()
    }

    public func shutdown() async throws {}

    static func bindings(_ values: [SQLValue]) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .int(let value): bindings.append(value)
            case .double(let value): bindings.append(value)
            case .bool(let value): bindings.append(value)
            case .string(let value): bindings.append(value)
            case .date(let value): bindings.append(PostgresTimestamp(value))
            }
        }
        return bindings
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2: return .int(try cell.decode(Int.self))
        case .float8, .float4, .numeric: return .double(try cell.decode(Double.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .timestamptz, .timestamp, .date: return .date(try cell.decode(Date.self))
        default: return .string(try cell.decode(String.self))
        }
    }

    static func mapConstraint(_ error: PSQLError) -> DatabaseError? {
        guard let info = error.serverInfo else { return nil }
        return PostgresErrorFields(
            sqlState: info[.sqlState], table: info[.tableName], constraint: info[.constraintName], column: info[.columnName],
            message: info[.message], detail: info[.detail]
        ).databaseError
    }
}

/// The fields of a PostgreSQL error report that the mapping reads, from either driver.
struct PostgresErrorFields {
    var sqlState: String?
    var table: String?
    var constraint: String?
    var column: String?
    var message: String?
    var detail: String?

    /// SQLSTATE class 23 (integrity constraints), reported with the constraint's name, and class 22 (data
    /// exceptions: a string longer than `VARCHAR(n)`, a number out of range), which are the client's values too.
    var databaseError: DatabaseError? {
        guard let state = sqlState else { return nil }
        let detail = self.detail ?? message ?? ""
        switch state {
        case "23505":
            // `Key (email)=(…) already exists.`: the columns, for an index that is not one of the table's constraints.
            let columns = detail.firstParenthesised.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            return .uniqueViolation(table: table, constraint: constraint, columns: columns ?? [])
        case "23503": return .foreignKeyViolation(table: table, constraint: constraint, detail: detail)
        case "23502": return .notNullViolation(table: table, column: column)
        case "23514": return .checkViolation(table: table, constraint: constraint, detail: detail)
        // Cancelled by `statement_timeout` (set from `DATABASE_STATEMENT_TIMEOUT_MS`): the database is slow, not the client wrong.
        case "57014": return .statementTimeout
        case _ where state.hasPrefix("22"):
            return .dataException(sqlState: state, column: column, detail: message ?? detail)
        default: return nil
        }
    }
}

extension String {
    /// The text inside the first `( … )`.
    fileprivate var firstParenthesised: String? {
        guard let open = firstIndex(of: "("), let close = self[open...].firstIndex(of: ")") else { return nil }
        return String(self[index(after: open)..<close])
    }
}

/// The engine inside a PostgreSQL transaction: every statement on the transaction's connection.
private struct PostgresTransaction: DatabaseEngine, @unchecked Sendable {
    var isTransaction: Bool { true }

    // PostgresConnection is Sendable; @unchecked only because the closure-scoped lease must not escape, which the
    // transaction's lifetime guarantees.
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await LoomTracing.statement(sql, system: "postgresql") {
            try await PostgresEngine.rows {
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: try PostgresEngine.bindings(binds)), logger: logger)
            }
        }
    }

    func executeScript(_ statements: [String]) async throws {
        for statement in statements { _ = try await query(statement, []) }
    }

    /// Joins the transaction already open.
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        try await body(self)
    }

    func shutdown() async throws {}
}
