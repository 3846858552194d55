import Foundation

/// Turns a rule's condition into a `Filter` for one caller: the principal's values and, for an update, the row
/// before it (`before.status`) are known, so every comparison of known values is decided here and only the row's
/// own columns (and related rows) are left to SQL. A rule that does not depend on the row folds to
/// `Filter.everything` or `Filter.nothing`, which the repository recognises to keep its prepared statements.
struct RuleCompiler {
    /// Nil for an anonymous caller: every `auth.x` is null.
    let principal: Principal?
    /// The row before an update, by column; empty elsewhere.
    let before: [String: SQLValue]

    init(principal: Principal?, before: [String: SQLValue] = [:]) {
        self.principal = principal
        self.before = before
    }

    /// A condition on the caller alone (a use case's `require`), decided now: a condition that still needs a row
    /// counts as false.
    func decide(_ expression: RuleExpression) -> Bool {
        filter(expression, on: Self.noRow) == .everything
    }

    /// The "table" of a condition that names no column.
    private static let noRow = TableSchema(
        model: "", table: "", columns: [ColumnSchema(field: "", column: "", type: .int, isPrimaryKey: true)])

    /// The filter of `expression` over rows of `table`.
    func filter(_ expression: RuleExpression, on table: TableSchema) -> Filter {
        func filter(_ expression: RuleExpression) -> Filter { self.filter(expression, on: table) }
        switch expression {
        case .constant(let value):
            return value ? .everything : .nothing
        case .authenticated:
            return principal != nil ? .everything : .nothing
        case .all(let parts):
            return Self.all(parts.map(filter))
        case .any(let parts):
            return Self.any(parts.map(filter))
        case .not(let inner):
            return Self.not(filter(inner))
        case .compare(let lhs, let comparison, let rhs):
            return compare(lhs, comparison, rhs, on: table)
        case .oneOf(let operand, let candidates):
            return Self.any(candidates.map { compare(operand, .eq, $0, on: table) })
        case .exists(let relation, let condition):
            let inner = self.filter(condition, on: relation.table)
            if inner == .nothing { return .nothing }
            return .related(column: relation.column, table: relation.table, key: relation.key, inner)
        }
    }

    /// A value known now, or nil for a column of the row.
    private func known(_ operand: RuleOperand) -> SQLValue? {
        switch operand {
        case .value(let value): value
        case .principal(let field): principal?[field] ?? .null
        case .before(let column): before[column] ?? .null
        case .column, .related: nil
        }
    }

    private func compare(_ lhs: RuleOperand, _ comparison: RuleComparison, _ rhs: RuleOperand, on table: TableSchema) -> Filter {
        switch (known(lhs), known(rhs)) {
        case (let left?, let right?):
            return RuleValues.compare(left, comparison, right) ? .everything : .nothing
        case (nil, let right?):
            return condition(lhs, comparison, right, on: table)
        case (let left?, nil):
            return condition(rhs, comparison.flipped, left, on: table)
        case (nil, nil):
            // The compiler allows one row side per comparison; two would need a join this version does not write.
            preconditionFailure("internal: an access rule compares two row values")
        }
    }

    /// `operand comparison value`, where `operand` is a column of the row or of a related row.
    private func condition(_ operand: RuleOperand, _ comparison: RuleComparison, _ value: SQLValue, on table: TableSchema) -> Filter {
        switch operand {
        case .related(let relation, let inner):
            let filter = condition(inner, comparison, value, on: relation.table)
            if filter == .nothing { return .nothing }
            return .related(column: relation.column, table: relation.table, key: relation.key, filter)
        case .column(let column):
            func make(_ op: FilterOperator, _ values: [SQLValue] = [value]) -> Filter {
                .condition(.init(column: column, op: op, values: values))
            }
            // A column that holds no null is never equal to one: decided here, so an anonymous caller's `auth.orgId`
            // folds a rule to "no row" (and its request to a 401) rather than to `"id" IS NULL`.
            let nullable = table.column(named: column)?.isOptional ?? true
            switch comparison {
            // Swift's `==`: null equals null.
            case .eq:
                if value == .null { return nullable ? make(.isNull, []) : .nothing }
                return make(.eq)
            // Swift's `!=`: a null column differs from every value.
            case .ne:
                if value == .null { return nullable ? make(.isNotNull, []) : .everything }
                return nullable ? .any([make(.ne), make(.isNull, [])]) : make(.ne)
            // No order with null: false, as SQL's unknown is inside a rule.
            case .lt: return value == .null ? .nothing : make(.lt)
            case .lte: return value == .null ? .nothing : make(.lte)
            case .gt: return value == .null ? .nothing : make(.gt)
            case .gte: return value == .null ? .nothing : make(.gte)
            }
        case .value, .principal, .before:
            preconditionFailure("internal: a known value where a column was expected")
        }
    }

    static func all(_ parts: [Filter]) -> Filter {
        if parts.contains(.nothing) { return .nothing }
        let rest = parts.filter { $0 != .everything }
        return rest.count == 1 ? rest[0] : .all(rest)
    }

    static func any(_ parts: [Filter]) -> Filter {
        if parts.contains(.everything) { return .everything }
        let rest = parts.filter { $0 != .nothing }
        return rest.count == 1 ? rest[0] : .any(rest)
    }

    static func not(_ filter: Filter) -> Filter {
        switch filter {
        case .everything: .nothing
        case .nothing: .everything
        default: .not(filter)
        }
    }
}

extension RuleComparison {
    /// The same comparison with its sides swapped: `1 < x` is `x > 1`.
    var flipped: RuleComparison {
        switch self {
        case .eq, .ne: self
        case .lt: .gt
        case .lte: .gte
        case .gt: .lt
        case .gte: .lte
        }
    }
}

/// Comparisons of values in Swift's terms, for what a rule can decide without the database (and for a row already
/// read): SQLite's 0/1 booleans and text timestamps compare as the values they stand for.
enum RuleValues {
    static func compare(_ lhs: SQLValue, _ comparison: RuleComparison, _ rhs: SQLValue) -> Bool {
        let (left, right) = (normalized(lhs), normalized(rhs))
        switch comparison {
        case .eq: return left == right
        case .ne: return left != right
        case .lt, .lte, .gt, .gte:
            guard let order = order(left, right) else { return false }
            switch comparison {
            case .lt: return order < 0
            case .lte: return order <= 0
            case .gt: return order > 0
            default: return order >= 0
            }
        }
    }

    static func normalized(_ value: SQLValue) -> SQLValue {
        switch value {
        case .double(let number) where number == number.rounded() && abs(number) < 9.0e15: .int(Int(number))
        case .bool(let flag): .int(flag ? 1 : 0)
        default: value
        }
    }

    /// -1, 0 or 1; nil for values without an order between them (a null, or different kinds).
    private static func order(_ lhs: SQLValue, _ rhs: SQLValue) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.int(let a), .double(let b)): return sign(Double(a), b)
        case (.double(let a), .int(let b)): return sign(a, Double(b))
        case (.double(let a), .double(let b)): return sign(a, b)
        case (.string(let a), .string(let b)): return sign(a, b)
        case (.date(let a), .date(let b)): return sign(a, b)
        default: return nil
        }
    }
}
