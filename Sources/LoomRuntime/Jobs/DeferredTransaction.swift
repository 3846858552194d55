import Synchronization

/// A transaction that begins at its first statement: a job that never touches the database costs it nothing, and one
/// that does gets a real transaction, committed or rolled back by `finish` (with the worker's success record written
/// in it first). The transaction runs in a task of its own that waits for the decision, because an engine's
/// transaction is a closure scope and the job's code runs outside it.
final class DeferredTransaction: DatabaseEngine, Sendable {
    private struct Rollback: Error {}

    private struct Opened: Sendable {
        let engine: Task<any DatabaseEngine, any Error>
        let transaction: Task<Void, any Error>
        let decision: AsyncStream<Bool>.Continuation
    }

    let base: any DatabaseEngine
    private let opened = Mutex<Opened?>(nil)

    init(base: any DatabaseEngine) {
        self.base = base
    }

    var dialect: SQLDialect { base.dialect }

    var isTransaction: Bool { true }

    /// Whether a statement has begun the transaction.
    var hasBegun: Bool { opened.withLock { $0 != nil } }

    private func transaction() async throws -> any DatabaseEngine {
        let opened = self.opened.withLock { opened in
            if let opened { return opened }
            let (engines, engineSink) = AsyncThrowingStream<any DatabaseEngine, any Error>.makeStream()
            let (decisions, decisionSink) = AsyncStream<Bool>.makeStream()
            let base = self.base
            let transaction = Task {
                do {
                    try await base.withTransaction { engine in
                        engineSink.yield(engine)
                        engineSink.finish()
                        var decision = decisions.makeAsyncIterator()
                        guard await decision.next() == true else { throw Rollback() }
                    }
                } catch {
                    engineSink.finish(throwing: error)
                    throw error
                }
            }
            let engine = Task {
                for try await engine in engines { return engine }
                throw Rollback()
            }
            let new = Opened(engine: engine, transaction: transaction, decision: decisionSink)
            opened = new
            return new
        }
        return try await opened.engine.value
    }

    /// Ends the transaction, if one began: `beforeCommit` runs in it, then it commits; a throw from it, or
    /// `commit: false`, rolls back. Returns whether a transaction had begun.
    @discardableResult
    func finish(commit: Bool, beforeCommit: @Sendable (any DatabaseEngine) async throws -> Void = { _ in }) async throws -> Bool {
        guard let opened = opened.withLock({ $0 }) else { return false }
        var commit = commit
        var failure: (any Error)?
        if commit {
            do {
                try await beforeCommit(try await opened.engine.value)
            } catch {
                commit = false
                failure = error
            }
        }
        opened.decision.yield(commit)
        opened.decision.finish()
        do {
            try await opened.transaction.value
        } catch is Rollback {
        } catch {
            failure = failure ?? error
        }
        if let failure { throw failure }
        return true
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await transaction().query(sql, binds)
    }

    func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await transaction().query(statement, of: model, binds)
    }

    func executeScript(_ statements: [String]) async throws {
        try await transaction().executeScript(statements)
    }

    /// Joins: everything the job does is one transaction.
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        try await body(transaction())
    }

    func shutdown() async throws {}

    var tracksChanges: Bool { base.tracksChanges }

    /// To the transaction, which holds them until it commits.
    func changed(_ keys: [String], label: String) async {
        guard let engine = try? await transaction() else { return }
        await engine.changed(keys, label: label)
    }
}
