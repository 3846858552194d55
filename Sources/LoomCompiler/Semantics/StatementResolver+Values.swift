/// `compute`, comparison rules and `when` conditions: what a use case's statements say about the request's values
/// (parameters, body fields, loaded rows' fields, `exists` names), typed here so the generated Swift always compiles.
extension StatementResolver {
    // MARK: Compute

    /// `compute body.field = value (when condition)?`: the field must be the body's, set once (L120), and take the
    /// value's type (L121).
    mutating func resolveCompute(_ statement: ComputeStatement) {
        guard statement.target.base.name == "body" else {
            diagnostics.append(.error(
                .unknownBodyField, "'\(statement.target.text)' is not a body field; compute sets a field of the body",
                at: statement.target.range, hint: "write compute body.field = …"
            ))
            return
        }
        guard let target = references.resolve(statement.target, diagnostics: &diagnostics), let field = target.field,
            let value = statement.value
        else { return }
        if let line = computedLines[field.name] {
            diagnostics.append(.error(
                .computedTwice, "'body.\(field.name)' is already computed in \(owner)", at: statement.target.range,
                hint: "'body.\(field.name)' is first computed at line \(line); compute it once (a function may choose the value)"
            ))
            return
        }
        computedLines[field.name] = statement.target.range.start.line
        guard case .scalar(let type) = field.type else {
            diagnostics.append(.error(
                .statementTypeMismatch, "compute sets scalar fields, and 'body.\(field.name)' is '\(field.type.schemaSpelling)'",
                at: statement.target.range
            ))
            return
        }
        let computed: Compute.Value
        switch value {
        case .literal(let literal):
            guard let resolved = Self.literal(literal), Self.literal(resolved, fits: type) else {
                diagnostics.append(.error(
                    .statementTypeMismatch, "'\(literal.text)' does not fit 'body.\(field.name)', which is '\(type.schemaSpelling)'",
                    at: literal.range, hint: "write a value of type \(type.schemaSpelling)"
                ))
                return
            }
            computed = .literal(resolved)
        case .reference(let reference) where enumCase(named: reference, of: type) != nil:
            computed = .literal(.enumCase(reference.base.name))
        case .reference(let reference):
            guard let source = references.resolve(reference, diagnostics: &diagnostics) else { return }
            guard case .scalar(let scalar) = source.type, type.accepts(scalar) else {
                diagnostics.append(.error(
                    .statementTypeMismatch,
                    "'\(reference.text)' is '\(source.type.schemaSpelling)', but 'body.\(field.name)' is '\(type.schemaSpelling)'",
                    at: reference.range, hint: "compute it with a function: compute body.\(field.name) = convert(\(reference.text))"
                ))
                return
            }
            computed = .copy(source.source)
        case .call(let function, let arguments):
            let resolved = arguments.compactMap { references.resolve($0, diagnostics: &diagnostics) }
            guard resolved.count == arguments.count else { return }
            computed = .call(function: function.name, arguments: resolved.map(\.source))
        case .arithmetic(let left, let op, let right, let operatorRange):
            guard let arithmetic = resolveArithmetic(left, op, right, at: operatorRange, into: field.name, of: type) else { return }
            computed = arithmetic
        }
        var condition: StatementCondition?
        if let written = statement.condition {
            guard let resolved = resolveCondition(written) else { return }
            condition = resolved
        }
        computes.append(Compute(field: field.name, value: computed, condition: condition, range: statement.range))
    }

    /// `left + right`, `left * right`: two numbers of one type, the field's (L121); a literal takes the other side's.
    private mutating func resolveArithmetic(
        _ left: ComputedValueSyntax, _ op: ArithmeticOperator, _ right: ComputedValueSyntax, at range: SourceRange,
        into field: String, of type: ScalarType
    ) -> Compute.Value? {
        func operand(_ syntax: ComputedValueSyntax) -> ResolvedOperand? {
            switch syntax {
            case .reference(let reference):
                guard let resolved = references.resolve(reference, diagnostics: &diagnostics) else { return nil }
                guard case .scalar(let scalar) = resolved.type else { return nil }
                return ResolvedOperand(operand: .value(resolved.source), type: scalar, mayBeAbsent: resolved.mayBeAbsent)
            case .literal(let literal):
                guard let value = Self.literal(literal), Self.literal(value, fits: type) else { return nil }
                return ResolvedOperand(operand: .literal(value), type: type, mayBeAbsent: false)
            case .call, .arithmetic:
                return nil
            }
        }
        let reported = diagnostics.count
        let resolvedLeft = operand(left), resolvedRight = operand(right)
        guard Self.isNumber(type), let resolvedLeft, let resolvedRight, resolvedLeft.type == type, resolvedRight.type == type
        else {
            // An unknown name is reported already; a wrong type is reported here.
            if diagnostics.count == reported {
                diagnostics.append(.error(
                    .statementTypeMismatch, "'\(op.rawValue)' in 'compute body.\(field)' needs two numbers of its type, '\(type.schemaSpelling)'",
                    at: range, hint: "compute it with a function: compute body.\(field) = combine(…)"
                ))
            }
            return nil
        }
        return .arithmetic(resolvedLeft.operand, op, resolvedRight.operand)
    }

    private static func isNumber(_ type: ScalarType) -> Bool {
        switch type {
        case .int, .int32, .double, .decimal: true
        default: false
        }
    }

    // MARK: Comparison rules

    /// `rule left op right (on field)? "message" (when condition)?`: skipped when either side is absent.
    mutating func resolveCompareRule(_ statement: CompareRuleStatement) {
        guard case .compare(let left, let op, _, let right) = statement.comparison.kind,
            left.kind != .null, right.kind != .null
        else {
            diagnostics.append(.error(
                .invalidStatementCondition, "a rule compares two values: left op right", at: statement.comparison.range,
                hint: "write rule body.quantity <= product.stock \"not enough stock\"; a presence test belongs in 'when'"
            ))
            return
        }
        guard let message = statement.message,
            let comparison = resolveComparison(left, op, right, allowingAbsent: true, range: statement.comparison.range)
        else { return }
        var condition: StatementCondition?
        if let written = statement.condition {
            guard let resolved = resolveCondition(written) else { return }
            condition = resolved
        }
        let sources = [comparison.left, comparison.right].compactMap { if case .value(let source) = $0 { source } else { nil } }
        var field = sources.lazy.compactMap { if case .bodyField(let name) = $0 { name } else { nil } }.first
            ?? sources.first.map(Self.reportedName) ?? "body"
        if let named = statement.field {
            let candidates = (references.signature.body?.fields.map(\.name) ?? []) + references.signature.parameters.map(\.name)
            guard candidates.contains(named.name) else {
                diagnostics.append(.error(
                    .unknownBodyField, "'\(named.name)' is neither a body field nor a parameter of \(owner)", at: named.range,
                    hint: Suggestions.didYouMean(named.name, among: candidates)
                ))
                return
            }
            field = named.name
        }
        rules.append(.comparison(comparison, field: field, message: message.value, condition: condition, range: statement.range))
    }

    private static func reportedName(_ source: ValueSource) -> String {
        switch source {
        case .parameter(let name), .bodyField(let name), .flag(let name): name
        case .rowField(_, let field): field
        }
    }

    // MARK: Conditions

    /// `when …`: presence tests (`body.note != null`), comparisons of values that are always there, Bool values,
    /// `!`, `&&`, `||`. Nil after reporting a problem.
    mutating func resolveCondition(_ expression: RuleExpressionSyntax) -> StatementCondition? {
        switch expression.kind {
        case .any(let terms):
            let resolved = terms.compactMap { resolveCondition($0) }
            return resolved.count == terms.count ? .any(resolved) : nil
        case .all(let terms):
            let resolved = terms.compactMap { resolveCondition($0) }
            return resolved.count == terms.count ? .all(resolved) : nil
        case .not(let inner):
            return resolveCondition(inner).map { .not($0) }
        case .compare(let left, let op, _, let right) where left.kind == .null || right.kind == .null:
            let value = left.kind == .null ? right : left
            guard op == .equal || op == .notEqual else {
                diagnostics.append(.error(
                    .invalidStatementCondition, "null is compared only with == and !=", at: expression.range,
                    hint: "write \(value.pathText ?? "body.field") != null"
                ))
                return nil
            }
            guard let resolved = resolveOperand(value) else { return nil }
            guard case .value(let source) = resolved.operand, resolved.mayBeAbsent else {
                diagnostics.append(.error(
                    .invalidStatementCondition, "'\(value.pathText ?? "this value")' is always there, so this is decided in advance",
                    at: expression.range, hint: "test a field that may be absent: optional, or @patch"
                ))
                return nil
            }
            return op == .notEqual ? .present(source) : .not(.present(source))
        case .compare(let left, let op, _, let right):
            return resolveComparison(left, op, right, allowingAbsent: false, range: expression.range).map { .compare($0) }
        case .oneOf:
            diagnostics.append(.error(
                .invalidStatementCondition, "'in [...]' is not supported in a use case's condition", at: expression.range,
                hint: "write a == x || a == y"
            ))
            return nil
        case .operand(let operand):
            if case .group(let inner) = operand.kind { return resolveCondition(inner) }
            guard let resolved = resolveOperand(operand) else { return nil }
            guard case .value(let source) = resolved.operand, resolved.type == .bool, !resolved.mayBeAbsent else {
                diagnostics.append(.error(
                    .invalidStatementCondition, "'\(operand.pathText ?? "this value")' is not true or false", at: operand.range,
                    hint: "compare it: \(operand.pathText ?? "value") == …, or test it: \(operand.pathText ?? "value") != null"
                ))
                return nil
            }
            return .holds(source)
        }
    }

    /// Both sides of one kind (L121); `<`, `<=`, `>`, `>=` on numbers, text and dates. In a `when`, a side that may be
    /// absent needs a presence test of its own first (L123); a comparison rule is skipped when one is absent.
    private mutating func resolveComparison(
        _ left: RuleOperandSyntax, _ op: RuleOperatorSyntax, _ right: RuleOperandSyntax, allowingAbsent: Bool,
        range: SourceRange
    ) -> ValueComparison? {
        // A bare name that is no value, beside a value of an enum, is a case of that enum (`body.status == paid`).
        let resolvedLeft: ResolvedOperand?, resolvedRight: ResolvedOperand?
        if bareName(left) != nil, bareName(right) == nil {
            resolvedRight = resolveOperand(right)
            resolvedLeft = resolvedRight.map { resolveEnumCase(left, beside: $0) } ?? resolveOperand(left)
        } else {
            resolvedLeft = resolveOperand(left)
            resolvedRight = resolvedLeft.map { resolveEnumCase(right, beside: $0) } ?? resolveOperand(right)
        }
        guard let resolvedLeft, let resolvedRight else { return nil }
        if !allowingAbsent, let absent = [(left, resolvedLeft), (right, resolvedRight)].first(where: { $0.1.mayBeAbsent }) {
            diagnostics.append(.error(
                .invalidStatementCondition, "'\(absent.0.pathText ?? "")' may be absent, so a condition cannot compare it",
                at: absent.0.range, hint: "compare it in a rule (skipped when it is absent): rule \(absent.0.pathText ?? "value") … \"message\""
            ))
            return nil
        }
        let comparison: RuleComparison = switch op {
        case .equal: .eq
        case .notEqual: .ne
        case .less: .lt
        case .lessOrEqual: .lte
        case .greater: .gt
        case .greaterOrEqual: .gte
        }
        let spelling = { (operand: RuleOperandSyntax, resolved: ResolvedOperand) in
            "'\(operand.pathText ?? "the literal")' is '\(resolved.type.schemaSpelling)'"
        }
        guard Self.comparable(resolvedLeft, resolvedRight) else {
            diagnostics.append(.error(
                .statementTypeMismatch, "\(spelling(left, resolvedLeft)), \(spelling(right, resolvedRight)): they cannot be compared",
                at: range, hint: "compare values of one type"
            ))
            return nil
        }
        if comparison != .eq && comparison != .ne && !Self.isOrdered(resolvedLeft.type) {
            diagnostics.append(.error(
                .statementTypeMismatch, "'\(op.rawValue)' needs numbers, text or dates, and \(spelling(left, resolvedLeft))",
                at: range, hint: "use == or !="
            ))
            return nil
        }
        return ValueComparison(resolvedLeft.operand, comparison, resolvedRight.operand)
    }

    /// Whether `name` is a value of the use case: a parameter, a loaded row, an `exists` name, `body`.
    private func isValueName(_ name: String) -> Bool {
        name == "body" || references.rows[name] != nil || references.flags.contains(name)
            || references.signature.parameters.contains { $0.name == name }
    }

    /// A single name that names no value of the use case: perhaps an enum case.
    private func bareName(_ operand: RuleOperandSyntax) -> Identifier? {
        guard case .path(let names) = operand.kind, names.count == 1, !isValueName(names[0].name) else { return nil }
        return names[0]
    }

    /// `paid` beside a value of `OrderStatus`: the case, or nil reported when the enum has no such case. Not an enum
    /// case at all (not a bare name, or the other side no enum): the operand resolved as any other.
    private mutating func resolveEnumCase(_ operand: RuleOperandSyntax, beside other: ResolvedOperand) -> ResolvedOperand? {
        guard let name = bareName(operand), case .value = other.operand, case .enumeration(let enumName) = other.type else {
            return resolveOperand(operand)
        }
        guard enumCase(named: ValueReference(base: name, member: nil, range: name.range), of: other.type) != nil else {
            diagnostics.append(.error(
                .statementTypeMismatch, "'\(name.name)' is not a case of '\(enumName)'", at: name.range,
                hint: Suggestions.didYouMean(name.name, among: enums[enumName]?.cases ?? [])
            ))
            return nil
        }
        return ResolvedOperand(operand: .literal(.enumCase(name.name)), type: other.type, mayBeAbsent: false)
    }

    /// The case `reference` names when it is a bare name of a case of `type`, an enum.
    private func enumCase(named reference: ValueReference, of type: ScalarType) -> String? {
        guard reference.member == nil, !isValueName(reference.base.name), case .enumeration(let name) = type,
            enums[name]?.cases.contains(reference.base.name) == true
        else { return nil }
        return reference.base.name
    }

    struct ResolvedOperand {
        var operand: StatementOperand
        var type: ScalarType
        var mayBeAbsent: Bool
        var isLiteral: Bool { if case .literal = operand { true } else { false } }
    }

    /// A value (`body.quantity`, `product.stock`, `userId`, an `exists` name) or a literal.
    private mutating func resolveOperand(_ operand: RuleOperandSyntax) -> ResolvedOperand? {
        switch operand.kind {
        case .literal(let literal):
            // A literal as written is never an enum case: a bare name is read as a path.
            let resolved = Self.literal(literal)
            let type: ScalarType? = switch resolved {
            case .int: .int
            case .double: .double
            case .string: .text
            case .bool: .bool
            case .enumCase, nil: nil
            }
            guard let resolved, let type else { return nil }
            return ResolvedOperand(operand: .literal(resolved), type: type, mayBeAbsent: false)
        case .path(let names) where names.count <= 2:
            let reference = ValueReference(base: names[0], member: names.count == 2 ? names[1] : nil, range: operand.range)
            guard let resolved = references.resolve(reference, diagnostics: &diagnostics) else { return nil }
            guard case .scalar(let type) = resolved.type else {
                diagnostics.append(.error(
                    .statementTypeMismatch, "'\(reference.text)' is '\(resolved.type.schemaSpelling)', which cannot be compared",
                    at: operand.range
                ))
                return nil
            }
            return ResolvedOperand(operand: .value(resolved.source), type: type, mayBeAbsent: resolved.mayBeAbsent)
        default:
            diagnostics.append(.error(
                .invalidStatementCondition, "expected a parameter, a body field, a loaded row's field or a literal",
                at: operand.range, hint: "write body.field, row.field, a parameter, or a number, string, true or false"
            ))
            return nil
        }
    }

    /// Values of one kind: the same scalar (text of any length), or a literal of the other side's kind.
    private static func comparable(_ left: ResolvedOperand, _ right: ResolvedOperand) -> Bool {
        switch (left.operand, right.operand) {
        case (.literal(let literal), .value): return Self.literal(literal, fits: right.type)
        case (.value, .literal(let literal)): return Self.literal(literal, fits: left.type)
        case (.literal, .literal): return false
        case (.value, .value): return left.type.accepts(right.type) && isEquatable(left.type)
        }
    }

    private static func isEquatable(_ type: ScalarType) -> Bool {
        switch type {
        case .json, .array: false
        default: true
        }
    }

    private static func isOrdered(_ type: ScalarType) -> Bool {
        switch type {
        case .int, .int32, .double, .decimal, .string, .text, .date, .dateTime: true
        default: false
        }
    }

    static func literal(_ literal: Literal) -> StatementLiteral? {
        switch literal.value {
        case .integer(let value): .int(value)
        case .decimal(let value): .double(value)
        case .string(let value): .string(value)
        case .bool(let value): .bool(value)
        case .identifier: nil
        }
    }

    /// Whether a literal can stand where `type` is expected (an integer for any number, a decimal for a fractional one).
    static func literal(_ literal: StatementLiteral, fits type: ScalarType) -> Bool {
        switch (literal, type) {
        case (.int, .int), (.int, .int32), (.int, .double), (.int, .decimal): true
        case (.double, .double), (.double, .decimal): true
        case (.string, .string), (.string, .text): true
        case (.bool, .bool): true
        case (.enumCase, .enumeration): true
        default: false
        }
    }
}
