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
        var parent: Identifier?
        if current.isIdentifier("under") && !current.isAtStartOfLine {
            advance()
            if current.kind == .identifier && !current.isAtStartOfLine {
                parent = consumeIdentifier()
            } else {
                expected("a parent model after 'under'", hint: "write under User")
            }
        }
        var items: [ResourceItem] = []
        parseBody(of: "resource '\(model.name)'", openingExpected: "'{' after resource path") { parser in
            if let item = parser.parseResourceItem(of: model.name) { items.append(item) }
        }
        return ResourceDeclaration(
            doc: keyword.leadingDoc, model: model, path: path, parent: parent, items: items,
            range: range(from: keyword.range.start)
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

    /// `crud op, …`, `pagination mode`, `tags "…"` or a route; anything else is reported and skipped.
    private mutating func parseResourceItem(of model: String) -> ResourceItem? {
        let expectedMembers = "expected " + Keywords.resourceMembers.joined(separator: ", ") + " or a route"
        guard current.kind == .identifier else {
            error(.unknownMember, "unexpected \(current.quoted) in resource '\(model)'; \(expectedMembers)")
            skipToNextMember()
            return nil
        }
        if current.isIdentifier("crud") { return .crud(parseCRUD()) }
        if current.isIdentifier("pagination") { return .pagination(parsePagination()) }
        if current.isIdentifier("tags") { return .tags(parseTags()) }
        if current.isIdentifier("deleteStatus") { return .deleteStatus(parseDeleteStatus()) }
        if let kind = FieldListItem.Kind(rawValue: current.text) { return .fieldList(parseFieldList(kind)) }
        if isAtRoute { return .route(parseRoute()) }
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

    /// `filterable a, b`, `sortable a, b`, `profiles a, b`: names on the keyword's line; the resolver checks them.
    private mutating func parseFieldList(_ kind: FieldListItem.Kind) -> FieldListItem {
        let keyword = consumeIdentifier()
        var names: [Identifier] = []
        while true {
            guard current.kind == .identifier && !current.isAtStartOfLine else {
                let what = kind == .profiles ? "a profile name" : "a field name"
                expected(names.isEmpty ? "\(what) after '\(kind.rawValue)'" : "\(what) after ','")
                break
            }
            names.append(consumeIdentifier())
            guard current.kind == .comma else { break }
            advance()
        }
        return FieldListItem(kind: kind, keyword: keyword, names: names, range: range(from: keyword.range.start))
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
        var fixed: Identifier?
        var limit: Identifier?, pageSize: Literal?
        // `fixed` and `limit N`, in either order, on the clause's line; a route's other options may follow.
        while mode != nil && current.kind == .identifier && !current.isAtStartOfLine {
            if current.isIdentifier("fixed") && fixed == nil {
                fixed = consumeIdentifier()
            } else if current.isIdentifier("limit") && limit == nil {
                limit = consumeIdentifier()
                if current.kind == .integer && !current.isAtStartOfLine {
                    pageSize = statementLiteral()
                    advance()
                } else {
                    expected("a page size after 'limit'", hint: "write limit 20: the page size when a request names none")
                }
            } else if Keywords.routeOptions.contains(current.text) {
                break
            } else {
                error(
                    .unknownMember, "unknown pagination option '\(current.text)'; expected fixed or limit",
                    hint: Suggestions.didYouMean(current.text, among: Keywords.paginationOptions)
                        ?? "a request may pick the other mode unless the mode is 'fixed'; 'limit 20' sets the page size"
                )
                advance()
            }
        }
        return PaginationItem(
            keyword: keyword, mode: mode, fixed: fixed, limit: limit, pageSize: pageSize, range: range(from: keyword.range.start))
    }

    /// `deleteStatus 204`; the value is checked by the resolver.
    private mutating func parseDeleteStatus() -> DeleteStatusItem {
        let keyword = consumeIdentifier()
        var status: Literal?
        if current.kind == .integer && !current.isAtStartOfLine {
            status = statementLiteral()
            advance()
        } else {
            expected("a status after 'deleteStatus'", hint: "write deleteStatus 204 (no body) or deleteStatus 200 (the JSON true)")
        }
        return DeleteStatusItem(keyword: keyword, status: status, range: range(from: keyword.range.start))
    }

    /// `tags "a", "b"`.
    private mutating func parseTags() -> TagsItem {
        let keyword = consumeIdentifier()
        var tags: [StringLiteral] = []
        while true {
            guard current.kind == .string && !current.isAtStartOfLine else {
                expected(tags.isEmpty ? "a tag string after 'tags'" : "a tag string after ','")
                break
            }
            let token = advance()
            if !token.isUnterminated { tags.append(StringLiteral(value: token.value, range: token.range)) }
            guard current.kind == .comma else { break }
            advance()
        }
        return TagsItem(keyword: keyword, tags: tags, range: range(from: keyword.range.start))
    }

    /// A route starts with a method: a word followed by a path string, or an all-uppercase word (`GET`, `FETCH`).
    private var isAtRoute: Bool {
        guard current.kind == .identifier else { return false }
        if peek(1).kind == .string && !peek(1).isAtStartOfLine { return true }
        return current.text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    /// `METHOD "/path" -> UseCase (status N | profile name | pagination mode fixed? (limit N)? | "summary" | cache ttl 30s)*`, all
    /// on one line (the formatter keeps what is written; `cache` goes last by convention).
    private mutating func parseRoute() -> RouteItem {
        let doc = current.leadingDoc
        let method = consumeIdentifier()
        var path: StringLiteral?, useCase: Identifier?, status: Literal?, profile: Identifier?, summary: StringLiteral?
        var pagination: PaginationItem?
        var cache: CacheClause?
        let errorsBefore = diagnostics.count
        func make(_ parser: Parser) -> RouteItem {
            RouteItem(
                doc: doc, method: method, path: path, useCase: useCase, status: status, profile: profile, summary: summary,
                pagination: pagination, cache: cache, range: parser.range(from: method.range.start)
            )
        }
        guard current.kind == .string && !current.isAtStartOfLine else {
            expected("a path string after '\(method.name)'", hint: "write \(method.name) \"/path\" -> UseCase")
            skipRestOfLine(reporting: false)
            return make(self)
        }
        let pathToken = advance()
        if !pathToken.isUnterminated { path = StringLiteral(value: pathToken.value, range: pathToken.range) }
        guard current.kind == .arrow else {
            expected("'->' and a use case after the path")
            skipRestOfLine(reporting: false)
            return make(self)
        }
        advance()
        guard current.kind == .identifier && !current.isAtStartOfLine else {
            expected("a use case name after '->'")
            skipRestOfLine(reporting: false)
            return make(self)
        }
        useCase = consumeIdentifier()
        while !isAtEnd && !current.isAtStartOfLine && current.kind != .rightBrace {
            if current.isIdentifier("status") && peek(1).kind == .integer && !peek(1).isAtStartOfLine {
                advance()
                status = statementLiteral()
                advance()
            } else if current.isIdentifier("profile") && peek(1).kind == .identifier && !peek(1).isAtStartOfLine {
                advance()
                profile = consumeIdentifier()
            } else if current.isIdentifier("pagination") {
                pagination = parsePagination()
            } else if current.isIdentifier("cache") {
                cache = parseCacheClause()
            } else if current.kind == .string {
                let token = advance()
                if !token.isUnterminated { summary = StringLiteral(value: token.value, range: token.range) }
            } else {
                let hint = current.kind == .identifier
                    ? Suggestions.didYouMean(current.text, among: Keywords.routeOptions) : nil
                error(
                    .unknownMember,
                    "unexpected \(current.quoted) in route; expected status, profile, pagination, cache or a summary string",
                    hint: hint
                )
                skipRestOfLine(reporting: false)
            }
        }
        _ = errorsBefore
        return make(self)
    }
}
