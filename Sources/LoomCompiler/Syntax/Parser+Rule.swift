extension Parser {
    /// `allow` or `deny` followed, on the same line, by a lowercase word (an operation, perhaps misspelt). A field may
    /// still be called `allow`: its type (`allow Bool`) is capitalized.
    var isAtRuleStart: Bool {
        guard current.isIdentifier("allow") || current.isIdentifier("deny") else { return false }
        let next = peek(1)
        return next.kind == .identifier && !next.isAtStartOfLine && next.text.first?.isLowercase == true
    }

    /// `("allow" | "deny") operation ("," operation)* "when" condition`, the current token being the effect. A rule
    /// that cannot be read is reported and skipped to the next member, so the rest of the model still parses.
    mutating func parseRule() -> AccessRuleSyntax? {
        let effect = consumeIdentifier()
        var operations: [RuleOperationSyntax] = []
        repeat {
            if !operations.isEmpty { advance() }  // the comma
            guard current.kind == .identifier, !current.isIdentifier("when"), !current.isAtStartOfLine else {
                expected("an operation after '\(operations.isEmpty ? effect.name : ",")'", hint: "write \(effect.name) read when …")
                recoverFromBadRule()
                return nil
            }
            guard let operation = parseRuleOperation() else {
                recoverFromBadRule()
                return nil
            }
            operations.append(operation)
        } while current.kind == .comma
        guard current.isIdentifier("when") else {
            expected("'when' and a condition after the operations", hint: "write \(effect.name) read when auth != null")
            recoverFromBadRule()
            return nil
        }
        advance()
        conditionDepth = 0
        guard let condition = parseCondition() else {
            recoverFromBadRule()
            return AccessRuleSyntax(effect: effect, operations: operations, condition: nil, range: range(from: effect.range.start))
        }
        return AccessRuleSyntax(
            effect: effect, operations: operations, condition: condition, range: range(from: effect.range.start)
        )
    }

    /// `read` or `update(title, body)`.
    private mutating func parseRuleOperation() -> RuleOperationSyntax? {
        let name = consumeIdentifier()
        guard current.kind == .leftParen else { return RuleOperationSyntax(name: name, fields: nil, range: name.range) }
        advance()
        var fields: [Identifier] = []
        while true {
            guard current.kind == .identifier else {
                expected("a field name")
                return nil
            }
            fields.append(consumeIdentifier())
            if current.kind == .rightParen {
                advance()
                return RuleOperationSyntax(name: name, fields: fields, range: range(from: name.range.start))
            }
            guard current.kind == .comma else {
                expected("',' or ')'")
                return nil
            }
            advance()
        }
    }

    /// Skips what is left of a bad rule, unless the next member already starts.
    private mutating func recoverFromBadRule() {
        if !current.isAtStartOfLine && current.kind != .rightBrace && !isAtEnd { skipToNextMember() }
    }

    // MARK: Conditions

    /// `and ("||" and)*`. Nil after reporting a problem.
    mutating func parseCondition() -> RuleExpressionSyntax? {
        guard let first = parseConjunction() else { return nil }
        var terms = [first]
        while current.kind == .pipePipe {
            advance()
            guard let next = parseConjunction() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : RuleExpressionSyntax(.any(terms), range: range(from: first.range.start))
    }

    /// `unary ("&&" unary)*`.
    private mutating func parseConjunction() -> RuleExpressionSyntax? {
        guard let first = parseUnary() else { return nil }
        var terms = [first]
        while current.kind == .ampersandAmpersand {
            advance()
            guard let next = parseUnary() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : RuleExpressionSyntax(.all(terms), range: range(from: first.range.start))
    }

    /// `"!" unary | comparison`.
    private mutating func parseUnary() -> RuleExpressionSyntax? {
        guard current.kind == .bang else { return parseComparison() }
        let bang = advance()
        guard enterCondition(at: bang.range) else { return nil }
        defer { conditionDepth -= 1 }
        guard let operand = parseUnary() else { return nil }
        return RuleExpressionSyntax(.not(operand), range: range(from: bang.range.start))
    }

    private static let comparisonOperators: [TokenKind: RuleOperatorSyntax] = [
        .equalEqual: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessOrEqual, .greater: .greater,
        .greaterEqual: .greaterOrEqual,
    ]

    /// `operand (op operand | "in" "[" operand ("," operand)* "]")?`.
    private mutating func parseComparison() -> RuleExpressionSyntax? {
        guard let left = parseOperand() else { return nil }
        if let op = Self.comparisonOperators[current.kind] {
            let operatorToken = advance()
            guard let right = parseOperand() else { return nil }
            return RuleExpressionSyntax(
                .compare(left, op, operatorRange: operatorToken.range, right), range: range(from: left.range.start)
            )
        }
        if current.isIdentifier("in") && peek(1).kind == .leftBracket {
            advance()
            advance()
            var options: [RuleOperandSyntax] = []
            while true {
                guard let option = parseOperand() else { return nil }
                options.append(option)
                if current.kind == .rightBracket {
                    advance()
                    break
                }
                guard current.kind == .comma else {
                    expected("',' or ']'")
                    return nil
                }
                advance()
            }
            return RuleExpressionSyntax(.oneOf(left, options), range: range(from: left.range.start))
        }
        return RuleExpressionSyntax(.operand(left), range: left.range)
    }

    /// A path, a literal, `null`, `( condition )` or `exists(relation where condition)`.
    private mutating func parseOperand() -> RuleOperandSyntax? {
        let start = current.range.start
        switch current.kind {
        case .integer, .decimal, .string:
            guard let literal = parseLiteral() else { return nil }
            return RuleOperandSyntax(.literal(literal), range: literal.range)
        case .leftParen:
            let open = advance()
            guard enterCondition(at: open.range) else { return nil }
            defer { conditionDepth -= 1 }
            guard let inner = parseCondition() else { return nil }
            guard current.kind == .rightParen else {
                expected("')' to close the '(' at line \(open.range.start.line), column \(open.range.start.column)")
                return nil
            }
            advance()
            return RuleOperandSyntax(.group(inner), range: range(from: start))
        case .identifier:
            break
        default:
            expected("a value or a condition")
            return nil
        }
        if current.isIdentifier("null") {
            advance()
            return RuleOperandSyntax(.null, range: range(from: start))
        }
        if current.isIdentifier("true") || current.isIdentifier("false") {
            guard let literal = parseLiteral() else { return nil }
            return RuleOperandSyntax(.literal(literal), range: literal.range)
        }
        if current.isIdentifier("exists") && peek(1).kind == .leftParen {
            return parseExists()
        }
        var names = [consumeIdentifier()]
        while current.kind == .dot {
            advance()
            guard current.kind == .identifier else {
                expected("a name after '.'")
                return nil
            }
            names.append(consumeIdentifier())
        }
        return RuleOperandSyntax(.path(names), range: range(from: start))
    }

    /// `exists(relation ("where" condition)?)`, the current token being `exists`.
    private mutating func parseExists() -> RuleOperandSyntax? {
        let keyword = advance()
        let open = advance()
        guard enterCondition(at: open.range) else { return nil }
        defer { conditionDepth -= 1 }
        guard current.kind == .identifier else {
            expected("a relation name after 'exists('", hint: "write exists(comments where authorId == auth.id)")
            return nil
        }
        let relation = consumeIdentifier()
        var condition: RuleExpressionSyntax?
        if current.isIdentifier("where") {
            advance()
            guard let inner = parseCondition() else { return nil }
            condition = inner
        }
        guard current.kind == .rightParen else {
            expected(condition == nil ? "'where' or ')' after the relation" : "')' after the condition of 'exists'")
            return nil
        }
        advance()
        return RuleOperandSyntax(.exists(relation: relation, condition: condition), range: range(from: keyword.range.start))
    }

    /// Counts one level of nesting; false (reported once) past `maxNestingDepth`.
    private mutating func enterCondition(at range: SourceRange) -> Bool {
        conditionDepth += 1
        guard conditionDepth <= Self.maxNestingDepth else {
            conditionDepth -= 1
            error(.nestingTooDeep, "a condition is nested more than \(Self.maxNestingDepth) levels deep", at: range)
            return false
        }
        return true
    }
}
