import LoomRuntime
import PostgresNIO

/// A model's static statement as a postgres-nio prepared statement: prepared once per connection, then executed by
/// name. postgres-nio names and texts prepared statements through static members, so the model and the statement
/// are type parameters.
struct PreparedModelStatement<Model: LoomModel, Tag: StaticStatementTag>: PostgresPreparedStatement {
    typealias Row = SQLRow

    static var name: String { statementName(table: Model.table.table, operation: Tag.statement.rawValue) }
    static var sql: String { StaticStatement.sql(Tag.statement, for: Model.self, dialect: .postgres) }
    static var bindingDataTypes: [PostgresDataType] {
        StaticStatement.parameterTypes(Tag.statement, for: Model.self).map(Self.dataType)
    }

    let binds: [SQLValue]

    func makeBindings() throws -> PostgresBindings {
        try PostgresEngine.bindings(binds)
    }

    func decodeRow(_ row: PostgresRow) throws -> SQLRow {
        SQLRow(values: try row.map(PostgresEngine.value))
    }

    /// The type each value is sent as (see `PostgresEngine.bindings`); text-encoded types are cast in the SQL.
    static func dataType(_ type: ColumnType) -> PostgresDataType {
        switch type {
        case .int, .int32: .int8
        case .double: .float8
        case .bool: .bool
        case .dateTime: .timestamptz
        case .string, .text, .enumeration, .decimal, .date, .uuid, .json, .array: .text
        }
    }
}

protocol StaticStatementTag: Sendable {
    static var statement: StaticStatement { get }
}

enum SelectByKeyTag: StaticStatementTag { static let statement = StaticStatement.selectByKey }
enum DeleteByKeyTag: StaticStatementTag { static let statement = StaticStatement.deleteByKey }
enum CountTag: StaticStatementTag { static let statement = StaticStatement.count }
enum InsertAllTag: StaticStatementTag { static let statement = StaticStatement.insertAll }

extension PostgresEngine {
    /// Static statements run prepared.
    public func query<Model: LoomModel>(_ statement: StaticStatement, of model: Model.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        switch statement {
        case .selectByKey: try await execute(PreparedModelStatement<Model, SelectByKeyTag>(binds: binds))
        case .deleteByKey: try await execute(PreparedModelStatement<Model, DeleteByKeyTag>(binds: binds))
        case .count: try await execute(PreparedModelStatement<Model, CountTag>(binds: binds))
        case .insertAll: try await execute(PreparedModelStatement<Model, InsertAllTag>(binds: binds))
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

/// `loom.<table>.<operation>`, or, when that passes PostgreSQL's 63-byte identifier limit (which would cut it and
/// make two statements of a long table one name), `loom.<start of table>.<hash>.<operation>`: unique and short.
func statementName(table: String, operation: String) -> String {
    let plain = "loom.\(table).\(operation)"
    guard plain.utf8.count > 63 else { return plain }
    // FNV-1a over the whole table name: stable across processes (Swift's Hasher is seeded per process).
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in table.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    let digest = String(hash, radix: 16)
    let room = 63 - "loom...".utf8.count - digest.utf8.count - operation.utf8.count
    return "loom.\(String(decoding: table.utf8.prefix(max(0, room)), as: UTF8.self)).\(digest).\(operation)"
}

