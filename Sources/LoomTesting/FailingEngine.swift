import LoomRuntime

/// An engine that runs every statement on `base` unless a forced failure matches it. Written for this kit: no package
/// fails a chosen statement of a real database. Transactions are wrapped too, so a use case's statements inside its
/// transaction meet the failure and the rollback is the real one.
struct FailingEngine: DatabaseEngine {
    let base: any DatabaseEngine
    let failures: ForcedFailures

    var dialect: SQLDialect { base.dialect }
    var isTransaction: Bool { base.isTransaction }
    var readCache: ReadCache? { base.readCache }
    var tracksChanges: Bool { base.tracksChanges }

    func changed(_ keys: [String], label: String) async {
        await base.changed(keys, label: label)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if let target = ForcedFailures.target(of: sql) {
            try failures.check(verb: target.verb, table: target.table)
        }
        return try await base.query(sql, binds)
    }

    func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let verb: StatementVerb = switch statement {
        case .selectByKey, .selectByKeys, .count: .select
        case .deleteByKey: .delete
        case .insertAll: .insert
        }
        try failures.check(verb: verb, table: Model.table.table)
        return try await base.query(statement, of: model, binds)
    }

    func executeScript(_ statements: [String]) async throws {
        try await base.executeScript(statements)
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        let failures = self.failures
        return try await base.withTransaction { transaction in
            try await body(FailingEngine(base: transaction, failures: failures))
        }
    }

    func shutdown() async throws {
        try await base.shutdown()
    }
}
