/// The access half of the generated data layer: a model's `accessRules` table and the schema's `principal`. Both are
/// values the runtime reads (`LoomRuntime.AccessRule`, `LoomRuntime.PrincipalSchema`); the checker has resolved every
/// name to a column, a principal field or a literal, so this is a case-for-case translation.
enum TranslateAccess {
    /// `public static let accessRules: [LoomRuntime.AccessRule] = [...]`; nil for a model without rules, whose
    /// entity stays exactly as before.
    static func accessRules(_ model: Model) -> SwiftDeclaration? {
        guard !model.accessRules.isEmpty else { return nil }
        return .variable(SwiftVariable(
            isStatic: true, isConstant: true, name: "accessRules", type: "[LoomRuntime.AccessRule]",
            value: .array(model.accessRules.map(rule))
        ))
    }

    /// `public static let principal: LoomRuntime.PrincipalSchema? = …`, for a schema with `auth`.
    static func principal(_ auth: Principal) -> SwiftDeclaration {
        var arguments = [SwiftArgument("fields", .array(auth.fields.map(field)))]
        if let jwt = auth.jwt {
            var settings: [SwiftArgument] = []
            if let issuer = jwt.issuer { settings.append(SwiftArgument("issuer", .raw(SwiftNames.stringLiteral(issuer)))) }
            if let audience = jwt.audience {
                settings.append(SwiftArgument("audience", .raw(SwiftNames.stringLiteral(audience))))
            }
            if jwt.leewaySeconds != 0 { settings.append(SwiftArgument("leewaySeconds", .raw(String(jwt.leewaySeconds)))) }
            arguments.append(SwiftArgument("jwt", .call("LoomRuntime.JWTRequirements", settings)))
        }
        // The `///` lines of `auth` document it, as a model's document its entity.
        let doc = auth.doc.isEmpty
            ? ["Who calls the API (the schema's `auth`): each principal field and its claim, and what a JWT must carry."]
            : auth.doc
        return .documented(
            doc,
            .variable(SwiftVariable(
                isStatic: true, isConstant: true, name: "principal", type: "LoomRuntime.PrincipalSchema?",
                value: .call("LoomRuntime.PrincipalSchema", arguments)
            ))
        )
    }

    /// `HelpdeskPrincipal`, the caller as the user's Swift code sees it (typed fields, an enum as its enum), and
    /// `principal` on every use-case and job context.
    static func principalType(_ auth: Principal, schemaName: String) -> [SwiftDeclaration] {
        let name = Naming.principalType(schemaName)
        let fields = auth.fields.map { field in
            (name: SwiftNames.safe(field.name), key: field.name, type: SwiftNames.swiftType(field.type) + (field.isOptional ? "?" : ""),
             isOptional: field.isOptional)
        }
        var members: [SwiftDeclaration] = fields.map { .variable(SwiftVariable(name: $0.name, type: $0.type)) }
        members.append(.function(SwiftFunction(
            kind: .initializer, parameters: fields.map { SwiftParameter(nil, $0.name, $0.type) },
            body: fields.map { .line("self.\($0.name) = \($0.name)") }
        )))
        // `try?` flattens an optional field's value: absent and null are both nil, and neither fails the guard.
        func read(_ field: (name: String, key: String, type: String, isOptional: Bool)) -> String {
            "let \(field.name) = try? \(field.type)(sqlValue: principal[\(SwiftNames.stringLiteral(field.key))])"
        }
        members.append(.documented(
            ["The principal of `caller`; nil for an anonymous caller or the system."],
            .function(SwiftFunction(
                kind: .failableInitializer, parameters: [SwiftParameter("_", "caller", "LoomRuntime.Caller")],
                body: [.guard(["let principal = caller.principal"] + fields.filter { !$0.isOptional }.map(read), else: "return nil")]
                    + fields.filter(\.isOptional).map { .line(read($0)) }
                    + [.line("self.init(" + fields.map { "\($0.name): \($0.name)" }.joined(separator: ", ") + ")")]
            ))
        ))
        members.append(.documented(
            ["The principal as the runtime holds it: each field's value by name (what an authenticator returns)."],
            .variable(SwiftVariable(name: "principal", type: "LoomRuntime.Principal", getter: [.expression(prefix: "", .call(
                "LoomRuntime.Principal", [SwiftArgument(nil, .raw("[" + fields.map {
                    "\(SwiftNames.stringLiteral($0.key)): \($0.name).sqlValue"
                }.joined(separator: ", ") + "]"))]))]))
        ))
        return [
            .documented(
                ["A caller of the `\(schemaName)` API, as its `auth` declares it: what a use case or job reads as `context.principal`."],
                .type(SwiftType(kind: .struct, name: name, conformances: ["Sendable", "Hashable"], members: members))
            ),
            .extension(SwiftExtension(type: "LoomRuntime.UseCaseContext", members: [
                .documented(
                    ["The caller's principal; nil for an anonymous caller or the system (a job by default)."],
                    .variable(SwiftVariable(name: "principal", type: name + "?", getter: [.line("\(name)(scope.caller)")]))
                ),
            ])),
        ]
    }

    /// `HelpdeskAuthenticator`: the protocol of an authenticator written in Swift (API keys, sessions) that proves a
    /// typed principal; it is a `LoomAuthenticator`, so `LoomServer.run(…, authenticator:)` takes it.
    static func authenticator(_ auth: Principal, schemaName: String) -> [SwiftDeclaration] {
        let name = Naming.authenticatorType(schemaName)
        let principal = Naming.principalType(schemaName)
        return [
            .documented(
                ["How a request proves who calls the `\(schemaName)` API, written in Swift (API keys, sessions, …): return the",
                 "principal, nil for a request with no credential, or throw `LoomError.unauthenticated` for a bad one."],
                .type(SwiftType(kind: .protocol, name: name, conformances: ["LoomHTTP.LoomAuthenticator"], members: [
                    .function(SwiftFunction(
                        access: .internal, kind: .function("principal"),
                        parameters: [SwiftParameter("for", "request", "Hummingbird.Request")],
                        isAsync: true, isThrowing: true, returnType: principal + "?", body: nil
                    )),
                ]))
            ),
            .extension(SwiftExtension(type: name, members: [
                .function(SwiftFunction(
                    kind: .function("authenticate"), parameters: [SwiftParameter("_", "request", "Hummingbird.Request")],
                    isAsync: true, isThrowing: true, returnType: "LoomRuntime.Principal?",
                    body: [.line("try await principal(for: request)?.principal")]
                )),
            ])),
        ]
    }

    private static func field(_ field: Principal.Field) -> SwiftExpression {
        var arguments = [
            SwiftArgument("name", .raw(SwiftNames.stringLiteral(field.name))),
            SwiftArgument("claim", .raw(SwiftNames.stringLiteral(field.claim))),
            SwiftArgument("type", .raw(SwiftNames.columnType(field.type))),
        ]
        if field.isOptional { arguments.append(SwiftArgument("isOptional", .raw("true"))) }
        return .call("LoomRuntime.PrincipalField", arguments)
    }

    // MARK: Rules

    private static func rule(_ rule: AccessRule) -> SwiftExpression {
        var arguments = [SwiftArgument(nil, .array(rule.operations.map { .raw("." + $0.rawValue) }))]
        if let fields = rule.fields {
            arguments.append(SwiftArgument("fields", .array(fields.map { .raw(SwiftNames.stringLiteral($0)) })))
        }
        arguments.append(SwiftArgument("when", condition(rule.condition)))
        return .call("." + rule.effect.rawValue, arguments)
    }

    static func condition(_ condition: RuleCondition) -> SwiftExpression {
        switch condition {
        case .constant(let value):
            return .raw(".constant(\(value))")
        case .all(let terms):
            return .listCall(".all", terms.map(self.condition))
        case .any(let terms):
            return .listCall(".any", terms.map(self.condition))
        case .not(let inner):
            return .call(".not", [SwiftArgument(nil, self.condition(inner))])
        case .compare(let left, let comparison, let right):
            return .call(".compare", [
                SwiftArgument(nil, operand(left)), SwiftArgument(nil, .raw("." + comparison.rawValue)),
                SwiftArgument(nil, operand(right)),
            ])
        case .oneOf(let value, let options):
            return .call(".oneOf", [SwiftArgument(nil, operand(value)), SwiftArgument(nil, .array(options.map(operand)))])
        case .authenticated:
            return .raw(".authenticated")
        case .exists(let hop, let inner):
            return .call(".exists", [SwiftArgument(nil, relation(hop)), SwiftArgument(nil, self.condition(inner))])
        }
    }

    private static func operand(_ value: RuleValue) -> SwiftExpression {
        switch value {
        case .column(let column): .raw(".column(\(SwiftNames.stringLiteral(column)))")
        case .before(let column): .raw(".before(\(SwiftNames.stringLiteral(column)))")
        case .related(let hop, let inner): .call(".related", [SwiftArgument(nil, relation(hop)), SwiftArgument(nil, operand(inner))])
        case .principal(let field): .raw(".principal(\(SwiftNames.stringLiteral(field)))")
        case .literal(let literal): .raw(".value(\(self.literal(literal)))")
        }
    }

    private static func literal(_ literal: RuleLiteral) -> String {
        switch literal {
        case .int(let number): ".int(\(number))"
        case .double(let number): ".double(\(number))"
        case .string(let text): ".string(\(SwiftNames.stringLiteral(text)))"
        case .bool(let flag): ".bool(\(flag))"
        case .null: ".null"
        }
    }

    /// `LoomRuntime.RuleRelation(column: "ticket_id", table: Ticket.table, key: "id")`.
    private static func relation(_ hop: RuleHop) -> SwiftExpression {
        .call("LoomRuntime.RuleRelation", [
            SwiftArgument("column", .raw(SwiftNames.stringLiteral(hop.column))),
            SwiftArgument("table", .raw(hop.model + ".table")),
            SwiftArgument("key", .raw(SwiftNames.stringLiteral(hop.key))),
        ])
    }
}
