/// A named constraint of a model's table and the fields it covers, emitted into the generated table schema so the
/// runtime maps a violation to its fields by the constraint name the database reports, not by parsing error text.
public struct TableConstraintName: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case unique
        case check
    }

    /// `users_email_key`, `users_score_range`.
    public var name: String
    public var kind: Kind
    /// Model field names (camelCase), in the constraint's column order; a check covers its one column's field.
    public var fields: [String]

    public init(name: String, kind: Kind, fields: [String]) {
        self.name = name
        self.kind = kind
        self.fields = fields
    }
}

extension SchemaSnapshot {
    /// The unique and check constraints of `model`'s table, in DDL order, naming the model's fields (the snapshot
    /// knows columns only, as the database does).
    public func constraintNames(of model: Model) -> [TableConstraintName] {
        guard let snapshot = self.table(named: model.table) else {
            preconditionFailure("internal: no table '\(model.table)' in the snapshot")
        }
        func field(_ column: String) -> String {
            guard let field = model.fields.first(where: { $0.column == column }) else {
                preconditionFailure("internal: no field for column '\(model.table).\(column)'")
            }
            return field.name
        }
        return snapshot.uniques.map { TableConstraintName(name: $0.name, kind: .unique, fields: $0.columns.map(field)) }
            + snapshot.checks.map { TableConstraintName(name: $0.name, kind: .check, fields: [field($0.column)]) }
    }
}
