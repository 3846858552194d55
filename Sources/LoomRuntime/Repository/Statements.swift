import Foundation
import Synchronization

/// The SQL text of one table's CRUD statements in one dialect. Built once per repository, with a stable column order,
/// so the same operation always sends the same text (and monitoring groups it as one statement).
///
/// On PostgreSQL, values of types without a native bind (decimal, date, UUID, JSON, arrays) travel as text and are
/// cast at their placeholder (`$1::uuid`), and such columns are selected as `::text`.
struct Statements: Sendable {
    let table: TableSchema
    let dialect: SQLDialect
    let selectList: String
    let quotedTable: String
    let quotedKey: String
    let selectByKey: String
    let deleteByKey: String
    let count: String
    /// The insert of every column a create input writes plus the managed timestamps (see `insertAllColumns`).
    let insertAll: String
    let insertAllColumnNames: [String]

    /// Built once per model and dialect, however many repositories are made (a profile makes one per relation).
    static func cached<Model: LoomModel>(for model: Model.Type, dialect: SQLDialect) -> Statements {
        let key = CacheKey(model: ObjectIdentifier(model), dialect: dialect)
        if let statements = cache.withLock({ $0[key] }) { return statements }
        let statements = Statements(table: Model.table, dialect: dialect)
        cache.withLock { $0[key] = statements }
        return statements
    }

    private struct CacheKey: Hashable, Sendable {
        let model: ObjectIdentifier
        let dialect: SQLDialect
    }

    private static let cache = Mutex<[CacheKey: Statements]>([:])

    init(table: TableSchema, dialect: SQLDialect) {
        self.table = table
        self.dialect = dialect
        func select(_ column: ColumnSchema) -> String {
            let name = dialect.quote(column.column)
            return dialect == .postgres && column.type.postgresCast != nil ? "\(name)::text" : name
        }
        selectList = table.columns.map(select).joined(separator: ", ")
        quotedTable = dialect.quote(table.table)
        quotedKey = dialect.quote(table.primaryKey.column)
        let key = Self.placeholder(1, for: table.primaryKey, dialect: dialect)
        selectByKey = "SELECT \(selectList) FROM \(quotedTable) WHERE \(quotedKey) = \(key)"
        deleteByKey = "DELETE FROM \(quotedTable) WHERE \(quotedKey) = \(key) RETURNING \(quotedKey)"
        count = "SELECT COUNT(*) FROM \(quotedTable)"
        insertAllColumnNames = Self.insertAllColumns(of: table).map(\.column)
        insertAll = Self.insertSQL(columns: insertAllColumnNames, table: table, dialect: dialect, selectList: selectList)
    }

    /// The n-th placeholder, cast to the column's type where the dialect needs it.
    static func placeholder(_ index: Int, for column: ColumnSchema?, dialect: SQLDialect) -> String {
        let plain = dialect.placeholder(index)
        guard dialect == .postgres, let cast = column?.type.postgresCast else { return plain }
        return "\(plain)::\(cast)"
    }

    func placeholder(_ index: Int, column: String) -> String {
        Self.placeholder(index, for: table.column(named: column), dialect: dialect)
    }

    func selectWhere(column: String) -> String {
        "SELECT \(selectList) FROM \(quotedTable) WHERE \(dialect.quote(column)) = \(placeholder(1, column: column))"
    }

    func insert(columns: [String]) -> String {
        Self.insertSQL(columns: columns, table: table, dialect: dialect, selectList: selectList)
    }

    static func insertSQL(columns: [String], table: TableSchema, dialect: SQLDialect, selectList: String) -> String {
        let names = columns.map(dialect.quote).joined(separator: ", ")
        let values = columns.enumerated().map { index, column in
            placeholder(index + 1, for: table.column(named: column), dialect: dialect)
        }.joined(separator: ", ")
        return "INSERT INTO \(dialect.quote(table.table)) (\(names)) VALUES (\(values)) RETURNING \(selectList)"
    }

    /// What a generated create input writes (every column but an auto-increment key and the managed timestamps, in
    /// column order), then the managed timestamps.
    static func insertAllColumns(of table: TableSchema) -> [ColumnSchema] {
        table.columns.filter { !$0.isAutoIncrement && $0.managed == nil } + table.columns.filter { $0.managed != nil }
    }

    /// With `scope`, the row must also have that column's value (bound after the key), checked in the same statement.
    func update(columns: [String], scope: String? = nil) -> String {
        let sets = columns.enumerated().map { "\(dialect.quote($1)) = \(placeholder($0 + 1, column: $1))" }
        let key = Self.placeholder(columns.count + 1, for: table.primaryKey, dialect: dialect)
        return "UPDATE \(quotedTable) SET \(sets.joined(separator: ", ")) WHERE \(quotedKey) = \(key)"
            + scopeCondition(scope, index: columns.count + 2) + " RETURNING \(selectList)"
    }

    func delete(scope: String) -> String {
        "DELETE FROM \(quotedTable) WHERE \(quotedKey) = \(Self.placeholder(1, for: table.primaryKey, dialect: dialect))"
            + scopeCondition(scope, index: 2) + " RETURNING \(quotedKey)"
    }

    private func scopeCondition(_ column: String?, index: Int) -> String {
        column.map { " AND \(dialect.quote($0)) = \(placeholder(index, column: $0))" } ?? ""
    }
}
