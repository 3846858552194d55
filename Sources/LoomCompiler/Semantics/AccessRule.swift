/// One access rule of a model, resolved to the shape of the runtime's table (`LoomRuntime.AccessRule`): every name is
/// a SQL column, a principal field or a literal already, so the emitter only translates. A written rule whose
/// operations carry different field lists (`allow read, update(title) when …`) becomes one rule per list.
public struct AccessRule: Sendable, Hashable {
    public enum Effect: String, Sendable, Hashable {
        case allow
        case deny
    }

    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case read, create, update, delete
    }

    public var effect: Effect
    /// In `Operation.allCases` order; `all` is expanded.
    public var operations: [Operation]
    /// The field names the rule is about (`update(title, body)`), in source order; nil for the whole row.
    public var fields: [String]?
    public var condition: RuleCondition
    public var range: SourceRange

    public init(effect: Effect, operations: [Operation], fields: [String]?, condition: RuleCondition, range: SourceRange) {
        self.effect = effect
        self.operations = operations
        self.fields = fields
        self.condition = condition
        self.range = range
    }
}

/// A condition, case for case `LoomRuntime.RuleExpression`. `&&` and `||` are flattened; a bare Bool field is
/// `compare(column, eq, true)`; `auth != null` is `authenticated`.
public indirect enum RuleCondition: Sendable, Hashable {
    case constant(Bool)
    case all([RuleCondition])
    case any([RuleCondition])
    case not(RuleCondition)
    case compare(RuleValue, RuleComparison, RuleValue)
    /// `value in [a, b]`.
    case oneOf(RuleValue, [RuleValue])
    case authenticated
    /// A row of a has-many relation for which the condition (over the related table's columns) holds.
    case exists(RuleHop, RuleCondition)
}

public enum RuleComparison: String, Sendable, Hashable {
    case eq, ne, lt, lte, gt, gte

    /// `==`, `<=`, …: as the schema writes it, and as Swift does.
    public var symbol: String {
        switch self {
        case .eq: "=="
        case .ne: "!="
        case .lt: "<"
        case .lte: "<="
        case .gt: ">"
        case .gte: ">="
        }
    }
}

/// One side of a comparison, case for case `LoomRuntime.RuleOperand`.
public indirect enum RuleValue: Sendable, Hashable {
    /// A column of the row, by SQL name.
    case column(String)
    /// A column of the row before an update.
    case before(String)
    /// A value reached through a belongs-to relation.
    case related(RuleHop, RuleValue)
    /// A principal field, by field name.
    case principal(String)
    case literal(RuleLiteral)
}

/// A literal of a rule; an enum case is its name as a string.
public enum RuleLiteral: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null
}

/// One step from a row to related rows (`LoomRuntime.RuleRelation`): `column` of this table matched to `key` of
/// `model`'s table. Belongs-to: the foreign key and the parent's primary key; has-many: this key and the children's
/// foreign key.
public struct RuleHop: Sendable, Hashable {
    public var column: String
    /// The related model's name (its Swift type: the emitter writes `<model>.table`).
    public var model: String
    public var key: String

    public init(column: String, model: String, key: String) {
        self.column = column
        self.model = model
        self.key = key
    }
}
