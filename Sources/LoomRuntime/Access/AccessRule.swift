/// A model's access rules as the schema declares them (`allow read when orgId == auth.orgId`), generated as a static
/// table (`Ticket.accessRules`) that the runtime resolves once per caller into SQL filters (`ModelAccess`). The
/// compiler has checked every name and type; nothing here is parsed at run time.
public struct AccessRule: Sendable, Hashable {
    public enum Effect: String, Sendable, Hashable {
        case allow
        case deny
    }

    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case read, create, update, delete
    }

    public var effect: Effect
    public var operations: Set<Operation>
    /// The fields the rule is about (`update(title, body)`), by field name; nil for the whole row and every field.
    public var fields: Set<String>?
    public var condition: RuleExpression

    public init(_ effect: Effect, _ operations: Set<Operation>, fields: Set<String>? = nil, when condition: RuleExpression) {
        self.effect = effect
        self.operations = operations
        self.fields = fields
        self.condition = condition
    }

    public static func allow(_ operations: Set<Operation>, fields: Set<String>? = nil, when condition: RuleExpression) -> AccessRule {
        AccessRule(.allow, operations, fields: fields, when: condition)
    }

    public static func deny(_ operations: Set<Operation>, fields: Set<String>? = nil, when condition: RuleExpression) -> AccessRule {
        AccessRule(.deny, operations, fields: fields, when: condition)
    }

    /// Whether the rule speaks about `field` (a whole-row rule speaks about every field).
    func covers(_ field: String) -> Bool { fields?.contains(field) ?? true }
}

/// A rule's condition. Comparisons follow Swift's semantics, not SQL's: `==` with a null on either side is true when
/// both are null (compiled to `IS NULL`), and a condition is never "unknown" (`!` of a comparison with a null column
/// is true), so a rule means the same in SQL as when evaluated in Swift.
public indirect enum RuleExpression: Sendable, Hashable {
    case constant(Bool)
    case all([RuleExpression])
    case any([RuleExpression])
    case not(RuleExpression)
    case compare(RuleOperand, RuleComparison, RuleOperand)
    /// `operand in [a, b]`.
    case oneOf(RuleOperand, [RuleOperand])
    /// `auth != null`: the caller presented a valid credential.
    case authenticated
    /// `exists(comments where …)`: a row of a has-many relation for which the condition holds (its operands' columns
    /// are the related table's).
    case exists(RuleRelation, RuleExpression)

    public static func && (lhs: RuleExpression, rhs: RuleExpression) -> RuleExpression { .all([lhs, rhs]) }
    public static func || (lhs: RuleExpression, rhs: RuleExpression) -> RuleExpression { .any([lhs, rhs]) }
    public static prefix func ! (operand: RuleExpression) -> RuleExpression { .not(operand) }
}

public enum RuleComparison: String, Sendable, Hashable {
    case eq, ne, lt, lte, gt, gte
}

public indirect enum RuleOperand: Sendable, Hashable {
    /// A column of the row (after the write, for create and update rules).
    case column(String)
    /// A column of the row before an update (`before.status`).
    case before(String)
    /// A column reached through a belongs-to relation (`ticket.orgId`).
    case related(RuleRelation, RuleOperand)
    /// A field of the caller's principal (`auth.orgId`), by field name; null for an anonymous caller.
    case principal(String)
    /// A literal; an enum case is its name as a string.
    case value(SQLValue)
}

/// One step from a row to related rows: `column` of this table matched to `key` of `table`. For a belongs-to
/// relation that is the foreign key and the parent's primary key; for a has-many, this table's key and the
/// children's foreign key.
public struct RuleRelation: Sendable, Hashable {
    public var column: String
    public var table: TableSchema
    public var key: String

    public init(column: String, table: TableSchema, key: String) {
        self.column = column
        self.table = table
        self.key = key
    }
}
