extension Parser {
    /// `usecase Name(parameters) (-> Result)? ({ statement* })?`, the current token being `usecase`.
    mutating func parseUseCase() -> UseCaseDeclaration? {
        parseRoutine(kind: "use case", keyword: "usecase", statements: Keywords.useCaseStatements)
    }

    /// `job Name(parameters) (-> Result)? ({ statement* })?`, the current token being `job`.
    mutating func parseJob() -> JobDeclaration? {
        parseRoutine(kind: "job", keyword: "job", statements: Keywords.jobStatements)
    }

    private mutating func parseRoutine(kind: String, keyword: String, statements: [String]) -> RoutineDeclaration? {
        guard let signature = parseSignature(kind: kind, keyword: keyword, statements: statements) else { return nil }
        var routine = RoutineDeclaration(
            doc: signature.doc, name: signature.name, parameters: signature.parameters, result: signature.result,
            statements: signature.statements, range: range(from: signature.start)
        )
        routine.readonly = signature.readonly
        return routine
    }

    private struct Signature {
        var doc: [String]
        var start: SourceLocation
        var name: Identifier
        var parameters: [ParameterDeclaration]
        var result: TypeReference?
        var statements: [Statement]
        var readonly: Identifier?
    }

    /// The shape use cases and jobs share. The body is optional: a use case with nothing to check has none.
    private mutating func parseSignature(kind: String, keyword word: String, statements keywords: [String]) -> Signature? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("a \(kind) name after '\(word)'")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        var parameters: [ParameterDeclaration] = []
        if current.kind == .leftParen {
            parameters = parseParameters(of: "\(kind) '\(name.name)'")
        } else {
            expected("'(' after \(kind) name", hint: "write \(name.name)() when it takes no parameters")
        }
        let result = parseResult()
        let readonly = current.isIdentifier("readonly") && !current.isAtStartOfLine ? consumeIdentifier() : nil
        var statements: [Statement] = []
        if current.kind == .leftBrace {
            parseBody(of: "\(kind) '\(name.name)'", openingExpected: "'{'") { parser in
                if let statement = parser.parseStatement(in: "\(kind) '\(name.name)'", expecting: keywords) {
                    statements.append(statement)
                }
            }
        } else if !current.isAtStartOfLine && !isAtEnd {
            expected("'{' or a new line after the \(kind)'s signature")
            skipToNextDeclaration()
        }
        return Signature(
            doc: keyword.leadingDoc, start: keyword.range.start, name: name, parameters: parameters, result: result,
            statements: statements, readonly: readonly
        )
    }

    /// `callback Name on success|failure of Job`, the current token being `callback`.
    mutating func parseCallback() -> CallbackDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("a callback name after 'callback'")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        let errorsBefore = diagnostics.count
        let example = "write callback \(name.name) on success of SomeJob"
        var event: Identifier?, job: Identifier?, quantifier: Identifier?
        if current.isIdentifier("on") && !current.isAtStartOfLine {
            advance()
            if current.kind == .identifier && !current.isAtStartOfLine && !current.isIdentifier("of") {
                event = consumeIdentifier()
                if current.isIdentifier("of") && !current.isAtStartOfLine {
                    advance()
                    if (current.isIdentifier("all") || current.isIdentifier("any")) && !current.isAtStartOfLine
                        && peek(1).kind == .identifier && !peek(1).isAtStartOfLine
                    {
                        quantifier = consumeIdentifier()
                    }
                    if current.kind == .identifier && !current.isAtStartOfLine {
                        job = consumeIdentifier()
                    } else {
                        expected("a job name after 'of'", hint: example)
                    }
                } else {
                    expected("'of' after '\(event?.name ?? "")'", hint: example)
                }
            } else {
                expected("'success' or 'failure' after 'on'", hint: example)
            }
        } else {
            expected("'on' after callback name", hint: example)
        }
        skipRestOfLine(reporting: diagnostics.count == errorsBefore)
        return CallbackDeclaration(
            doc: keyword.leadingDoc, name: name, event: event, job: job, quantifier: quantifier,
            range: range(from: keyword.range.start)
        )
    }

    // MARK: Statements

    /// One statement; an unknown word is reported with the statements `owner` may hold and skipped.
    private mutating func parseStatement(in owner: String, expecting statements: [String]) -> Statement? {
        guard current.kind == .identifier, Keywords.statements.contains(current.text) else {
            let expected = "expected " + Suggestions.list(statements)
            if current.kind == .identifier {
                let hint = Suggestions.didYouMean(current.text, among: statements)
                error(.unknownMember, "unknown statement '\(current.text)' in \(owner); \(expected)", hint: hint)
            } else {
                error(.unknownMember, "unexpected \(current.quoted) in \(owner); \(expected)")
            }
            skipToNextMember()
            return nil
        }
        let keyword = consumeIdentifier()
        let errorsBefore = diagnostics.count
        let statement: Statement?
        switch keyword.name {
        case "require": statement = parseRequire(keyword)
        case "load": statement = parseLoad(keyword)
        case "exists": statement = parseExistsStatement(keyword)
        case "compute": statement = parseCompute(keyword)
        case "unique": statement = parseUnique(keyword)
        case "rule": statement = parseRuleStatement(keyword)
        case "check": statement = parseCheck(keyword)
        case "invoke", "dispatch", "uses":
            if current.kind == .identifier && !current.isAtStartOfLine {
                var target = ReferenceStatement(keyword: keyword, target: consumeIdentifier(), range: range(from: keyword.range.start))
                // `dispatch Job as caller`
                if keyword.name == "dispatch", current.isIdentifier("as"), !current.isAtStartOfLine {
                    let start = advance().range.start
                    if current.isIdentifier("caller") && !current.isAtStartOfLine {
                        advance()
                        target.asCaller = range(from: start)
                    } else {
                        expected("'caller' after 'as'", hint: "write dispatch \(target.target.name) as caller")
                    }
                    target.range = range(from: keyword.range.start)
                }
                statement = switch keyword.name {
                case "invoke": .invoke(target)
                case "dispatch": .dispatch(target)
                default: .uses(target)
                }
            } else {
                let what = ["invoke": "a use case", "dispatch": "a job", "uses": "a service"][keyword.name] ?? "a name"
                expected("\(what) name after '\(keyword.name)'")
                statement = nil
            }
        default: statement = .option(parseOption(keyword))
        }
        // After a reported error the rest of the line is noise.
        skipRestOfLine(reporting: diagnostics.count == errorsBefore)
        return statement
    }

    /// `require Model(key)` or `require Model(field: value)`.
    private mutating func parseRequire(_ keyword: Identifier) -> Statement? {
        // `require auth …`: a condition on the caller; a model name is UpperCamelCase, so `auth` is never one.
        if current.isIdentifier("auth") && !current.isAtStartOfLine {
            let condition = parseCondition()
            return .requireAuth(RequireAuthStatement(keyword: keyword, condition: condition, range: range(from: keyword.range.start)))
        }
        guard let model = parseModelName(after: keyword) else { return nil }
        let lookup = parseLookup(after: model.name)
        return .require(RequireStatement(
            keyword: keyword, model: model, key: lookup.value, field: lookup.field, range: range(from: keyword.range.start)
        ))
    }

    /// `load name = Model(key)?`, `load name = Model(field: value)? (profile name)?`.
    private mutating func parseLoad(_ keyword: Identifier) -> Statement? {
        guard let (name, model, lookup) = parseNamedLookup(after: keyword, example: "load user = User(userId)") else { return nil }
        let optionalMark = current.kind == .question ? advance().range : nil
        var profile: Identifier?
        if current.isIdentifier("profile") && !current.isAtStartOfLine {
            advance()
            guard current.kind == .identifier && !current.isAtStartOfLine else {
                expected("a profile name after 'profile'", hint: "write load \(name.name) = \(model.name)(key) profile withItems")
                return nil
            }
            profile = consumeIdentifier()
        }
        return .load(LoadStatement(
            keyword: keyword, name: name, model: model, key: lookup.value, field: lookup.field, optionalMark: optionalMark,
            profile: profile, range: range(from: keyword.range.start)
        ))
    }

    /// `unique Model.field(value) "message"?`.
    private mutating func parseUnique(_ keyword: Identifier) -> Statement? {
        guard let model = parseModelName(after: keyword) else { return nil }
        guard current.kind == .dot, peek(1).kind == .identifier else {
            expected("'.' and a field after '\(model.name)'", hint: "write unique \(model.name).field(body.field)")
            return nil
        }
        advance()
        let field = consumeIdentifier()
        let value = parseParenthesisedReference(after: "\(model.name).\(field.name)")
        let message = parseMessage()
        return .unique(UniqueStatement(
            keyword: keyword, model: model, field: field, value: value, message: message,
            range: range(from: keyword.range.start)
        ))
    }

    /// `rule reference @constraint+ (when condition)?`, or `rule comparison (on field)? "message" (when condition)?`.
    private mutating func parseRuleStatement(_ keyword: Identifier) -> Statement? {
        let isConstraintRule = current.kind == .identifier
            && (peek(1).kind == .at || (peek(1).kind == .dot && peek(2).kind == .identifier && peek(3).kind == .at))
        return isConstraintRule || current.isAtStartOfLine ? parseConstraintRule(keyword) : parseCompareRule(keyword)
    }

    /// `rule reference @constraint+ (when condition)?`.
    private mutating func parseConstraintRule(_ keyword: Identifier) -> Statement? {
        guard let target = parseReference() else {
            expected("a field after 'rule'", hint: "write rule body.name @notBlank")
            return nil
        }
        var constraints: [Attribute] = []
        while current.kind == .at && !current.isAtStartOfLine {
            let at = advance()
            guard current.kind == .identifier else {
                expected("a constraint name after '@'")
                return nil
            }
            let name = consumeIdentifier()
            let arguments = current.kind == .leftParen ? parseArgumentList() : nil
            constraints.append(Attribute(name: name, arguments: arguments, range: range(from: at.range.start)))
        }
        if constraints.isEmpty {
            expected("a constraint such as @notBlank after '\(target.text)'")
            return nil
        }
        let condition = parseWhen()
        return .rule(RuleStatement(
            keyword: keyword, target: target, constraints: constraints, condition: condition,
            range: range(from: keyword.range.start)
        ))
    }

    /// `check function(reference, …) (on field)? "message"`.
    private mutating func parseCheck(_ keyword: Identifier) -> Statement? {
        guard current.kind == .identifier && !current.isAtStartOfLine else {
            expected("a function name after 'check'", hint: "write check validSku(body.sku) \"sku is invalid\"")
            return nil
        }
        let function = consumeIdentifier()
        guard current.kind == .leftParen else {
            expected("'(' after '\(function.name)'", hint: "pass the values to check: \(function.name)(body.field)")
            return nil
        }
        advance()
        var arguments: [ValueReference] = []
        while true {
            guard let argument = parseReference() else {
                expected("a parameter or body field")
                return nil
            }
            arguments.append(argument)
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightParen {
                advance()
                break
            } else {
                expected("',' or ')'")
                return nil
            }
        }
        guard let (field, message) = parseViolation(example: "\(function.name) failed") else { return nil }
        var check = CheckStatement(
            keyword: keyword, function: function, arguments: arguments, field: field, message: message,
            range: range(from: keyword.range.start)
        )
        check.condition = parseWhen()
        check.range = range(from: keyword.range.start)
        return .check(check)
    }

    /// `(on field)? "message"`: where a violation is reported and what it says. The message is nil when missing
    /// (reported); the whole is nil when `on` has no field.
    mutating func parseViolation(example: String) -> (field: Identifier?, message: StringLiteral?)? {
        var field: Identifier?
        if current.isIdentifier("on") && !current.isAtStartOfLine {
            advance()
            guard current.kind == .identifier && !current.isAtStartOfLine else {
                expected("a field name after 'on'")
                return nil
            }
            field = consumeIdentifier()
        }
        let message = parseMessage()
        if message == nil {
            expected("a message string", hint: "write the violation's message, e.g. \"\(example)\"")
        }
        return (field, message)
    }

    /// `keyword value*`: the values on the keyword's line, checked by the resolver.
    private mutating func parseOption(_ keyword: Identifier) -> JobOptionStatement {
        var values: [Literal] = []
        while !current.isAtStartOfLine, let literal = statementLiteral() {
            values.append(literal)
            advance()
        }
        return JobOptionStatement(keyword: keyword, values: values, range: range(from: keyword.range.start))
    }

    // MARK: Pieces

    mutating func parseModelName(after keyword: Identifier) -> Identifier? {
        guard current.kind == .identifier && !current.isAtStartOfLine else {
            expected("a model name after '\(keyword.name)'")
            return nil
        }
        return consumeIdentifier()
    }

    /// `(reference)`; nil, reported, when it is not there.
    private mutating func parseParenthesisedReference(after what: String) -> ValueReference? {
        guard current.kind == .leftParen else {
            expected("'(' after '\(what)'", hint: "name the key: \(what)(id)")
            return nil
        }
        advance()
        guard let reference = parseReference() else {
            expected("a parameter or body field")
            return nil
        }
        if current.kind == .rightParen {
            advance()
        } else {
            expected("')'")
        }
        return reference
    }

    /// `name` or `name.member`; nil, nothing consumed, when the current token is not a name on this line.
    mutating func parseReference() -> ValueReference? {
        guard current.kind == .identifier && !current.isAtStartOfLine else { return nil }
        let base = consumeIdentifier()
        var member: Identifier?
        if current.kind == .dot, peek(1).kind == .identifier {
            advance()
            member = consumeIdentifier()
        }
        return ValueReference(base: base, member: member, range: range(from: base.range.start))
    }

    /// A trailing message string on the statement's line.
    mutating func parseMessage() -> StringLiteral? {
        guard current.kind == .string && !current.isAtStartOfLine else { return nil }
        let token = advance()
        return token.isUnterminated ? nil : StringLiteral(value: token.value, range: token.range)
    }

    /// The current token as a literal (a number, a string or a name), without consuming it.
    func statementLiteral() -> Literal? {
        let token = current
        let value: Literal.Value
        switch token.kind {
        case .integer: value = .integer(Int(token.text) ?? (token.text.hasPrefix("-") ? Int.min : Int.max))
        case .decimal: value = .decimal(Double(token.text) ?? .greatestFiniteMagnitude)
        case .string: value = .string(token.value)
        case .identifier: value = .identifier(token.text)
        default: return nil
        }
        return Literal(value: value, text: token.text, range: token.range)
    }

    /// Skips what is left of a statement's line: after an error, or words the statement does not take.
    mutating func skipRestOfLine(reporting: Bool = true) {
        var reported = !reporting
        while !isAtEnd && !current.isAtStartOfLine && current.kind != .rightBrace {
            if !reported {
                reported = true
                error(.expectedToken, "unexpected \(current.quoted) at the end of the line")
            }
            if current.kind == .leftBrace { skipToNextMember(); return }
            advance()
        }
    }
}
