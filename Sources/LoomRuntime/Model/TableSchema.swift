/// What the runtime knows of a model's table: enough to build every CRUD statement and to validate input. Generated
/// once per model (`User.table`); the statements built from it are cached by the repository.
public struct TableSchema: Sendable, Hashable {
    /// The model's Swift name, used in error messages (`User with id=7 not found`).
    public var model: String
    public var table: String
    /// In the generated entity's property order; `init(row:)` reads them in this order.
    public var columns: [ColumnSchema]

    public init(model: String, table: String, columns: [ColumnSchema]) {
        self.model = model
        self.table = table
        self.columns = columns
        precondition(columns.filter(\.isPrimaryKey).count == 1, "\(model): exactly one primary key")
    }

    public var primaryKey: ColumnSchema { columns.first { $0.isPrimaryKey }! }

    public func column(named column: String) -> ColumnSchema? { columns.first { $0.column == column } }
    public func column(forField field: String) -> ColumnSchema? { columns.first { $0.field == field } }
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

    public enum Managed: String, Sendable, Hashable {
        case createdAt
        case updatedAt
    }

    public init(
        field: String, column: String, type: ColumnType, isOptional: Bool = false, isPrimaryKey: Bool = false,
        isAutoIncrement: Bool = false, isUnique: Bool = false, managed: Managed? = nil
    ) {
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

public enum ColumnType: Sendable, Hashable {
    case int
    case double
    case bool
    case string(maxLength: Int)
    case dateTime

    /// How the type is named in messages (`must be a string`).
    public var noun: String {
        switch self {
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .string: "a string"
        case .dateTime: "an ISO-8601 date-time"
        }
    }
}
