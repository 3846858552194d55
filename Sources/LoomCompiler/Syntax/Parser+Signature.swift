extension Parser {
    /// `( name: Type, … )`, the current token being `(`; an empty list is `()`.
    mutating func parseParameters(of owner: String) -> [ParameterDeclaration] {
        advance()
        var parameters: [ParameterDeclaration] = []
        if current.kind == .rightParen {
            advance()
            return parameters
        }
        while true {
            guard current.kind == .identifier else {
                expected("a parameter name in \(owner)")
                skipToClosingParenthesis()
                return parameters
            }
            let name = consumeIdentifier()
            var type: TypeReference?
            if current.kind == .colon {
                advance()
                type = parseValueType(after: "':'")
            } else {
                expected("':' after parameter '\(name.name)'", hint: "write \(name.name): Int")
            }
            parameters.append(ParameterDeclaration(name: name, type: type, range: range(from: name.range.start)))
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightParen {
                advance()
                return parameters
            } else {
                expected("',' or ')'")
                skipToClosingParenthesis()
                return parameters
            }
        }
    }

    /// `-> Type`, when the current token is `->`.
    mutating func parseResult() -> TypeReference? {
        guard current.kind == .arrow else { return nil }
        advance()
        return parseValueType(after: "'->'")
    }

    /// `Name`, `Name(arguments)` or `[` one of those `]`, then `?` when optional; the same spelling as a field's
    /// type. Nil (reported) when no type follows.
    mutating func parseValueType(after what: String) -> TypeReference? {
        let start = current.range.start
        let isList = current.kind == .leftBracket
        if isList { advance() }
        guard current.kind == .identifier && !current.isAtStartOfLine else {
            expected(isList ? "an element type after '['" : "a type after \(what)")
            return nil
        }
        let name = consumeIdentifier()
        let arguments = current.kind == .leftParen ? parseArgumentList() : nil
        var listBrackets: SourceRange?
        if isList {
            if current.kind == .rightBracket {
                advance()
            } else {
                expected("']' after the element type")
            }
            listBrackets = range(from: start)
        }
        let optionalMark = current.kind == .question ? advance().range : nil
        return TypeReference(
            name: name, arguments: arguments, optionalMark: optionalMark, listBrackets: listBrackets,
            range: range(from: start)
        )
    }
}
