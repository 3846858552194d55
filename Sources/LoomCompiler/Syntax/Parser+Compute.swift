extension Parser {
    /// `compute body.field = value (when condition)?`, where the value is a reference, a literal or
    /// `function(reference, …)`.
    mutating func parseCompute(_ keyword: Identifier) -> Statement? {
        guard let target = parseReference() else {
            expected("a body field after 'compute'", hint: "write compute body.slug = slugify(body.name)")
            return nil
        }
        guard current.kind == .equals else {
            expected("'=' after '\(target.text)'", hint: "write compute \(target.text) = value")
            return nil
        }
        advance()
        guard !current.isAtStartOfLine, let value = parseComputedValue() else {
            expected("a value after '='", hint: "a parameter, a body field, a loaded row's field, a literal, or function(values)")
            return nil
        }
        let condition = parseWhen()
        return .compute(ComputeStatement(
            keyword: keyword, target: target, value: value, condition: condition, range: range(from: keyword.range.start)
        ))
    }

    /// An operand, or `operand (* | +) operand`.
    private mutating func parseComputedValue() -> ComputedValueSyntax? {
        guard let left = parseComputedOperand() else { return nil }
        let operators: [TokenKind: ArithmeticOperator] = [.star: .times, .plus: .plus]
        guard let op = operators[current.kind], !current.isAtStartOfLine else { return left }
        let operatorRange = advance().range
        guard !current.isAtStartOfLine, let right = parseComputedOperand() else {
            expected("a value after '\(op.rawValue)'", hint: "write a parameter, a body field, a loaded row's field or a number")
            return nil
        }
        return .arithmetic(left, op, right, operatorRange: operatorRange)
    }

    private mutating func parseComputedOperand() -> ComputedValueSyntax? {
        switch current.kind {
        case .integer, .decimal, .string:
            return parseLiteral().map { .literal($0) }
        case .identifier where (current.isIdentifier("true") || current.isIdentifier("false")) && peek(1).kind != .dot:
            return parseLiteral().map { .literal($0) }
        case .identifier where peek(1).kind == .leftParen:
            let function = consumeIdentifier()
            advance()
            var arguments: [ValueReference] = []
            while current.kind != .rightParen {
                guard let argument = parseReference() else {
                    expected("a parameter or body field")
                    return nil
                }
                arguments.append(argument)
                if current.kind == .comma { advance() } else if current.kind != .rightParen {
                    expected("',' or ')'")
                    return nil
                }
            }
            advance()
            return .call(function: function, arguments: arguments)
        default:
            return parseReference().map { .reference($0) }
        }
    }

    /// `rule left op right (on field)? "message" (when condition)?`.
    mutating func parseCompareRule(_ keyword: Identifier) -> Statement? {
        conditionDepth = 0
        guard let comparison = parseCondition() else { return nil }
        if case .operand(let operand) = comparison.kind, current.kind != .string {
            let written = operand.pathText ?? "the value"
            expected("a constraint such as @notBlank, or a comparison, after '\(written)'",
                     hint: "write rule \(written) @notBlank, or rule \(written) <= other \"message\"")
            return nil
        }
        guard let (field, message) = parseViolation(example: "not enough stock") else { return nil }
        let condition = parseWhen()
        return .compare(CompareRuleStatement(
            keyword: keyword, comparison: comparison, field: field, message: message, condition: condition,
            range: range(from: keyword.range.start)
        ))
    }

    /// `when condition` on the statement's line: nil without it (or when the condition could not be read: reported).
    mutating func parseWhen() -> RuleExpressionSyntax? {
        guard current.isIdentifier("when") && !current.isAtStartOfLine else { return nil }
        advance()
        conditionDepth = 0
        guard !current.isAtStartOfLine else {
            expected("a condition after 'when'", hint: "write when body.note != null")
            return nil
        }
        return parseCondition()
    }
}
