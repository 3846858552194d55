/// A belongs-to relation read in the same statement as a page of its models: `LEFT JOIN (SELECT … FROM target) AS
/// "loom_j0" ON "loom_j0"."loom_j0_key" = "orders"."user_id"`. The joined columns are renamed (`loom_j0_3`) so that the
/// page's own conditions and sort, written with bare column names, still name only the page's table; the key is
/// selected once more uncast, so the join compares like types whatever the select list casts to text.
struct JoinedRelation: Sendable {
    let table: TableSchema
    /// The target's statements, read when first joined (not while `relations`, a static, is being built).
    let statements: @Sendable () -> ModelStatements
    let foreignKey: String
    let targetKey: String
    /// The related row from its columns' values (in `table.columns` order); nil when the join found none.
    let decode: @Sendable (ArraySlice<SQLValue>) throws -> (any Encodable & Sendable)?

    init<Target: LoomModel>(_ target: Target.Type, foreignKey: String, targetKey: String) {
        self.table = Target.table
        self.statements = { Target.statements }
        self.foreignKey = foreignKey
        self.targetKey = targetKey
        let keyIndex = Target.table.columns.firstIndex { $0.column == targetKey } ?? 0
        decode = { values in
            guard values[values.startIndex + keyIndex] != .null else { return nil }
            return Redacted(try Target(row: SQLRow(values: Array(values))), hiding: [])
        }
    }

    /// The select list's additions and the join clause for the `index`-th joined relation of a page of `statements`
    /// selected as `page`.
    func sql(index: Int, joiningTo statements: Statements, as page: String) -> (columns: String, join: String) {
        let dialect = statements.dialect
        let alias = dialect.quote("loom_j\(index)")
        let names = table.columns.indices.map { dialect.quote("loom_j\(index)_\($0)") }
        let key = dialect.quote("loom_j\(index)_key")
        let target = self.statements().statements(dialect)
        let renamed = zip(target.selectExpressions, names).map { "\($0) AS \($1)" }
        let derived = "SELECT \(renamed.joined(separator: ", ")), \(dialect.quote(targetKey)) AS \(key) FROM \(target.quotedTable)"
        // The page selects a text-cast column (a UUID) as text: cast back, so the join compares like types and
        // uses the target's key index.
        var foreign = "\(dialect.quote(page)).\(dialect.quote(foreignKey))"
        if dialect == .postgres, let cast = statements.table.column(named: foreignKey)?.type.postgresCast { foreign += "::\(cast)" }
        return (
            names.map { "\(alias).\($0)" }.joined(separator: ", "),
            " LEFT JOIN (\(derived)) AS \(alias) ON \(alias).\(key) = \(foreign)"
        )
    }
}
