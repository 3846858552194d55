/// The resolved IR: what the emitters consume. Every name here is resolved and every check has passed; an emitter
/// never re-validates and never reads the AST.
public struct ResolvedSchema: Sendable, Hashable {
    /// The schema's name: its folder's name (`store` for `schemas/store/`).
    public var name: String
    /// The files the schema was read from, sorted by file name: the order of generated output.
    public var files: [SourceFile]
    /// Sorted by source file name, then source position.
    public var models: [Model]
    /// Sorted by source file name, then source position.
    public var resources: [Resource]

    public init(name: String, files: [SourceFile], models: [Model], resources: [Resource]) {
        self.name = name
        self.files = files
        self.models = models
        self.resources = resources
    }

    public func model(named name: String) -> Model? { models.first { $0.name == name } }
}

public struct Model: Sendable, Hashable {
    /// The Swift type name, e.g. `OrderItem`.
    public var name: String
    /// The SQL table name, e.g. `order_items`.
    public var table: String
    /// Doc comment lines (`///`), without the slashes.
    public var doc: [String]
    /// The file name (`users.loom`) that declares the model.
    public var file: String
    public var range: SourceRange
    /// In declaration order, then the managed timestamp fields (`createdAt`, `updatedAt`) when `timestamps` is on.
    public var fields: [Field]
    public var timestamps: Bool

    public init(name: String, table: String, doc: [String], file: String, range: SourceRange, fields: [Field], timestamps: Bool) {
        self.name = name
        self.table = table
        self.doc = doc
        self.file = file
        self.range = range
        self.fields = fields
        self.timestamps = timestamps
    }

    /// Sema guarantees exactly one.
    public var primaryKey: Field { fields.first { $0.isPrimaryKey }! }
}

public struct Field: Sendable, Hashable {
    /// The Swift property and JSON name (camelCase), e.g. `fullName`.
    public var name: String
    /// The SQL column name (snake_case), e.g. `full_name`.
    public var column: String
    public var type: ScalarType
    /// `T?` in the schema: the column is NULLable and the Swift property optional.
    public var isOptional: Bool
    public var isPrimaryKey: Bool
    public var isAutoIncrement: Bool
    public var isUnique: Bool
    public var isIndexed: Bool
    public var defaultValue: DefaultValue?
    /// Set for the fields that `timestamps` adds: the runtime writes them, inputs never carry them.
    public var managed: ManagedTimestamp?
    public var doc: [String]
    public var range: SourceRange

    public init(
        name: String, column: String, type: ScalarType, isOptional: Bool = false, isPrimaryKey: Bool = false,
        isAutoIncrement: Bool = false, isUnique: Bool = false, isIndexed: Bool = false, defaultValue: DefaultValue? = nil,
        managed: ManagedTimestamp? = nil, doc: [String] = [], range: SourceRange
    ) {
        self.name = name
        self.column = column
        self.type = type
        self.isOptional = isOptional
        self.isPrimaryKey = isPrimaryKey
        self.isAutoIncrement = isAutoIncrement
        self.isUnique = isUnique
        self.isIndexed = isIndexed
        self.defaultValue = defaultValue
        self.managed = managed
        self.doc = doc
        self.range = range
    }

    /// Written by the database or the runtime, never by a client: auto-increment keys and managed timestamps.
    public var isGenerated: Bool { isAutoIncrement || managed != nil }
}

public enum ManagedTimestamp: String, Sendable, Hashable {
    case createdAt
    case updatedAt
}

/// Column types. The skeleton's subset; the language issue adds the rest.
public enum ScalarType: Sendable, Hashable {
    /// 64-bit integer.
    case int
    case double
    case bool
    /// `String(n)`: at most `n` characters, checked on input on every backend.
    case string(maxLength: Int)
    /// Timezone-aware instant (`TIMESTAMPTZ` on PostgreSQL, ISO-8601 UTC text on SQLite).
    case dateTime
}

public enum DefaultValue: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    /// The current time, for `DateTime` fields.
    case now
}

/// `resource Product at "/products" { … }`: the HTTP surface of one model.
public struct Resource: Sendable, Hashable {
    /// The model's name.
    public var model: String
    /// The path prefix, normalised: leading slash, no trailing slash (`/products`).
    public var path: String
    /// The auto-CRUD operations asked for, in `CRUDOperation.allCases` order.
    public var operations: [CRUDOperation]
    public var pagination: PaginationMode
    public var file: String
    public var range: SourceRange

    public init(model: String, path: String, operations: [CRUDOperation], pagination: PaginationMode, file: String, range: SourceRange) {
        self.model = model
        self.path = path
        self.operations = operations
        self.pagination = pagination
        self.file = file
        self.range = range
    }
}

public enum CRUDOperation: String, Sendable, Hashable, CaseIterable {
    case create
    case get
    case list
    case update
    case delete
}

public enum PaginationMode: String, Sendable, Hashable, CaseIterable {
    case offset
    case cursor
}
