import Synchronization

/// A model's statement texts in both dialects, and its static statements' prepared-statement names and parameter
/// types: built once, the first time the model is used. Generated models keep theirs in a `static let`
/// (`LoomModel.statements`), so a query reads constants: no lock, dictionary or string building per execution
/// (postgres-nio reads a prepared statement's name, text and types on every execution).
public struct ModelStatements: Sendable {
    let postgres: Statements
    let sqlite: Statements
    let selectByKey: StaticStatementText
    let deleteByKey: StaticStatementText
    let count: StaticStatementText
    let insertAll: StaticStatementText
    let selectByKeys: StaticStatementText

    public init(_ table: TableSchema) {
        let (postgres, sqlite) = (Statements(table: table, dialect: .postgres), Statements(table: table, dialect: .sqlite))
        (self.postgres, self.sqlite) = (postgres, sqlite)
        func text(_ statement: StaticStatement, _ parameters: [ColumnType], _ sql: (Statements) -> String) -> StaticStatementText {
            StaticStatementText(
                name: statementName(table: table.table, operation: statement.rawValue), postgres: sql(postgres),
                sqlite: sql(sqlite), parameterTypes: parameters)
        }
        selectByKey = text(.selectByKey, [table.primaryKey.type], \.selectByKey)
        deleteByKey = text(.deleteByKey, [table.primaryKey.type], \.deleteByKey)
        count = text(.count, [], \.count)
        insertAll = text(.insertAll, Statements.insertAllColumns(of: table).map(\.type), \.insertAll)
        selectByKeys = text(.selectByKeys, [.text], \.selectByKeys)
    }

    func statements(_ dialect: SQLDialect) -> Statements {
        dialect == .postgres ? postgres : sqlite
    }

    public subscript(statement: StaticStatement) -> StaticStatementText {
        switch statement {
        case .selectByKey: selectByKey
        case .deleteByKey: deleteByKey
        case .count: count
        case .insertAll: insertAll
        case .selectByKeys: selectByKeys
        }
    }

    /// For models written by hand, which have no `static let` of their own: built once per model, then looked up.
    static func shared<Model: LoomModel>(for model: Model.Type) -> ModelStatements {
        let key = ObjectIdentifier(model)
        if let statements = cache.withLock({ $0[key] }) { return statements }
        let statements = ModelStatements(Model.table)
        cache.withLock { $0[key] = statements }
        return statements
    }

    private static let cache = Mutex<[ObjectIdentifier: ModelStatements]>([:])
}

/// One static statement of a model: its prepared-statement name, its text in each dialect, its parameters' types (so
/// a prepared statement's types never depend on which values, a NULL say, happened to come first).
public struct StaticStatementText: Sendable {
    public let name: String
    public let postgres: String
    public let sqlite: String
    public let parameterTypes: [ColumnType]

    public func sql(_ dialect: SQLDialect) -> String {
        dialect == .postgres ? postgres : sqlite
    }
}

/// `loom.<table>.<operation>`, or, when that passes PostgreSQL's 63-byte identifier limit (which would cut it and
/// make two statements of a long table one name), `loom.<start of table>.<hash>.<operation>`: unique and short.
public func statementName(table: String, operation: String) -> String {
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
