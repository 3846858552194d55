/// The SQL text of one table's CRUD statements in one dialect. Built once per repository, with a stable column order,
/// so the same operation always sends the same text (and monitoring groups it as one statement).
struct Statements: Sendable {
    let table: TableSchema
    let dialect: SQLDialect
    let selectList: String
    let quotedTable: String
    let quotedKey: String
    let selectByKey: String
    let deleteByKey: String
    let count: String
    let listPage: String

    init(table: TableSchema, dialect: SQLDialect) {
        self.table = table
        self.dialect = dialect
        selectList = table.columns.map { dialect.quote($0.column) }.joined(separator: ", ")
        quotedTable = dialect.quote(table.table)
        quotedKey = dialect.quote(table.primaryKey.column)
        selectByKey = "SELECT \(selectList) FROM \(quotedTable) WHERE \(quotedKey) = \(dialect.placeholder(1))"
        deleteByKey = "DELETE FROM \(quotedTable) WHERE \(quotedKey) = \(dialect.placeholder(1)) RETURNING \(quotedKey)"
        count = "SELECT COUNT(*) FROM \(quotedTable)"
        listPage = "SELECT \(selectList) FROM \(quotedTable) ORDER BY \(quotedKey) ASC"
            + " LIMIT \(dialect.placeholder(1)) OFFSET \(dialect.placeholder(2))"
    }

    func selectWhere(column: String) -> String {
        "SELECT \(selectList) FROM \(quotedTable) WHERE \(dialect.quote(column)) = \(dialect.placeholder(1))"
    }

    func insert(columns: [String]) -> String {
        let names = columns.map(dialect.quote).joined(separator: ", ")
        let values = columns.indices.map { dialect.placeholder($0 + 1) }.joined(separator: ", ")
        return "INSERT INTO \(quotedTable) (\(names)) VALUES (\(values)) RETURNING \(selectList)"
    }

    func update(columns: [String]) -> String {
        let sets = columns.enumerated().map { "\(dialect.quote($1)) = \(dialect.placeholder($0 + 1))" }
        return "UPDATE \(quotedTable) SET \(sets.joined(separator: ", ")) WHERE \(quotedKey) = "
            + "\(dialect.placeholder(columns.count + 1)) RETURNING \(selectList)"
    }
}
