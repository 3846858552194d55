/// The pieces of a use case's `rule` comparisons and `when` conditions as Swift expressions. The checker has made
/// sure every value a condition reads is there (or tested for presence), so they compile without unwrapping.
enum StatementSwift {
    static func literal(_ literal: StatementLiteral) -> String {
        switch literal {
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): SwiftNames.stringLiteral(value)
        case .bool(let value): String(value)
        case .enumCase(let name): "." + name
        }
    }

    /// A side that is always there: a literal, or a value's expression.
    static func operand(_ operand: StatementOperand, useCase: UseCase, schema: ResolvedSchema) -> String {
        switch operand {
        case .literal(let value): literal(value)
        case .value(let source): StatementValue(source, useCase: useCase, schema: schema, binding: "value").expression
        }
    }

    /// `body.note != nil && product.stock > 0`; `&&` and `||` are parenthesised inside one another.
    static func condition(_ condition: StatementCondition, useCase: UseCase, schema: ResolvedSchema) -> String {
        let nested = { (inner: StatementCondition) -> String in
            let text = Self.condition(inner, useCase: useCase, schema: schema)
            switch inner {
            case .all, .any: return "(\(text))"
            default: return text
            }
        }
        switch condition {
        case .all(let terms): return terms.map(nested).joined(separator: " && ")
        case .any(let terms): return terms.map(nested).joined(separator: " || ")
        case .not(let inner):
            if case .present(let source) = inner {
                let presence = StatementValue(source, useCase: useCase, schema: schema, binding: "value").presence ?? "true"
                return presence.hasSuffix(" != nil") ? presence.dropLast(" != nil".count) + " == nil" : "!" + presence
            }
            let text = Self.condition(inner, useCase: useCase, schema: schema)
            if case .holds = inner { return "!" + text }
            return "!(\(text))"
        case .present(let source):
            return StatementValue(source, useCase: useCase, schema: schema, binding: "value").presence ?? "true"
        case .compare(let comparison):
            return [
                operand(comparison.left, useCase: useCase, schema: schema), comparison.comparison.symbol,
                operand(comparison.right, useCase: useCase, schema: schema),
            ].joined(separator: " ")
        case .holds(let source):
            return StatementValue(source, useCase: useCase, schema: schema, binding: "value").expression
        }
    }
}
