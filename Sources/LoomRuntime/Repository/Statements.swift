import Foundation

/// The SQL text of one table's CRUD statements in one dialect. Built once per repository, with a stable column order,
/// so the same operation always sends the same text (and monitoring groups it as one statement).
///
/// On PostgreSQL, values of types without a native bind (decimal, date, UUID, JSON, arrays) travel as text and are
/// cast at their placeholder (`$1::uuid`), and such columns are selected as `::text`.
struct Statements: Sendable {
    let table: TableSchema
    let dialect: SQLDialect
    let selectList: String
    /// Each column as the select list reads it (`"id"`, `"token"::text`).
    let selectExpressions: [String]
    let quotedTable: String
    let quotedKey: String
    let selectByKey: String
    let deleteByKey: String
    let count: String
    /// The rows with any of the keys given as one parameter (`keyList`): one text, so one prepared statement, for any
    /// number of keys (a page's belongs-to include), where an `IN ($1, …, $n)` list is a new text per count.
    let selectByKeys: String
    /// The insert of every column a create input writes plus the managed timestamps (see `insertAllColumns`).
    let insertAll: String
    let insertAllColumnNames: [String]

    init(table: TableSchema, dialect: SQLDialect) {
        self.table = table
        self.dialect = dialect
        func select(_ column: ColumnSchema) -> String {
            let name = dialect.quote(column.column)
            return dialect == .postgres && column.type.postgresCast != nil ? "\(name)::text" : name
        }
        selectExpressions = table.columns.map(select)
        selectList = selectExpressions.joined(separator: ", ")
        quotedTable = dialect.quote(table.table)
        quotedKey = dialect.quote(table.primaryKey.column)
        let key = Self.placeholder(1, for: table.primaryKey, dialect: dialect)
        selectByKey = "SELECT \(selectList) FROM \(quotedTable) WHERE \(quotedKey) = \(key)"
        deleteByKey = "DELETE FROM \(quotedTable) WHERE \(quotedKey) = \(key) RETURNING \(quotedKey)"
        count = "SELECT COUNT(*) FROM \(quotedTable)"
        selectByKeys = switch dialect {
        case .postgres: "SELECT \(selectList) FROM \(quotedTable) WHERE \(quotedKey) = ANY($1::\(table.primaryKey.type.postgresElementType)[])"
        case .sqlite: "SELECT \(selectList) FROM \(quotedTable) WHERE \(quotedKey) IN (SELECT value FROM json_each(?1))"
        }
        insertAllColumnNames = Self.insertAllColumns(of: table).map(\.column)
        insertAll = Self.insertSQL(columns: insertAllColumnNames, table: table, dialect: dialect, selectList: selectList)
    }

    /// `keys` as `selectByKeys`' one parameter: a PostgreSQL array literal (`{1,2}`, `{"a","b\\"c"}`), or a JSON array
    /// for SQLite's `json_each`. Keys are integers or text (a UUID travels as text); NULLs never reach here.
    static func keyList(_ keys: [SQLValue], dialect: SQLDialect) -> SQLValue {
        var writer = JSONWriter(capacity: keys.count * 8)
        writer.bytes.append(dialect == .sqlite ? UInt8(ascii: "[") : UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            switch (key, dialect) {
            case (.int(let value), _): writer.writeInt(value)
            case (.string(let value), .sqlite): writer.writeString(value)
            case (.string(let value), .postgres):
                // An array element in double quotes: only `\` and `"` are escaped (by a backslash).
                writer.bytes.append(UInt8(ascii: "\""))
                for byte in value.utf8 {
                    if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { writer.bytes.append(UInt8(ascii: "\\")) }
                    writer.bytes.append(byte)
                }
                writer.bytes.append(UInt8(ascii: "\""))
            case (.double(let value), _): writer.bytes.append(contentsOf: String(value).utf8)
            case (.bool(let value), _): writer.writeBool(value)
            case (.date(let value), _): writer.writeDateTime(value)
            case (.null, _): writer.writeNull()
            }
        }
        writer.bytes.append(dialect == .sqlite ? UInt8(ascii: "]") : UInt8(ascii: "}"))
        return .string(String(decoding: writer.bytes, as: UTF8.self))
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
