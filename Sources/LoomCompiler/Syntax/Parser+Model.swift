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
        parseBody(
            of: "model '\(name.name)'",
            openingExpected: options.isEmpty ? "'{' after model name" : "'{' after model options"
        ) { parser in
            if parser.current.kind == .identifier {
                fields.append(parser.parseField())
            } else {
                parser.error(.unknownMember, "unexpected \(parser.current.quoted) in model '\(name.name)'; expected a field")
                parser.skipToNextMember()
            }
        }
        return ModelDeclaration(
            doc: keyword.leadingDoc, name: name, options: options, fields: fields, range: range(from: keyword.range.start)
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
        if current.kind == .identifier {
            type = parseType()
        } else {
            expected("a type after field '\(name.name)'")
            if current.kind != .at && current.kind != .rightBrace && !current.isAtStartOfLine && !isAtEnd {
                skipToNextMember()
            }
        }
        var attributes: [Attribute] = []
        while current.kind == .at {
            if let attribute = parseAttribute() { attributes.append(attribute) }
        }
        return FieldDeclaration(doc: doc, name: name, type: type, attributes: attributes, range: range(from: name.range.start))
    }

    /// `Name`, `Name(arguments)`, either followed by `?`.
    private mutating func parseType() -> TypeReference {
        let name = consumeIdentifier()
        let arguments = current.kind == .leftParen ? parseArgumentList() : nil
        let optionalMark = current.kind == .question ? advance().range : nil
        return TypeReference(name: name, arguments: arguments, optionalMark: optionalMark, range: range(from: name.range.start))
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
