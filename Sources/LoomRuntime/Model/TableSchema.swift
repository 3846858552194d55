/// What the runtime knows of a model's table: enough to build every CRUD statement and to map errors. Generated
/// once per model (`User.table`); the statements built from it are cached by the repository.
public struct TableSchema: Sendable, Hashable {
    /// The model's Swift name, used in error messages (`User with id=7 not found`).
    public var model: String
    public var table: String
    /// In the generated entity's property order; `init(row:)` reads them in this order.
    public var columns: [ColumnSchema]
    /// The named unique and check constraints of the DDL, for mapping database errors by name.
    public var constraints: [TableConstraint]

    public init(model: String, table: String, columns: [ColumnSchema], constraints: [TableConstraint] = []) {
        self.model = model
        self.table = table
        self.columns = columns
        self.constraints = constraints
        precondition(columns.filter(\.isPrimaryKey).count == 1, "\(model): exactly one primary key")
    }

    public var primaryKey: ColumnSchema { columns.first { $0.isPrimaryKey }! }

    public func column(named column: String) -> ColumnSchema? { columns.first { $0.column == column } }
    public func column(forField field: String) -> ColumnSchema? { columns.first { $0.field == field } }
    public func constraint(named name: String) -> TableConstraint? { constraints.first { $0.name == name } }
}

public struct ColumnSchema: Sendable, Hashable {
    /// The Swift/JSON name (`fullName`).
    public var field: String
    /// The SQL name (`full_name`).
    public var column: String
    public var type: ColumnType
    public var isOptional: Bool
    public var isPrimaryKey: Bool
    public var isAutoIncrement: Bool
    public var isUnique: Bool
    public var managed: Managed?
    /// The field's declared constraints, for reference (documentation, OpenAPI). Writes are validated by the input's
    /// generated `violations(in:)`, not from here.
    public var constraints: [ValueConstraint]
    /// Set for a foreign key: what it references, so a refused insert can say which parent is missing.
    public var reference: ColumnReference?

    public enum Managed: String, Sendable, Hashable {
        case createdAt
        case updatedAt
    }

    public init(
        field: String, column: String, type: ColumnType, isOptional: Bool = false, isPrimaryKey: Bool = false,
        isAutoIncrement: Bool = false, isUnique: Bool = false, managed: Managed? = nil, constraints: [ValueConstraint] = [],
        reference: ColumnReference? = nil
    ) {
        self.constraints = constraints
        self.reference = reference
        self.field = field
        self.column = column
        self.type = type
        self.isOptional = isOptional
        self.isPrimaryKey = isPrimaryKey
        self.isAutoIncrement = isAutoIncrement
        self.isUnique = isUnique
        self.managed = managed
    }
}

/// The row a foreign-key column points at.
public struct ColumnReference: Sendable, Hashable {
    /// The parent model's name (`User`), for 404 messages.
    public var model: String
    public var table: String
    public var column: String

    public init(model: String, table: String, column: String) {
        self.model = model
        self.table = table
        self.column = column
    }
}

public indirect enum ColumnType: Sendable, Hashable {
    case int
    case int32
    case double
    case decimal(precision: Int, scale: Int)
    case bool
    case string(maxLength: Int)
    case text
    case date
    case dateTime
    case uuid
    case json
    /// A schema enum, stored as its case name.
    case enumeration(cases: [String])
    /// Stored as a JSON array.
    case array(ColumnType)

    /// How the type is named in messages (`must be a string`).
    public var noun: String {
        switch self {
        case .int, .int32: "an integer"
        case .double, .decimal: "a number"
        case .bool: "a boolean"
        case .string, .text: "a string"
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "an ISO-8601 date-time"
        case .uuid: "a UUID"
        case .json: "JSON"
        case .enumeration(let cases): "one of \(cases.joined(separator: ", "))"
        case .array(let element): "an array of \(element.noun)"
        }
    }

    /// The PostgreSQL type a text-encoded value is cast to, for types without a native bind (see SQLValue+Types).
    /// The PostgreSQL type of a column of this type, as an array's element (`= ANY($1::bigint[])`).
    var postgresElementType: String {
        switch self {
        case .int: "bigint"
        case .int32: "integer"
        case .double: "double precision"
        case .bool: "boolean"
        case .dateTime: "timestamptz"
        case .string, .text, .enumeration: "text"
        default: postgresCast ?? "text"
        }
    }

    var postgresCast: String? {
        switch self {
        case .decimal: "numeric"
        case .date: "date"
        case .uuid: "uuid"
        case .json, .array: "jsonb"
        default: nil
        }
    }
}
