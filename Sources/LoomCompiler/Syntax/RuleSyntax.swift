/// `allow read, update(title) when orgId == auth.orgId` (or `deny …`) inside a model body: an access rule as written.
/// Names are not resolved here: `orgId` may be a field, a relation or an enum case until the checker knows the model.
public struct AccessRuleSyntax: Sendable, Hashable {
    /// `allow` or `deny`.
    public var effect: Identifier
    public var operations: [RuleOperationSyntax]
    /// Nil when the parser reported it missing.
    public var condition: RuleExpressionSyntax?
    /// From the effect to the end of the condition.
    public var range: SourceRange

    public init(effect: Identifier, operations: [RuleOperationSyntax], condition: RuleExpressionSyntax?, range: SourceRange) {
        self.effect = effect
        self.operations = operations
        self.condition = condition
        self.range = range
    }
}

/// `read`, `update(title, body)`, `all`: an operation as written (the checker knows the names) and its field list.
public struct RuleOperationSyntax: Sendable, Hashable {
    public var name: Identifier
    /// Nil without parentheses.
    public var fields: [Identifier]?
    public var range: SourceRange

    public init(name: Identifier, fields: [Identifier]?, range: SourceRange) {
        self.name = name
        self.fields = fields
        self.range = range
    }
}

/// The comparison operators of a condition, spelt as written.
public enum RuleOperatorSyntax: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A condition: `||` of `&&` of (`!`) comparisons, each list flattened as written.
public struct RuleExpressionSyntax: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// `a || b || c`: two or more.
        case any([RuleExpressionSyntax])
        /// `a && b && c`: two or more.
        case all([RuleExpressionSyntax])
        case not(RuleExpressionSyntax)
        case compare(RuleOperandSyntax, RuleOperatorSyntax, operatorRange: SourceRange, RuleOperandSyntax)
        /// `operand in [a, b]`.
        case oneOf(RuleOperandSyntax, [RuleOperandSyntax])
        /// An operand on its own: a Bool field, `true`, `exists(…)`, a parenthesised condition.
        case operand(RuleOperandSyntax)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One side of a comparison.
public struct RuleOperandSyntax: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// `orgId`, `auth`, `auth.orgId`, `before.status`, `ticket.customer.orgId`.
        case path([Identifier])
        /// An integer, decimal, string, `true` or `false`.
        case literal(Literal)
        case null
        /// `( condition )`.
        case group(RuleExpressionSyntax)
        /// `exists(relation where condition)`; the condition is nil without `where`.
        case exists(relation: Identifier, condition: RuleExpressionSyntax?)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The path as written (`auth.orgId`), for messages.
    public var pathText: String? {
        if case .path(let names) = kind { return names.map(\.name).joined(separator: ".") }
        return nil
    }
}
