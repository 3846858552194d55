extension Parser {
    /// `(value)` or `(field: value)`: the row a `require`, `load` or `exists` names, by its key or by a field. Both
    /// parts nil, reported, when they are not there.
    mutating func parseLookup(after model: String) -> (field: Identifier?, value: ValueReference?) {
        guard current.kind == .leftParen else {
            expected("'(' after '\(model)'", hint: "name the key: \(model)(id), or a unique field: \(model)(sku: body.sku)")
            return (nil, nil)
        }
        advance()
        var field: Identifier?
        if current.kind == .identifier && peek(1).kind == .colon {
            field = consumeIdentifier()
            advance()
        }
        guard let value = parseReference() else {
            expected("a parameter or body field")
            return (field, nil)
        }
        if current.kind == .rightParen {
            advance()
        } else {
            expected("')'")
        }
        return (field, value)
    }

    /// `exists name = Model(key)` or `exists name = Model(field: value)`.
    mutating func parseExistsStatement(_ keyword: Identifier) -> Statement? {
        guard let (name, model, lookup) = parseNamedLookup(after: keyword, example: "exists known = Product(sku: body.sku)")
        else { return nil }
        return .exists(ExistsStatement(
            keyword: keyword, name: name, model: model, key: lookup.value, field: lookup.field,
            range: range(from: keyword.range.start)
        ))
    }

    /// `name = Model(lookup)` after `load` or `exists`; nil, reported, when the name, `=` or model is missing.
    mutating func parseNamedLookup(
        after keyword: Identifier, example: String
    ) -> (name: Identifier, model: Identifier, lookup: (field: Identifier?, value: ValueReference?))? {
        guard current.kind == .identifier && !current.isAtStartOfLine else {
            expected("a name after '\(keyword.name)'", hint: "write \(example)")
            return nil
        }
        let name = consumeIdentifier()
        guard current.kind == .equals else {
            expected("'=' after '\(name.name)'", hint: "write \(keyword.name) \(name.name) = Model(key)")
            return nil
        }
        advance()
        guard let model = parseModelName(after: Identifier(name: "=", range: name.range)) else { return nil }
        return (name, model, parseLookup(after: model.name))
    }
}
