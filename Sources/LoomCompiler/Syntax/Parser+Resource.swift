extension Parser {
    /// `resource Model at "/path" { item* }`, the current token being `resource`.
    mutating func parseResource() -> ResourceDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier, !current.isIdentifier("at") else {
            expected("a model name after 'resource'")
            skipToNextDeclaration()
            return nil
        }
        let model = consumeIdentifier()
        let path = parseResourcePath(of: model.name)
        var items: [ResourceItem] = []
        parseBody(of: "resource '\(model.name)'", openingExpected: "'{' after resource path") { parser in
            if let item = parser.parseResourceItem(of: model.name) { items.append(item) }
        }
        return ResourceDeclaration(
            doc: keyword.leadingDoc, model: model, path: path, items: items, range: range(from: keyword.range.start)
        )
    }

    /// `at "/path"`; a path written without `at` is reported and accepted.
    private mutating func parseResourcePath(of model: String) -> StringLiteral? {
        let example = "write resource \(model) at \"/\(Naming.tableName(forModel: model).replacing("_", with: "-"))\""
        if current.isIdentifier("at") {
            advance()
            guard current.kind == .string else {
                expected("a path string after 'at'", hint: example)
                return nil
            }
        } else {
            expected("'at' after resource model name", hint: example)
            guard current.kind == .string else { return nil }
        }
        let path = advance()
        return path.isUnterminated ? nil : StringLiteral(value: path.value, range: path.range)
    }

    /// `crud op, …` or `pagination mode`; anything else is reported and skipped.
    private mutating func parseResourceItem(of model: String) -> ResourceItem? {
        let expectedMembers = "expected " + Keywords.resourceMembers.joined(separator: " or ")
        guard current.kind == .identifier else {
            error(.unknownMember, "unexpected \(current.quoted) in resource '\(model)'; \(expectedMembers)")
            skipToNextMember()
            return nil
        }
        if current.isIdentifier("crud") { return .crud(parseCRUD()) }
        if current.isIdentifier("pagination") { return .pagination(parsePagination()) }
        let name = current.text
        let hint: String? =
            if Keywords.crudOperations.contains(name) {
                "separate the operations of 'crud' with commas: crud create, get"
            } else {
                Suggestions.didYouMean(name, among: Keywords.resourceMembers)
            }
        error(.unknownMember, "unknown member '\(name)' in resource '\(model)'; \(expectedMembers)", hint: hint)
        skipToNextMember()
        return nil
    }

    /// `crud` alone or followed by operations. The first word after `crud` is an operation unless it is another
    /// member's keyword, or starts a line without being an operation (then it is most likely a misspelt member).
    private mutating func parseCRUD() -> CRUDItem {
        let keyword = consumeIdentifier()
        var operations: [Identifier] = []
        let startsList =
            current.kind == .identifier && !Keywords.resourceMembers.contains(current.text)
            && (!current.isAtStartOfLine || Keywords.crudOperations.contains(current.text))
        if startsList {
            operations.append(consumeIdentifier())
            while current.kind == .comma {
                advance()
                guard current.kind == .identifier else {
                    expected("a CRUD operation after ','")
                    break
                }
                operations.append(consumeIdentifier())
            }
        }
        return CRUDItem(keyword: keyword, operations: operations, range: range(from: keyword.range.start))
    }

    /// `pagination offset|cursor`; the mode is checked by the resolver.
    private mutating func parsePagination() -> PaginationItem {
        let keyword = consumeIdentifier()
        var mode: Identifier?
        if current.kind == .identifier && !Keywords.resourceMembers.contains(current.text) {
            mode = consumeIdentifier()
        } else {
            expected("'offset' or 'cursor' after 'pagination'")
        }
        return PaginationItem(keyword: keyword, mode: mode, range: range(from: keyword.range.start))
    }
}
