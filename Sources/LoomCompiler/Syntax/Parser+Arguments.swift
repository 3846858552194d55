extension Parser {
    /// `( argument (, argument)* )` or `()`, the current token being `(`, where `argument = (name ':')? literal`.
    /// Which labels mean something is up to the resolver (`message:` on constraints).
    mutating func parseArgumentList() -> ArgumentList {
        let open = advance()
        var arguments: [Literal] = []
        if current.kind == .rightParen {
            advance()
            return ArgumentList(arguments: arguments, range: range(from: open.range.start))
        }
        while true {
            var label: Identifier?
            if current.kind == .identifier && peek(1).kind == .colon {
                label = consumeIdentifier()
                advance()
            }
            guard var literal = parseLiteral() else {
                expected("a value")
                skipToClosingParenthesis()
                break
            }
            literal.label = label
            arguments.append(literal)
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightParen {
                advance()
                break
            } else {
                expected("',' or ')'")
                skipToClosingParenthesis()
                break
            }
        }
        return ArgumentList(arguments: arguments, range: range(from: open.range.start))
    }

    /// An integer, decimal, string, `true`/`false` or a bare name; nil (nothing consumed) for any other token.
    /// A number too large to represent is reported and clamped, so that it causes no second error.
    mutating func parseLiteral() -> Literal? {
        let token = current
        let value: Literal.Value
        switch token.kind {
        case .integer:
            if let integer = Int(token.text) {
                value = .integer(integer)
            } else {
                error(.invalidNumber, "integer '\(token.text)' is too large", hint: "integers are 64-bit")
                value = .integer(token.text.hasPrefix("-") ? Int.min : Int.max)
            }
        case .decimal:
            if let decimal = Double(token.text), decimal.isFinite {
                value = .decimal(decimal)
            } else {
                error(.invalidNumber, "number '\(token.text)' is too large")
                value = .decimal(token.text.hasPrefix("-") ? -Double.greatestFiniteMagnitude : .greatestFiniteMagnitude)
            }
        case .string:
            value = .string(token.value)
        case .identifier where token.text == "true" || token.text == "false":
            value = .bool(token.text == "true")
        case .identifier:
            value = .identifier(token.text)
        default:
            return nil
        }
        advance()
        return Literal(value: value, text: token.text, range: token.range)
    }
}
