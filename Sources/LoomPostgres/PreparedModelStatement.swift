import LoomRuntime
import PostgresNIO

/// A model's static statement as a postgres-nio prepared statement: prepared once per connection, then executed by
/// name. postgres-nio names and texts prepared statements through static members, so the model and the statement
/// are type parameters.
struct PreparedModelStatement<Model: LoomModel, Tag: StaticStatementTag>: PostgresPreparedStatement {
    typealias Row = SQLRow

    // The model's constants (`Model.statements`, a generated `static let`): postgres-nio reads these on every execution.
    static var name: String { Model.statements[Tag.statement].name }
    static var sql: String { Model.statements[Tag.statement].postgres }
    static var bindingDataTypes: [PostgresDataType] { Model.statements[Tag.statement].postgresTypes }

    let binds: [SQLValue]

    func makeBindings() throws -> PostgresBindings {
        try PostgresEngine.bindings(binds)
    }

    func decodeRow(_ row: PostgresRow) throws -> SQLRow {
        SQLRow(values: try row.map(PostgresEngine.value))
    }

}

protocol StaticStatementTag: Sendable {
    static var statement: StaticStatement { get }
}

enum SelectByKeyTag: StaticStatementTag { static let statement = StaticStatement.selectByKey }
enum DeleteByKeyTag: StaticStatementTag { static let statement = StaticStatement.deleteByKey }
enum CountTag: StaticStatementTag { static let statement = StaticStatement.count }
enum InsertAllTag: StaticStatementTag { static let statement = StaticStatement.insertAll }
enum SelectByKeysTag: StaticStatementTag { static let statement = StaticStatement.selectByKeys }

extension PostgresEngine {
    /// Static statements run prepared.
    public func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        switch statement {
        case .selectByKey: try await execute(PreparedModelStatement<Model, SelectByKeyTag>(binds: binds))
        case .deleteByKey: try await execute(PreparedModelStatement<Model, DeleteByKeyTag>(binds: binds))
        case .count: try await execute(PreparedModelStatement<Model, CountTag>(binds: binds))
        case .insertAll: try await execute(PreparedModelStatement<Model, InsertAllTag>(binds: binds))
        case .selectByKeys: try await execute(PreparedModelStatement<Model, SelectByKeysTag>(binds: binds))
        }
    }

    private func execute<Statement: PostgresPreparedStatement & Sendable>(_ statement: Statement) async throws -> [SQLRow]
    where Statement.Row == SQLRow {
        let logger = self.logger
        return try await LoomTracing.statement(Statement.sql, system: "postgresql") {
            try await connectionWait.withConnection(client) { connection in
                do {
                    var rows: [SQLRow] = []
                    for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                    return rows
                } catch let error as PSQLError {
                    throw Self.mapConstraint(error) ?? error
                }
            }
        }
    }
}

extension StaticStatementText {
    /// The PostgreSQL type each parameter is sent as: the types `LibpqEngine` prepares with (`BoundValue.oid`), so
    /// both engines declare a statement's parameters alike; text-encoded types are cast in the SQL.
    var postgresTypes: [PostgresDataType] {
        parameterTypes.map { PostgresDataType(BoundValue.oid($0)) }
    }
}
