/// One use case as Swift: what its implementation receives (`CreateUserInput`), the protocol the user's
/// `struct CreateUser` conforms to (`CreateUserUseCase`), what it may use (`CreateUserContext`), and the facade method
/// that runs the schema's statements before calling it (`StoreApplication.createUser`).
///
/// The facade method names the user's type, so a use case nobody implemented is a build error naming it:
/// "cannot find 'CreateUser' in scope".
enum TranslateUseCase {
    static func translate(_ useCase: UseCase, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        [input(useCase, in: schema), handlerProtocol(useCase, in: schema), context(useCase, in: schema)]
    }

    // MARK: Input

    static func input(_ useCase: UseCase, in schema: ResolvedSchema) -> SwiftDeclaration {
        let members = inputMembers(useCase, in: schema)
        var declarations: [SwiftDeclaration] = members.map { member in
            let property = SwiftDeclaration.variable(SwiftVariable(name: SwiftNames.safe(member.name), type: member.type))
            return member.doc.isEmpty ? property : .documented(member.doc, property)
        }
        declarations.append(.function(SwiftFunction(
            kind: .initializer,
            parameters: members.map { SwiftParameter(nil, SwiftNames.safe($0.name), $0.type) },
            body: members.map { .line("self.\(SwiftNames.safe($0.name)) = \(SwiftNames.safe($0.name))") }
        )))
        return .documented(
            ["What `\(useCase.name)` receives: its parameters, its body and query, and the rows its `load` statements read."],
            .type(SwiftType(kind: .struct, name: Naming.useCaseInput(useCase.name), conformances: ["Sendable"], members: declarations))
        )
    }

    /// Parameters, `body`, `query`, then each `load`'s row (optional for `load …?`, or when its key may be absent; a
    /// `Profiled` row with `profile`) and each `exists` name's Bool.
    static func inputMembers(_ useCase: UseCase, in schema: ResolvedSchema) -> [(name: String, type: String, doc: [String])] {
        var members = useCase.parameters.map { (name: $0.name, type: SwiftNames.swiftType($0.type), doc: [String]()) }
        if let body = useCase.body {
            members.append(("body", body, useCase.computes.isEmpty ? [] : ["The request's body, as its `compute` statements left it."]))
        }
        if let query = useCase.query {
            members.append(("query", "LoomRuntime.ListQuery", ["The filters, sort and page the request asked for, over `\(query)`."]))
        }
        for guardStatement in useCase.guards {
            switch guardStatement {
            case .load(let name, let lookup, let optional, let profile, _):
                let value = StatementValue(lookup.value, useCase: useCase, schema: schema, binding: name)
                let mayBeNil = optional || value.mayBeAbsent
                members.append((name, rowType(lookup.model, profile: profile) + (mayBeNil ? "?" : ""), [
                    "`\(summary(guardStatement, useCase: useCase, schema: schema))`",
                ]))
            case .existence(let name, _, _):
                members.append((name, "Bool", ["`\(summary(guardStatement, useCase: useCase, schema: schema))`"]))
            case .exists, .unique:
                continue
            }
        }
        return members
    }

    /// A loaded row's Swift type: the entity, or `Profiled<Model>` when it is read in a profile.
    static func rowType(_ model: String, profile: String?) -> String {
        profile == nil ? model : "LoomRuntime.Profiled<\(model)>"
    }

    /// `Model(key)` or `Model(field: value)`, as the schema writes it.
    static func lookupSpelling(_ lookup: RowLookup, useCase: UseCase, schema: ResolvedSchema) -> String {
        let value = StatementValue(lookup.value, useCase: useCase, schema: schema, binding: "value").spelling
        return "\(lookup.model)(\(lookup.field.map { "\($0): " } ?? "")\(value))"
    }

    /// A guard as the schema writes it, for doc comments.
    static func summary(_ guardStatement: Guard, useCase: UseCase, schema: ResolvedSchema) -> String {
        let spell = { (source: ValueSource) in StatementValue(source, useCase: useCase, schema: schema, binding: "value").spelling }
        switch guardStatement {
        case .exists(let lookup, _):
            return "require \(lookupSpelling(lookup, useCase: useCase, schema: schema))"
        case .load(let name, let lookup, let optional, let profile, _):
            return "load \(name) = \(lookupSpelling(lookup, useCase: useCase, schema: schema))\(optional ? "?" : "")"
                + (profile.map { " profile \($0)" } ?? "")
        case .existence(let name, let lookup, _):
            return "exists \(name) = \(lookupSpelling(lookup, useCase: useCase, schema: schema))"
        case .unique(let model, let field, let value, _, _):
            return "unique \(model).\(field)(\(spell(value)))"
        }
    }

    // MARK: The protocol the user implements

    /// `func execute(_ input: CreateUserInput, context: CreateUserContext) async throws -> User`, without a body.
    static func executeRequirement(_ useCase: UseCase) -> SwiftFunction {
        SwiftFunction(
            access: .internal, kind: .function("execute"),
            parameters: [
                SwiftParameter("_", "input", Naming.useCaseInput(useCase.name)),
                SwiftParameter(nil, "context", Naming.useCaseContext(useCase.name)),
            ],
            isAsync: true, isThrowing: true, returnType: resultType(useCase.result), body: nil
        )
    }

    private static func handlerProtocol(_ useCase: UseCase, in schema: ResolvedSchema) -> SwiftDeclaration {
        let execute = executeRequirement(useCase)
        var doc = useCase.doc.isEmpty ? [] : useCase.doc + [""]
        doc.append("Implement it in your target as `struct \(useCase.name): \(Naming.useCaseProtocol(useCase.name))`.")
        let statements = statementSummaries(useCase, in: schema)
        if !statements.isEmpty {
            doc.append("")
            doc.append("`\(Naming.applicationType(schema.name)).\(Naming.lowerFirst(useCase.name))` runs these first, 404s before 422s:")
            doc += statements.map { "- `\($0)`" }
        }
        return .documented(doc, .type(SwiftType(
            kind: .protocol, name: Naming.useCaseProtocol(useCase.name), conformances: ["LoomRuntime.LoomUseCase"],
            members: [.function(execute)]
        )))
    }

    /// The statements as the schema writes them, for the protocol's doc comment.
    private static func statementSummaries(_ useCase: UseCase, in schema: ResolvedSchema) -> [String] {
        func spelling(_ source: ValueSource) -> String {
            StatementValue(source, useCase: useCase, schema: schema, binding: "value").spelling
        }
        func operandSpelling(_ operand: StatementOperand) -> String {
            switch operand {
            case .value(let source): spelling(source)
            case .literal(let literal): StatementSwift.literal(literal)
            }
        }
        var lines = useCase.guards.map { summary($0, useCase: useCase, schema: schema) }
        for compute in useCase.computes {
            let value = switch compute.value {
            case .copy(let source): spelling(source)
            case .literal(let literal): StatementSwift.literal(literal)
            case .call(let function, let arguments): "\(function)(\(arguments.map(spelling).joined(separator: ", ")))"
            case .arithmetic(let left, let op, let right): "\(operandSpelling(left)) \(op.rawValue) \(operandSpelling(right))"
            }
            lines.append("compute body.\(compute.field) = \(value)" + (compute.condition == nil ? "" : " when …"))
        }
        for rule in useCase.rules {
            switch rule {
            case .constraint(let field, _, _, _): lines.append("rule body.\(field) …")
            case .comparison(let comparison, _, _, _, _):
                let op = comparison.comparison.symbol
                lines.append("rule \(operandSpelling(comparison.left)) \(op) \(operandSpelling(comparison.right))")
            case .predicate(let function, let arguments, _, _, _, _, _):
                lines.append("check \(function)(\(arguments.map(spelling).joined(separator: ", ")))")
            }
        }
        return lines
    }

    // MARK: Context

    private static func context(_ useCase: UseCase, in schema: ResolvedSchema) -> SwiftDeclaration {
        let application = Naming.applicationType(schema.name)
        var members: [SwiftDeclaration] = [
            .variable(SwiftVariable(isConstant: true, name: "scope", type: "LoomRuntime.UseCaseScope")),
            .function(SwiftFunction(
                kind: .initializer, parameters: [SwiftParameter(nil, "scope", "LoomRuntime.UseCaseScope")],
                body: [.line("self.scope = scope")]
            )),
            .documented(
                ["Every model's repository, in this use case's transaction when it has one."],
                .variable(SwiftVariable(
                    name: "repositories", type: Naming.repositoriesType(schema.name),
                    getter: [.line("\(Naming.repositoriesType(schema.name))(database: scope.database)")]
                ))
            ),
        ]
        members += TranslateService.accessors(useCase.services, in: schema)
        for name in useCase.invokes {
            guard let invoked = schema.useCase(named: name) else { continue }
            let method = facadeSignature(invoked)
            members.append(.documented(
                ["`invoke \(name)`: runs it, its statements included, in this use case's transaction."],
                .function(forwarding(method, to: application))
            ))
        }
        for name in useCase.dispatches {
            guard let job = schema.job(named: name) else { continue }
            for method in TranslateJob.facadeMethods(job, in: schema) {
                var function = method.function
                var extra: [String] = []
                if function.parameters.contains(where: { $0.name == "asCaller" }) {
                    // This use case's dispatch says whether the job runs for its caller; the context does not ask.
                    function.parameters.removeAll { $0.name == "asCaller" }
                    extra = ["asCaller: \(useCase.dispatchesAsCaller.contains(name))"]
                }
                members.append(.documented(method.doc, .function(forwarding(function, to: application, adding: extra))))
            }
        }
        var doc = ["What `\(useCase.name)` may use: the request's scope (`requestID`, `logger`, `database`), the repositories"]
        doc.append(useCase.invokes.isEmpty && useCase.dispatches.isEmpty
            ? "(in its transaction, if it writes)."
            : "(in its transaction, if it writes), and the use cases and jobs its `invoke` and `dispatch` statements name.")
        return .documented(doc, .type(SwiftType(
            kind: .struct, name: Naming.useCaseContext(useCase.name), conformances: ["LoomRuntime.UseCaseContext"],
            members: members
        )))
    }

    /// The same method, calling the facade over this context's scope.
    private static func forwarding(_ method: SwiftFunction, to application: String, adding extra: [String] = []) -> SwiftFunction {
        guard case .function(let name) = method.kind else { return method }
        let arguments = (method.parameters.map { "\($0.name): \($0.name)" } + extra).joined(separator: ", ")
        var forwarded = method
        forwarded.body = [.line("try await \(application)(scope: self.scope).\(name)(\(arguments))")]
        return forwarded
    }

    // MARK: The facade method

    /// `func updateUser(userId: Int, body: UserChanges) async throws -> User`, without a body.
    static func facadeSignature(_ useCase: UseCase) -> SwiftFunction {
        var parameters = useCase.parameters.map { SwiftParameter(nil, SwiftNames.safe($0.name), SwiftNames.swiftType($0.type)) }
        if let body = useCase.body { parameters.append(SwiftParameter(nil, "body", body)) }
        if useCase.query != nil { parameters.append(SwiftParameter(nil, "query", "LoomRuntime.ListQuery")) }
        return SwiftFunction(
            kind: .function(SwiftNames.safe(Naming.lowerFirst(useCase.name))), parameters: parameters, isAsync: true, isThrowing: true,
            returnType: resultType(useCase.result), body: []
        )
    }

    /// The facade method: guards (each a 404), then every rule at once (one 422), then the user's implementation —
    /// in a transaction unless `transactional` is false (a use case only read by GET routes).
    static func facadeMethod(_ useCase: UseCase, in schema: ResolvedSchema, transactional: Bool) -> SwiftDeclaration {
        var method = facadeSignature(useCase)
        var taken = Set(method.parameters.map(\.name))
        taken.formUnion(boundNames(useCase))
        let scope = SwiftNames.fresh("scope", avoiding: taken)
        taken.insert(scope)
        let names = LocalNames(
            scope: scope, repositories: SwiftNames.fresh("repositories", avoiding: taken),
            violations: SwiftNames.fresh("violations", avoiding: taken.union(["repositories"]))
        )
        var statements = guards(useCase, in: schema, names: names) + computes(useCase, in: schema)
            + rules(useCase, in: schema, names: names)
        // Every guard reads a repository, and so does every `check` predicate.
        let readsRepositories = !useCase.guards.isEmpty || useCase.rules.contains { if case .predicate = $0 { true } else { false } }
        if readsRepositories {
            statements.insert(
                .line("let \(names.repositories) = \(Naming.repositoriesType(schema.name))(database: \(scope).database)"), at: 0)
        }
        // `require auth …` first: who calls decides before any row is read (401 without a principal, 403 otherwise).
        if let requirement = useCase.requirement {
            statements.insert(.expression(prefix: "try ", .call(
                "\(scope).requireCaller", [SwiftArgument(nil, TranslateAccess.condition(requirement))])), at: 0)
        }
        let input = inputMembers(useCase, in: schema).map { SwiftArgument($0.name, .raw(SwiftNames.safe($0.name))) }
        let call = SwiftExpression.call("\(TranslateApplication.implementation(useCase.name, in: schema)).execute", [
            SwiftArgument(nil, .call(Naming.useCaseInput(useCase.name), input)),
            SwiftArgument("context", .raw("\(Naming.useCaseContext(useCase.name))(scope: \(scope))")),
        ])
        let returns = useCase.result != .none
        statements.append(.expression(prefix: returns ? "return try await " : "try await ", call))
        // `perform` gives the use case its span and its outcome and duration metrics.
        let transaction = transactional ? ", inTransaction: true" : ""
        method.body = [.closure(
            "\(returns ? "return " : "")try await self.scope.perform(\(SwiftNames.stringLiteral(useCase.name))\(transaction)) { \(scope) in",
            statements)]
        var doc = ["`usecase \(useCase.name)`: "]
        doc[0] += useCase.guards.isEmpty && useCase.rules.isEmpty && useCase.computes.isEmpty && useCase.body == nil
            ? "runs your `\(useCase.name)`" : "runs the schema's statements, then your `\(useCase.name)`"
        doc[0] += transactional ? ", in one transaction." : " (read-only: no transaction)."
        return .documented(doc, .function(method))
    }

    struct LocalNames {
        var scope: String
        var repositories: String
        var violations: String
    }

    /// The names `load` and `exists` statements bind.
    static func boundNames(_ useCase: UseCase) -> Set<String> {
        Set(useCase.guards.compactMap { guardStatement in
            switch guardStatement {
            case .load(let name, _, _, _, _), .existence(let name, _, _): name
            case .exists, .unique: nil
            }
        })
    }

    /// `require`, `load` and `exists`, in order: each `require` and `load` a 404 naming the model, before any rule runs.
    static func guards(_ useCase: UseCase, in schema: ResolvedSchema, names: LocalNames) -> [SwiftStatement] {
        var statements: [SwiftStatement] = []
        for guardStatement in useCase.guards {
            switch guardStatement {
            case .exists(let lookup, _):
                let repository = "\(names.repositories).\(TranslateApplication.repositoryProperty(schema.requireModel(lookup.model)))"
                let value = StatementValue(lookup.value, useCase: useCase, schema: schema, binding: "key")
                if let field = lookup.field {
                    let require = "_ = try await \(repository).require(\(lookup.model).Fields.\(SwiftNames.safe(field)), \(value.expression))"
                    statements.append(value.condition.map { .if([$0], [.line(require)]) } ?? .line(require))
                    continue
                }
                let missing = "throw \(repository).notFound(\(value.expression))"
                if let condition = value.condition {
                    statements.append(.if([condition, "try await !\(repository).exists(\(value.expression))"], [.line(missing)]))
                } else {
                    statements.append(.guard(["try await \(repository).exists(\(value.expression))"], else: missing))
                }
            case .load(let name, let lookup, let optional, let profile, _):
                let repository = "\(names.repositories).\(TranslateApplication.repositoryProperty(schema.requireModel(lookup.model)))"
                let value = StatementValue(lookup.value, useCase: useCase, schema: schema, binding: name == "key" ? "loadKey" : "key")
                var arguments = value.expression
                if let field = lookup.field { arguments = "\(lookup.model).Fields.\(SwiftNames.safe(field)), " + arguments }
                let row = "\(repository).\(optional ? (lookup.field == nil ? "get" : "find") : "require")(\(arguments))"
                // In a profile: the row, then what the profile adds to it (`Profiled<Model>`).
                let read = { (prefix: String) -> SwiftStatement in
                    guard let profile else { return .line(prefix + "try await " + row) }
                    return .expression(prefix: prefix + "try await ", .call("\(repository).load", [
                        SwiftArgument("profile", .raw(SwiftNames.stringLiteral(profile))), SwiftArgument("for", .raw(row)),
                    ]))
                }
                if let condition = value.condition {
                    statements.append(.line("var \(SwiftNames.safe(name)): \(rowType(lookup.model, profile: profile))? = nil"))
                    statements.append(.if([condition], [read("\(SwiftNames.safe(name)) = ")]))
                } else {
                    statements.append(read("let \(SwiftNames.safe(name)) = "))
                }
            case .existence(let name, let lookup, _):
                let repository = "\(names.repositories).\(TranslateApplication.repositoryProperty(schema.requireModel(lookup.model)))"
                let value = StatementValue(lookup.value, useCase: useCase, schema: schema, binding: "key")
                var arguments = value.expression
                if let field = lookup.field { arguments = "\(lookup.model).Fields.\(SwiftNames.safe(field)), " + arguments }
                let read = "try await \(repository).exists(\(arguments))"
                if let condition = value.condition {
                    // An absent value names no row: false.
                    statements.append(.line("var \(SwiftNames.safe(name)) = false"))
                    statements.append(.if([condition], [.line("\(SwiftNames.safe(name)) = \(read)")]))
                } else {
                    statements.append(.line("let \(SwiftNames.safe(name)) = \(read)"))
                }
            case .unique:
                continue
            }
        }
        return statements
    }

    /// `compute` statements, in order, on a `var` copy of the body: after the guards, before the rules, so the rules
    /// and the body's own constraints check what was computed. One is skipped when a value it reads is absent or its
    /// `when` fails.
    static func computes(_ useCase: UseCase, in schema: ResolvedSchema) -> [SwiftStatement] {
        guard !useCase.computes.isEmpty else { return [] }
        var statements: [SwiftStatement] = [.line("var body = body")]
        let command = useCase.body.flatMap(schema.command(named:))
        for compute in useCase.computes {
            var conditions: [String] = []
            var bound: Set<String> = []
            func read(_ source: ValueSource) -> String {
                let name = binding(for: source, in: useCase, avoiding: bound)
                bound.insert(name)
                let value = StatementValue(source, useCase: useCase, schema: schema, binding: name)
                if let condition = value.condition { conditions.append(condition) }
                return value.expression
            }
            let value: String
            switch compute.value {
            case .copy(let source): value = read(source)
            case .literal(let literal): value = StatementSwift.literal(literal)
            case .call(let function, let arguments):
                value = "try await \(Naming.computesType(schema.name)).\(function)(\(arguments.map(read).joined(separator: ", ")))"
            case .arithmetic(let left, let op, let right):
                let side = { (operand: StatementOperand) -> String in
                    switch operand {
                    case .value(let source): read(source)
                    case .literal(let literal): StatementSwift.literal(literal)
                    }
                }
                value = "\(side(left)) \(op.rawValue) \(side(right))"
            }
            if let condition = compute.condition { conditions.append(StatementSwift.condition(condition, useCase: useCase, schema: schema)) }
            let isPatch = command?.fields.first { $0.name == compute.field }?.presence == .patch
            let assignment = SwiftStatement.line("body.\(SwiftNames.safe(compute.field)) = \(isPatch ? ".value(\(value))" : value)")
            statements.append(conditions.isEmpty ? assignment : .if(conditions, [assignment]))
        }
        return statements
    }

    /// The body's own constraints, then every `unique`, `rule` and `check`: all of them run, and every violation is
    /// reported in one 422 `rule_violations`.
    private static func rules(_ useCase: UseCase, in schema: ResolvedSchema, names: LocalNames) -> [SwiftStatement] {
        let uniques = useCase.guards.filter { if case .unique = $0 { true } else { false } }
        guard useCase.body != nil || !uniques.isEmpty || !useCase.rules.isEmpty else { return [] }
        let violations = names.violations
        var statements: [SwiftStatement] = [.line("var \(violations) = LoomRuntime.Violations()")]
        if let body = useCase.body {
            statements.append(.line("\(violations).append(contentsOf: \(body).violations(in: body))"))
        }
        for case .unique(let model, let field, let source, let message, _) in uniques {
            let resolved = schema.requireModel(model)
            let repository = "\(names.repositories).\(TranslateApplication.repositoryProperty(resolved))"
            let value = StatementValue(source, useCase: useCase, schema: schema, binding: binding(for: source, in: useCase))
            var arguments = ["\(model).Fields.\(SwiftNames.safe(field))", value.expression]
            if let excluded = rowBeingChanged(of: model, in: useCase, schema: schema) { arguments.append("excluding: \(excluded)") }
            let taken = "try await \(repository).isTaken(\(arguments.joined(separator: ", ")))"
            let text = SwiftNames.stringLiteral(message ?? "is already taken")
            statements.append(.if(
                (value.condition.map { [$0] } ?? []) + [taken],
                [.line("\(violations).append(field: \(SwiftNames.stringLiteral(value.field)), message: \(text))")]
            ))
        }
        for rule in useCase.rules {
            switch rule {
            case .constraint(let field, let constraint, _, let condition):
                // `Violations.check` skips an absent, null or unchanged (`@patch`) value itself.
                let check = SwiftStatement.expression(prefix: "", .call("\(violations).check", [
                    SwiftArgument(nil, .raw("body.\(SwiftNames.safe(field))")),
                    SwiftArgument("field", .raw(SwiftNames.stringLiteral(field))),
                    SwiftArgument(nil, .array([.raw(SwiftNames.constraint(constraint))])),
                ]))
                statements.append(condition.map { .if([StatementSwift.condition($0, useCase: useCase, schema: schema)], [check]) } ?? check)
            case .comparison(let comparison, let field, let message, let condition, _):
                var conditions: [String] = []
                var bound: Set<String> = []
                func side(_ operand: StatementOperand) -> String {
                    guard case .value(let source) = operand else { return StatementSwift.operand(operand, useCase: useCase, schema: schema) }
                    let name = binding(for: source, in: useCase, avoiding: bound)
                    bound.insert(name)
                    let value = StatementValue(source, useCase: useCase, schema: schema, binding: name)
                    if let condition = value.condition { conditions.append(condition) }
                    return value.expression
                }
                let left = side(comparison.left), right = side(comparison.right)
                if let condition { conditions.append(StatementSwift.condition(condition, useCase: useCase, schema: schema)) }
                conditions.append("!(\(left) \(comparison.comparison.symbol) \(right))")
                statements.append(.if(conditions, [.line(
                    "\(violations).append(field: \(SwiftNames.stringLiteral(field)), message: \(SwiftNames.stringLiteral(message)))"
                )]))
            case .predicate(let function, let arguments, let field, let message, _, let condition, _):
                var conditions: [String] = []
                var values: [String] = []
                var bound: Set<String> = []
                for argument in arguments {
                    let name = binding(for: argument, in: useCase, avoiding: bound)
                    bound.insert(name)
                    let value = StatementValue(argument, useCase: useCase, schema: schema, binding: name)
                    if let condition = value.condition { conditions.append(condition) }
                    values.append(value.expression)
                }
                values.append("repositories: \(names.repositories)")
                if let condition { conditions.append(StatementSwift.condition(condition, useCase: useCase, schema: schema)) }
                conditions.append("try await !\(Naming.checksType(schema.name)).\(function)(\(values.joined(separator: ", ")))")
                statements.append(.if(conditions, [.line(
                    "\(violations).append(field: \(SwiftNames.stringLiteral(field)), message: \(SwiftNames.stringLiteral(message)))"
                )]))
            }
        }
        statements.append(.line("try \(violations).throwIfRulesBroken()"))
        return statements
    }

    /// The name an unwrapped body field is bound to: the field's own, unless a parameter, a loaded row, a local of the
    /// facade method or another binding of the same statement already has it.
    private static func binding(for source: ValueSource, in useCase: UseCase, avoiding bound: Set<String> = []) -> String {
        let field: String
        switch source {
        case .bodyField(let name), .rowField(_, let name): field = name
        case .parameter, .flag: return "value"
        }
        let taken = bound.union(useCase.parameters.map(\.name)).union(["body", "query", "scope", "repositories", "violations"])
            .union(boundNames(useCase))
        return SwiftNames.safe(SwiftNames.fresh(field, avoiding: taken))
    }

    /// The key of the row a use case changes: the one a non-optional `load` of that model reads by a parameter (the
    /// `{userId}` of `PATCH /users/{userId}`). `unique` then ignores that row, so saving a row with its own value is
    /// not a clash; a `require`, or a `load` by a body field, only names another row and changes nothing.
    private static func rowBeingChanged(of model: String, in useCase: UseCase, schema: ResolvedSchema) -> String? {
        for case .load(_, let lookup, false, _, _) in useCase.guards where lookup.model == model && lookup.field == nil {
            if case .parameter(let parameter) = lookup.value { return SwiftNames.safe(parameter) }
        }
        return nil
    }

    /// The Swift result of a use case or job; nil for none.
    static func resultType(_ result: ResultType) -> String? {
        switch result {
        case .none: nil
        case .entity(let model): model
        case .page(let model): "LoomRuntime.ListPage<\(model)>"
        case .command(let command): command
        case .scalar(let scalar): SwiftNames.swiftType(scalar)
        }
    }
}
