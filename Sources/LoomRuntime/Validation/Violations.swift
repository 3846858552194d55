import LoomValues

/// Every violation of one input, collected in one pass (LoomValues, where a generated `init(from:)` uses it for the
/// shape); `LoomRuntime.Violations` still names it. The constraint checks and `throwIfRulesBroken()` are the
/// runtime's: they throw `LoomError` and check `ValueConstraint`s.
public typealias Violations = LoomValues.Violations

extension LoomValues.Violations {
    /// Throws `LoomError.ruleViolations` listing every violation, when there is any: what a use case's rules and
    /// a repository's constraint checks end with.
    public func throwIfRulesBroken() throws {
        let all = list + rules
        if !all.isEmpty { throw LoomError.ruleViolations(all) }
    }
}

// MARK: Constraints on typed values; nil, absent and null are skipped (presence is the shape's business).

extension LoomValues.Violations {
    public mutating func check<V: ConstrainedValue>(_ value: V?, field: String, _ constraints: [ValueConstraint]) {
        guard let value else { return }
        let subject = value.constraintSubject
        for constraint in constraints {
            if let message = constraint.violation(for: subject) { append(field: field, message: message) }
        }
    }

    public mutating func check<V: ConstrainedValue>(_ value: Patch<V>?, field: String, _ constraints: [ValueConstraint]) {
        guard let value else { return }
        check(value, field: field, constraints)
    }

    public mutating func check<V: ConstrainedValue>(_ value: Patch<V>, field: String, _ constraints: [ValueConstraint]) {
        guard case .value(let value) = value else { return }
        check(value, field: field, constraints)
    }

    /// A nested command's violations, its fields prefixed `field.`.
    public mutating func check<C: LoomCommand>(nested value: C?, field: String) {
        guard let value else { return }
        for violation in C.violations(in: value) {
            append(field: "\(field).\(violation.field)", message: violation.message)
        }
    }

    /// A list of nested commands' violations, their fields prefixed `field[i].`.
    public mutating func check<C: LoomCommand>(nested values: [C]?, field: String) {
        for (index, value) in (values ?? []).enumerated() {
            check(nested: value, field: "\(field)[\(index)]")
        }
    }
}
