/// The tables of a schema as the database sees them, for both dialects: the compiler's one relational model. Built
/// from the resolved IR (`SchemaSnapshot(schema)`, which owns every SQL naming rule), it renders the generated
/// `createStatements`, `loomgen sql` and each migration's DDL (`DDLRenderer`); a migration's `snapshot.json` records
/// it, and `loomgen migrate new` diffs the schema against the last one.
///
/// Encoded as JSON by the CLI (LoomCompiler has no Foundation); lists are in a fixed order, so the same schema always
/// gives the same file.
public struct SchemaSnapshot: Codable, Sendable, Hashable {
    /// Bumped when the snapshot's shape changes incompatibly.
    public static let currentFormat = 1

    public var format: Int
    /// Sorted by name.
    public var tables: [TableSnapshot]

    public init(format: Int = SchemaSnapshot.currentFormat, tables: [TableSnapshot]) {
        self.format = format
        self.tables = tables.sorted { $0.name < $1.name }
    }

    /// No tables: what the first migration is diffed against.
    public static let empty = SchemaSnapshot(tables: [])

    /// A binary search, as `tables` is sorted (a hand-edited `snapshot.json` may not be: then a scan).
    public func table(named name: String) -> TableSnapshot? {
        var low = 0
        var high = tables.count
        while low < high {
            let middle = (low + high) / 2
            if tables[middle].name < name { low = middle + 1 } else { high = middle }
        }
        if low < tables.count, tables[low].name == name { return tables[low] }
        return tables.first { $0.name == name }
    }
}

public struct TableSnapshot: Codable, Sendable, Hashable {
    public var name: String
    /// In the table's column order (declaration order, then the managed timestamps).
    public var columns: [ColumnSnapshot]
    /// `UNIQUE` table constraints (`<table>_<columns>_key`), single-column ones first, in declaration order.
    public var uniques: [KeySnapshot]
    /// `CHECK` table constraints (`<table>_<column>_<kind>`), by column in declaration order.
    public var checks: [CheckSnapshot]
    /// Plain indexes (`<table>_<columns>_idx`), single-column ones first, in declaration order.
    public var indexes: [KeySnapshot]
    public init(
        name: String, columns: [ColumnSnapshot], uniques: [KeySnapshot] = [], checks: [CheckSnapshot] = [],
        indexes: [KeySnapshot] = []
    ) {
        self.name = name
        self.columns = columns
        self.uniques = uniques
        self.checks = checks
        self.indexes = indexes
    }

    public func column(named name: String) -> ColumnSnapshot? { columns.first { $0.name == name } }
}

/// A piece of SQL that differs between the dialects.
public struct DialectSQL: Codable, Sendable, Hashable {
    public var postgres: String
    public var sqlite: String

    public init(postgres: String, sqlite: String) {
        self.postgres = postgres
        self.sqlite = sqlite
    }

    public subscript(dialect: SQLDialect) -> String {
        switch dialect {
        case .postgres: postgres
        case .sqlite: sqlite
        }
    }
}

/// A column default; either dialect may have none (SQLite has no expression for a random UUID: the runtime fills it).
public struct DefaultSnapshot: Codable, Sendable, Hashable {
    public var postgres: String?
    public var sqlite: String?

    public init(postgres: String?, sqlite: String?) {
        self.postgres = postgres
        self.sqlite = sqlite
    }

    public subscript(dialect: SQLDialect) -> String? {
        switch dialect {
        case .postgres: postgres
        case .sqlite: sqlite
        }
    }
}

public struct ColumnSnapshot: Codable, Sendable, Hashable {
    public var name: String
    public var type: DialectSQL
    public var nullable: Bool
    public var primaryKey: Bool
    /// Only on the primary key: an identity column (PostgreSQL) or `AUTOINCREMENT` (SQLite).
    public var autoIncrement: Bool
    public var defaultValue: DefaultSnapshot?
    public var references: ReferenceSnapshot?

    public init(
        name: String, type: DialectSQL, nullable: Bool = false, primaryKey: Bool = false, autoIncrement: Bool = false,
        defaultValue: DefaultSnapshot? = nil, references: ReferenceSnapshot? = nil
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.primaryKey = primaryKey
        self.autoIncrement = autoIncrement
        self.defaultValue = defaultValue
        self.references = references
    }

    public func defaultSQL(_ dialect: SQLDialect) -> String? { defaultValue?[dialect] }
}

/// An inline `REFERENCES table (column) ON DELETE action`. PostgreSQL names the constraint `<table>_<column>_fkey`.
public struct ReferenceSnapshot: Codable, Sendable, Hashable {
    public var table: String
    public var column: String
    /// `CASCADE`, `RESTRICT`, `SET NULL` or `NO ACTION`.
    public var onDelete: String

    public init(table: String, column: String, onDelete: String) {
        self.table = table
        self.column = column
        self.onDelete = onDelete
    }
}

/// A named unique constraint or index over columns.
public struct KeySnapshot: Codable, Sendable, Hashable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

public struct CheckSnapshot: Codable, Sendable, Hashable {
    public var name: String
    /// The column the check is about.
    public var column: String
    public var condition: DialectSQL

    public init(name: String, column: String, condition: DialectSQL) {
        self.name = name
        self.column = column
        self.condition = condition
    }
}
