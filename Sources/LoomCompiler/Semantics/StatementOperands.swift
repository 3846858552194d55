/// The row a `require`, `load` or `exists` names: by the model's key (`User(userId)`) or by a field
/// (`Product(sku: body.sku)`).
public struct RowLookup: Sendable, Hashable {
    public var model: String
    /// Nil for the key.
    public var field: String?
    public var value: ValueSource

    public init(model: String, field: String?, value: ValueSource) {
        self.model = model
        self.field = field
        self.value = value
    }
}

/// A literal in a use case's statement (`compute body.note = "none"`, `rule body.amount < 1000 "…"`).
public enum StatementLiteral: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    /// A case of the enum the other side holds (`body.status == paid`, `compute body.status = paid`).
    case enumCase(String)
}

/// One side of a comparison in a use case's statement: a value it reads, or a literal.
public enum StatementOperand: Sendable, Hashable {
    case value(ValueSource)
    case literal(StatementLiteral)
}

/// `left op right`, both sides of one kind (numbers of one type, text, Bool, one enum, dates).
public struct ValueComparison: Sendable, Hashable {
    public var left: StatementOperand
    public var comparison: RuleComparison
    public var right: StatementOperand

    public init(_ left: StatementOperand, _ comparison: RuleComparison, _ right: StatementOperand) {
        self.left = left
        self.comparison = comparison
        self.right = right
    }
}

/// `when …` on a use case's `rule` or `compute`: decided on the request's values before the rule runs.
public indirect enum StatementCondition: Sendable, Hashable {
    case all([StatementCondition])
    case any([StatementCondition])
    case not(StatementCondition)
    /// `body.note != null`: the value was sent and is not null (a row was loaded).
    case present(ValueSource)
    /// A comparison of values that are always there (the checker asks for a presence test first).
    case compare(ValueComparison)
    /// A Bool value alone: an `exists` name, a Bool parameter or field.
    case holds(ValueSource)
}

/// `compute body.field = value (when condition)?`: a body field set before the rules run.
public struct Compute: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// Another value: a parameter, a body field, a loaded row's field, an `exists` name.
        case copy(ValueSource)
        case literal(StatementLiteral)
        /// A Swift function the user writes in `extension <Schema>Computes`, called with these values.
        case call(function: String, arguments: [ValueSource])
        /// `left + right` or `left * right`: numbers of one type.
        case arithmetic(StatementOperand, ArithmeticOperator, StatementOperand)
    }

    /// The body field set.
    public var field: String
    public var value: Value
    /// Nil: always (skipped only when a value it reads is absent).
    public var condition: StatementCondition?
    public var range: SourceRange

    public init(field: String, value: Value, condition: StatementCondition?, range: SourceRange) {
        self.field = field
        self.value = value
        self.condition = condition
        self.range = range
    }
}
