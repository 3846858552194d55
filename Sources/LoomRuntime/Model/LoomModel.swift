/// A generated entity: one row of its table.
public protocol LoomModel: Codable, Sendable, Equatable {
    associatedtype ID: SQLValueConvertible & Codable & Hashable & Sendable & LosslessStringConvertible
    /// The body of `POST /prefix/`.
    associatedtype Create: LoomInput
    /// The body of `PATCH /prefix/{id}`.
    associatedtype Update: LoomInput

    static var table: TableSchema { get }
    static var relations: [RelationSpec] { get }
    static var profiles: [ProfileSpec] { get }
    /// Reads a row whose values are in `table.columns` order.
    init(row: SQLRow) throws
    /// The entity's column values in `table.columns` order: the inverse of `init(row:)`.
    var rowValues: [SQLValue] { get }
    var primaryKey: ID { get }
}

extension LoomModel {
    /// Relations the runtime can load (generated from foreign keys); none by default.
    public static var relations: [RelationSpec] { [] }
    /// Named read profiles; none by default. The default profile loads no relation.
    public static var profiles: [ProfileSpec] { [] }
}

/// A request body that writes columns: a create input (every writable column) or a PATCH (only the fields sent).
public protocol LoomInput: Decodable, Sendable {
    /// The JSON field names it accepts (camelCase); anything else in a body is an unknown field.
    static var fieldNames: Set<String> { get }
    /// The columns to write and their values, in column order.
    var assignments: [ColumnAssignment] { get }
}

public struct ColumnAssignment: Sendable, Hashable {
    public var column: String
    public var value: SQLValue

    public init(_ column: String, _ value: SQLValue) {
        self.column = column
        self.value = value
    }
}
