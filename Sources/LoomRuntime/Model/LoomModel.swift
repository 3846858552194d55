/// A generated entity: one row of its table.
///
/// Every requirement is `static` (or a nested type), so a schema field named `primaryKey`, `rowValues` or `table`
/// never clashes with it: Swift allows a static and an instance member of the same name.
public protocol LoomModel: Codable, Sendable, Equatable, JSONWritable {
    associatedtype ID: SQLValueConvertible & Codable & Hashable & Sendable & LosslessStringConvertible
    /// The body of `POST /prefix/` (generated as the nested `User.Create`).
    associatedtype Create: LoomInput
    /// The body of `PATCH /prefix/{id}` (generated as the nested `User.Update`).
    associatedtype Update: LoomInput

    static var table: TableSchema { get }
    static var relations: [RelationSpec] { get }
    static var profiles: [ProfileSpec] { get }
    /// The key path of the primary key: `\User.id`.
    static var primaryKey: KeyPath<Self, ID> & Sendable { get }
    /// Reads a row whose values are in `table.columns` order.
    init(row: SQLRow) throws
    /// The entity's column values in `table.columns` order: the inverse of `init(row:)`.
    static func rowValues(of entity: Self) -> [SQLValue]
    /// The schema's `allow`/`deny` rules for the model, in source order; empty for a model anyone may use.
    static var accessRules: [AccessRule] { get }
    /// The schema's `cache` line and what a delete changes beyond the row (generated when either applies).
    static var cache: ModelCache { get }
    /// The model's statement texts and prepared-statement metadata (generated as a `static let`: built once).
    static var statements: ModelStatements { get }
    /// Writes the entity's fields, keys in byte order, as `encode(to:)` would with `LoomJSON.encoder` (generated).
    func writeJSONFields(to writer: inout JSONWriter)
}

extension LoomModel {
    /// Relations the runtime can load (generated from foreign keys); none by default.
    public static var relations: [RelationSpec] { [] }
    /// Named read profiles; none by default. The default profile loads no relation.
    public static var profiles: [ProfileSpec] { [] }
    /// No rules: the model is open.
    public static var accessRules: [AccessRule] { [] }
    /// Not cached, and a delete changes no other table.
    public static var cache: ModelCache { ModelCache() }

    /// For a model written by hand: built once, then looked up under a lock.
    public static var statements: ModelStatements { ModelStatements.shared(for: Self.self) }

    /// For a model written by hand: its `Encodable` output without the braces and the hidden fields (generated models
    /// write their own). A profile's extra members then follow its fields rather than merge into their order.
    public func writeJSONFields(to writer: inout JSONWriter) {
        let encoded = try? writer.hidden.map { try LoomJSON.encoder.encode(Redacted(self, hiding: $0)) } ?? LoomJSON.encoder.encode(self)
        guard let data = encoded, data.count > 2 else { return }
        if writer.needsComma { writer.bytes.append(UInt8(ascii: ",")) }
        writer.needsComma = true
        writer.bytes.append(contentsOf: data.dropFirst().dropLast())
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeJSONFields(to: &writer)
        writer.endObject()
    }

    /// The row's key. In generic code this is always the key, even when the model has a field of this name.
    public var primaryKey: ID { self[keyPath: Self.primaryKey] }
    /// The row's column values, in `table.columns` order.
    public var rowValues: [SQLValue] { Self.rowValues(of: self) }
}
