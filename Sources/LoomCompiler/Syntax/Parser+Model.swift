extension Parser {
    /// `model Name option* { field* }`, the current token being `model`.
    mutating func parseModel() -> ModelDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("a model name after 'model'")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        let options = parseModelOptions(of: name.name)
        var fields: [FieldDeclaration] = []
        var attributes: [ModelAttribute] = []
        var profiles: [ProfileDeclaration] = []
        var rules: [AccessRuleSyntax] = []
        var caches: [CacheClause] = []
        parseBody(
            of: "model '\(name.name)'",
            openingExpected: options.isEmpty ? "'{' after model name" : "'{' after model options"
        ) { parser in
            if parser.isAtModelAttribute {
                attributes.append(parser.parseModelAttribute())
            } else if parser.isAtProfileStart {
                profiles.append(parser.parseProfile())
            } else if parser.isAtRuleStart {
                if let rule = parser.parseRule() { rules.append(rule) }
            } else if parser.isAtCacheClause {
                caches.append(parser.parseCacheClause())
                parser.skipRestOfLine()
            } else if parser.isAtMisspeltCacheClause {
                parser.error(
                    .unknownMember, "unknown member '\(parser.current.text)' in model '\(name.name)'",
                    hint: Suggestions.didYouMean(parser.current.text, among: ["cache"]) ?? "write cache ttl 60s"
                )
                parser.skipToNextMember()
            } else if parser.current.kind == .identifier {
                fields.append(parser.parseField())
            } else {
                parser.error(
                    .unknownMember, "unexpected \(parser.current.quoted) in model '\(name.name)'; expected a field"
                )
                parser.skipToNextMember()
            }
        }
        return ModelDeclaration(
            doc: keyword.leadingDoc, name: name, options: options, fields: fields, attributes: attributes,
            profiles: profiles, rules: rules, caches: caches, range: range(from: keyword.range.start)
        )
    }

    /// `@@`: two `@` tokens (whitespace between them is tolerated).
    var isAtModelAttribute: Bool { current.kind == .at && peek(1).kind == .at }

    /// `@@name([field, …])`; also `@@name(field, …)`. The current token is the first `@`.
    mutating func parseModelAttribute() -> ModelAttribute {
        let at = advance()
        advance()
        guard current.kind == .identifier else {
            expected("an attribute name after '@@'")
            return ModelAttribute(
                name: Identifier(name: "", range: range(from: at.range.start)), fields: nil, argumentsRange: nil,
                range: range(from: at.range.start)
            )
        }
        let name = consumeIdentifier()
        guard current.kind == .leftParen else {
            return ModelAttribute(name: name, fields: nil, argumentsRange: nil, range: range(from: at.range.start))
        }
        let open = advance()
        var fields: [Identifier] = []
        let hasBracket = current.kind == .leftBracket
        if hasBracket { advance() }
        let closing: TokenKind = hasBracket ? .rightBracket : .rightParen
        while current.kind != closing {
            guard current.kind == .identifier else {
                expected("a field name")
                skipToClosingParenthesis()
                return ModelAttribute(
                    name: name, fields: fields, argumentsRange: range(from: open.range.start), range: range(from: at.range.start)
                )
            }
            fields.append(consumeIdentifier())
            if current.kind == .comma {
                advance()
            } else if current.kind != closing {
                expected(hasBracket ? "',' or ']'" : "',' or ')'")
                skipToClosingParenthesis()
                return ModelAttribute(
                    name: name, fields: fields, argumentsRange: range(from: open.range.start), range: range(from: at.range.start)
                )
            }
        }
        advance()
        if hasBracket {
            if current.kind == .rightParen { advance() } else { expected("')' after ']'") }
        }
        return ModelAttribute(
            name: name, fields: fields, argumentsRange: range(from: open.range.start), range: range(from: at.range.start)
        )
    }

    /// `timestamps` and `table "name"`, in any order. A word at the start of a line that is not an option is taken
    /// as the first field of a body whose `{` is missing.
    private mutating func parseModelOptions(of model: String) -> [ModelOption] {
        var options: [ModelOption] = []
        while current.kind == .identifier {
            if current.isIdentifier("timestamps") {
                let keyword = consumeIdentifier()
                options.append(ModelOption(kind: .timestamps, keyword: keyword, range: keyword.range))
            } else if current.isIdentifier("table") {
                let keyword = consumeIdentifier()
                if current.kind == .string {
                    let table = advance()
                    let literal = StringLiteral(value: table.value, range: table.range)
                    if !table.isUnterminated {
                        let optionRange = range(from: keyword.range.start)
                        options.append(ModelOption(kind: .table(literal), keyword: keyword, range: optionRange))
                    }
                } else {
                    let suggested = current.kind == .identifier ? current.text : Naming.tableName(forModel: model)
                    expected("a table name string after 'table'", hint: "write table \"\(suggested)\"")
                    if current.kind == .identifier && !current.isAtStartOfLine { advance() }
                }
            } else if current.isAtStartOfLine {
                break
            } else {
                let hint = Suggestions.didYouMean(current.text, among: Keywords.modelOptions)
                error(.unknownMember, "unknown model option '\(current.text)'; expected timestamps or table", hint: hint)
                advance()
            }
        }
        return options
    }

    /// `name Type attribute*`, the current token being the name.
    mutating func parseField() -> FieldDeclaration {
        let doc = current.leadingDoc
        let name = consumeIdentifier()
        var type: TypeReference?
        if current.kind == .identifier || current.kind == .leftBracket {
            type = parseType()
        } else {
            expected("a type after field '\(name.name)'")
            if current.kind != .at && current.kind != .rightBrace && !current.isAtStartOfLine && !isAtEnd {
                skipToNextMember()
            }
        }
        var through: Identifier?
        if current.isIdentifier("through") && !current.isAtStartOfLine {
            advance()
            if current.kind == .identifier && !current.isAtStartOfLine {
                through = consumeIdentifier()
            } else {
                expected("the join model after 'through'", hint: "write \(name.name) [Tag] through ProductTag")
            }
        }
        var attributes: [Attribute] = []
        // `@@` starts a model attribute, not one of this field's.
        while current.kind == .at && !isAtModelAttribute {
            if let attribute = parseAttribute() { attributes.append(attribute) }
        }
        return FieldDeclaration(
            doc: doc, name: name, type: type, attributes: attributes, through: through, range: range(from: name.range.start))
    }

    /// `Name`, `Name(arguments)` or a list of either, `[Name]`; each may be followed by `?`. The current token is the
    /// name or `[`. Nested lists and optional elements are reported (L054) and read as a plain list; nil when there
    /// is no element type.
    private mutating func parseType() -> TypeReference? {
        let start = current.range.start
        var depth = 0
        while current.kind == .leftBracket {
            if depth == 1 {
                error(.invalidListType, "lists cannot be nested", hint: "use JSON for nested data")
            }
            advance()
            depth += 1
        }
        guard current.kind == .identifier else {
            expected("an element type after '['")
            skipToClosingParenthesis()
            return nil
        }
        let name = consumeIdentifier()
        let arguments = current.kind == .leftParen ? parseArgumentList() : nil
        var listBrackets: SourceRange?
        if depth > 0 {
            if current.kind == .question {
                error(
                    .invalidListType, "list elements cannot be optional",
                    hint: "make the list optional instead: '[\(name.name)]?'"
                )
                advance()
            }
            for _ in 0..<depth {
                guard current.kind == .rightBracket else {
                    expected("']' after the element type")
                    break
                }
                advance()
            }
            listBrackets = range(from: start)
        }
        let optionalMark = current.kind == .question ? advance().range : nil
        return TypeReference(
            name: name, arguments: arguments, optionalMark: optionalMark, listBrackets: listBrackets,
            range: range(from: start)
        )
    }

    /// `@name` or `@name(arguments)`, the current token being `@`.
    private mutating func parseAttribute() -> Attribute? {
        let at = advance()
        guard current.kind == .identifier else {
            expected("an attribute name after '@'")
            return nil
        }
        let name = consumeIdentifier()
        let arguments = current.kind == .leftParen ? parseArgumentList() : nil
        return Attribute(name: name, arguments: arguments, range: range(from: at.range.start))
    }
}
