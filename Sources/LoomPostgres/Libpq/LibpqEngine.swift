import CLibpq
import Foundation
import Logging
import LoomRuntime
import Synchronization

/// The PostgreSQL engine over libpq in pipeline mode (see `PipelinedConnection`): statements outside a transaction go
/// to one of a few shared sessions, each carrying the statements of many requests at once; a transaction gets a
/// session of its own for its duration. Measured against postgres-nio's pool in docs/benchmarks.md ("The
/// PostgreSQL path").
///
/// What it keeps of `PostgresEngine`: the same statements and binds, static statements prepared once per session,
/// errors mapped to the same `DatabaseError`s, `statement_timeout` answered as 503, a database that cannot be
/// reached answered as 503 `unavailable` within `connectionTimeout`, and sessions opened again once it is back.
public final class LibpqEngine: DatabaseEngine {
    public let dialect = SQLDialect.postgres
    let shared: [PipelinedConnection]
    let transactions: TransactionSessions
    let next = Atomic<Int>(0)
    let connectionTimeout: Duration
    let logger: Logger

    /// `pipelines`: shared sessions (one per core is enough: each carries every statement its requests send);
    /// `poolSize`: the most sessions transactions hold at once; `connectionTimeout`: how long a statement waits for a
    /// session (the database unreachable) before it is a 503.
    public init(
        url: String, statementTimeout: Duration? = nil, connectionTimeout: Duration? = nil, poolSize: Int? = nil,
        pipelines: Int = 2, logger: Logger = Logger(label: "loom.postgres")
    ) throws {
        // The URL libpq will read, checked as the postgres-nio engine checks it (scheme, host, `sslmode`).
        _ = try PostgresURL.configuration(from: url)
        let settings = LibpqSettings(url: url, statementTimeout: statementTimeout, connectSeconds: 2)
        self.connectionTimeout = connectionTimeout ?? .seconds(5)
        self.logger = logger
        shared = (0..<max(1, pipelines)).map { PipelinedConnection(settings: settings, name: "loom-pg-\($0)") }
        transactions = TransactionSessions(settings: settings, limit: max(1, poolSize ?? 32))
    }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(Self.statement(sql, binds))
    }

    public func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(Self.prepared(Model.statements[statement], binds))
    }

    /// Any other statement, prepared too when it reads or writes rows: a page, a count, an update of some fields
    /// repeat the same few texts, and a prepared one skips the server's parse and plan. Its name is a hash of the
    /// text and the parameters' types, since a session prepares a text once with the types it first saw.
    static func statement(_ sql: String, _ binds: [SQLValue]) -> PipelinedConnection.Statement {
        let parameters = binds.map(BoundValue.init)
        guard isPreparable(sql) else { return .init(name: nil, sql: sql, parameters: parameters) }
        // FNV-1a: stable, cheap, and 64 bits make a collision among a schema's few hundred texts unthinkable.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        for parameter in parameters {
            hash ^= UInt64(parameter.type)
            hash &*= 0x100_0000_01b3
        }
        return .init(name: "loom.q." + String(hash, radix: 16), sql: sql, parameters: parameters)
    }

    /// `SELECT`, `INSERT`, `UPDATE`, `DELETE` and `WITH`: statements a session can keep prepared (not DDL or
    /// transaction control, which run once).
    static func isPreparable(_ sql: String) -> Bool {
        var verb: [UInt8] = []
        for byte in sql.utf8 {
            if verb.isEmpty && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "(")) { continue }
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte & 0xDF) else { break }
            verb.append(byte & 0xDF)
            if verb.count > 6 { return false }
        }
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(String(decoding: verb, as: UTF8.self))
    }

    /// A model's static statement, under its constant name, its parameters of the types it was prepared with.
    static func prepared(_ text: StaticStatementText, _ binds: [SQLValue]) -> PipelinedConnection.Statement {
        let parameters = binds.enumerated().map { index, value in
            BoundValue(value, as: index < text.parameterTypes.count ? BoundValue.oid(text.parameterTypes[index]) : BoundValue(value).type)
        }
        return .init(name: text.name, sql: text.postgres, parameters: parameters)
    }

    private func run(_ statement: PipelinedConnection.Statement) async throws -> [SQLRow] {
        // Round robin, skipping a session that is down when another is up.
        let start = next.wrappingAdd(1, ordering: .relaxed).oldValue
        var session = shared[start % shared.count]
        if !session.isConnected, let up = shared.first(where: \.isConnected) { session = up }
        return try await session.rows(statement, deadline: .now + connectionTimeout)
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        let session = try await transactions.lease(deadline: .now + connectionTimeout)
        defer { transactions.release(session) }
        let transaction = LibpqTransaction(session: session, deadline: .now + connectionTimeout)
        _ = try await transaction.query("BEGIN", [])
        let result: T
        do {
            result = try await body(transaction)
        } catch {
            _ = try? await transaction.query("ROLLBACK", [])
            throw error
        }
        _ = try await transaction.query("COMMIT", [])
        return result
    }

    public func executeScript(_ statements: [String]) async throws {
        try await withTransaction { try await $0.executeScript(statements) }
    }

    /// Ends every session (what is under way is answered first).
    public func shutdown() async throws {
        for session in shared { await session.close() }
        await transactions.close()
    }
}

extension PipelinedConnection {
    /// `statement`'s rows, traced as a statement span: what both the engine and a transaction run.
    func rows(_ statement: Statement, deadline: ContinuousClock.Instant) async throws -> [SQLRow] {
        try await LoomTracing.statement(statement.sql, system: "postgresql") {
            try LibpqResult.rows(try await run(statement, deadline: deadline))
        }
    }
}

/// The engine inside a transaction: every statement on the transaction's own session, one after another.
private struct LibpqTransaction: DatabaseEngine {
    var isTransaction: Bool { true }
    var dialect: SQLDialect { .postgres }
    let session: PipelinedConnection
    let deadline: ContinuousClock.Instant

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(LibpqEngine.statement(sql, binds))
    }

    func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(LibpqEngine.prepared(Model.statements[statement], binds))
    }

    private func run(_ statement: PipelinedConnection.Statement) async throws -> [SQLRow] {
        try await session.rows(statement, deadline: max(deadline, .now + .seconds(1)))
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

/// The sessions transactions use, one transaction at a time each: opened as needed up to `limit`, kept for the next
/// transaction; past the limit a transaction waits for one, until its deadline (then a 503).
final class TransactionSessions: Sendable {
    private struct State: ~Copyable {
        var idle: [PipelinedConnection] = []
        var opened = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<PipelinedConnection, any Error>)] = []
        var nextWaiter: UInt64 = 0
        var closed = false
    }

    let settings: LibpqSettings
    let limit: Int
    /// `loom_db_connections_*`: for this engine, the transactions' sessions (the shared ones are always busy).
    let metrics: PoolMetrics
    private let state = Mutex(State())

    init(settings: LibpqSettings, limit: Int) {
        self.settings = settings
        self.limit = limit
        self.metrics = PoolMetrics(maximum: limit)
    }

    func lease(deadline: ContinuousClock.Instant) async throws -> PipelinedConnection {
        let session = try await waitForSession(deadline: deadline)
        metrics.inUse.increment()
        return session
    }

    private func waitForSession(deadline: ContinuousClock.Instant) async throws -> PipelinedConnection {
        enum Lease { case session(PipelinedConnection), open(Int), wait }
        let lease: Lease = state.withLock { state in
            if let session = state.idle.popLast() { return .session(session) }
            if state.opened < limit {
                state.opened += 1
                return .open(state.opened)
            }
            return .wait
        }
        switch lease {
        case .session(let session): return session
        case .open(let number): return PipelinedConnection(settings: settings, name: "loom-pg-tx-\(number)")
        case .wait: break
        }
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        metrics.waiters.increment()
        defer { metrics.waiters.decrement() }
        // One timer only while waiting, which a saturated pool is, not the common case.
        let timer = Task {
            try await Task.sleep(until: deadline)
            let waiter = state.withLock { state -> CheckedContinuation<PipelinedConnection, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: LoomError.unavailable(message: "no database session was free for a transaction in time; try again"))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let session: PipelinedConnection? = state.withLock { state in
                if let session = state.idle.popLast() { return session }
                state.waiters.append((id, continuation))
                return nil
            }
            if let session { continuation.resume(returning: session) }
        }
    }

    func release(_ session: PipelinedConnection) {
        metrics.inUse.decrement()
        let waiter = state.withLock { state -> CheckedContinuation<PipelinedConnection, any Error>? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
            state.idle.append(session)
            return nil
        }
        waiter?.resume(returning: session)
    }

    func close() async {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for session in idle { await session.close() }
    }
}
