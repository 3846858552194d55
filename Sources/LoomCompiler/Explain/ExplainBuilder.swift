/// Builds a `UseCaseExplanation` from the resolved schema, in the order the generated facade runs the statements
/// (`TranslateUseCase.facadeMethod`): `require auth`, guards, the body's constraints with every `unique`, `rule` and
/// `check`, then the user's code and what it may invoke and dispatch.
enum ExplainBuilder {
    static func explain(_ useCase: UseCase, in schema: ResolvedSchema) -> UseCaseExplanation {
        var steps: [ExplainStep] = []
        if let requirement = useCase.requirement {
            steps.append(.requireAuth(condition: condition(requirement, principal: schema.auth)))
        }
        for guardStatement in useCase.guards {
            switch guardStatement {
            case .exists(let lookup, _): steps.append(.require(model: lookup.model, key: key(lookup)))
            case .load(let name, let lookup, let optional, let profile, _):
                steps.append(.load(name: name, model: lookup.model, key: key(lookup), optional: optional, profile: profile))
            case .existence(let name, let lookup, _): steps.append(.exists(name: name, model: lookup.model, key: key(lookup)))
            case .unique: continue
            }
        }
        for compute in useCase.computes {
            steps.append(.compute(field: compute.field, value: value(compute.value), condition: compute.condition.map(condition)))
        }
        if let body = useCase.body { steps.append(.validateBody(command: body)) }
        for case .unique(let model, let field, let source, let message, _) in useCase.guards {
            steps.append(.unique(model: model, field: field, value: value(source), message: message))
        }
        for rule in useCase.rules {
            switch rule {
            case .constraint(let field, let constraint, _, let when):
                steps.append(.rule(
                    field: field, constraint: spelling(constraint), message: constraint.message, condition: when.map(condition)))
            case .comparison(let comparison, let field, let message, let when, _):
                steps.append(.comparison(comparison: self.comparison(comparison), field: field, message: message, condition: when.map(condition)))
            case .predicate(let function, let arguments, let field, let message, _, let when, _):
                steps.append(.check(
                    function: function, arguments: arguments.map(value), field: field, message: message, condition: when.map(condition)))
            }
        }
        steps.append(.execute(useCase: useCase.name))
        steps += useCase.invokes.map { .invoke(useCase: $0) }
        steps += useCase.dispatches.map { .dispatch(job: $0, asCaller: useCase.dispatchesAsCaller.contains($0)) }
        let routes = schema.endpoints.compactMap { endpoint -> UseCaseExplanation.Route? in
            guard endpoint.handler == .useCase(useCase.name) else { return nil }
            return .init(method: endpoint.method.rawValue, path: endpoint.path, status: endpoint.status)
        }
        return UseCaseExplanation(
            name: useCase.name, signature: signature(useCase),
            location: "\(useCase.range.file):\(useCase.range.start.line)",
            transaction: useCase.isReadOnly ? .readonly : .transaction, steps: steps, routes: routes
        )
    }

    static func signature(_ useCase: UseCase) -> String {
        var parameters = useCase.parameters.map { "\($0.name): \($0.type.schemaSpelling)" }
        if let body = useCase.body { parameters.append("body: \(body)") }
        if let query = useCase.query { parameters.append("query: \(query)") }
        var text = "usecase \(useCase.name)(\(parameters.joined(separator: ", ")))"
        switch useCase.result {
        case .none: break
        case .entity(let name), .command(let name): text += " -> \(name)"
        case .page(let model): text += " -> Page(\(model))"
        case .scalar(let type): text += " -> \(type.schemaSpelling)"
        }
        return text
    }

    static func value(_ source: ValueSource) -> String {
        switch source {
        case .parameter(let name), .flag(let name): name
        case .bodyField(let field): "body.\(field)"
        case .rowField(let row, let field): "\(row).\(field)"
        }
    }

    /// `productId`, or `sku: body.sku` for a lookup by another field than the key.
    static func key(_ lookup: RowLookup) -> String {
        lookup.field.map { "\($0): \(value(lookup.value))" } ?? value(lookup.value)
    }

    static func value(_ computed: Compute.Value) -> String {
        switch computed {
        case .copy(let source): value(source)
        case .literal(let literal): self.literal(literal)
        case .call(let function, let arguments): "\(function)(\(arguments.map(value).joined(separator: ", ")))"
        case .arithmetic(let left, let op, let right): "\(operand(left)) \(op.rawValue) \(operand(right))"
        }
    }

    static func operand(_ operand: StatementOperand) -> String {
        switch operand {
        case .value(let source): value(source)
        case .literal(let literal): self.literal(literal)
        }
    }

    static func literal(_ literal: StatementLiteral) -> String {
        switch literal {
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): ExplainStep.quoted(value)
        case .bool(let value): String(value)
        case .enumCase(let name): name
        }
    }

    static func comparison(_ comparison: ValueComparison) -> String {
        "\(operand(comparison.left)) \(comparison.comparison.symbol) \(operand(comparison.right))"
    }

    /// Parts joined by `&&` or `||`, in parentheses when nested in another and more than one.
    static func group(_ parts: [String], _ separator: String, _ nested: Bool) -> String {
        let joined = parts.joined(separator: separator)
        return nested && parts.count > 1 ? "(\(joined))" : joined
    }

    /// A `when` condition as the schema writes it.
    static func condition(_ condition: StatementCondition) -> String {
        func render(_ condition: StatementCondition, nested: Bool) -> String {
            switch condition {
            case .all(let parts): return group(parts.map { render($0, nested: true) }, " && ", nested)
            case .any(let parts): return group(parts.map { render($0, nested: true) }, " || ", nested)
            case .not(.present(let source)): return "\(value(source)) == null"
            case .not(let inner): return "!(\(render(inner, nested: true)))"
            case .present(let source): return "\(value(source)) != null"
            case .compare(let comparison): return self.comparison(comparison)
            case .holds(let source): return value(source)
            }
        }
        return render(condition, nested: false)
    }

    /// `@minLength(2)`, `@range(0, 100)`, `@notBlank(message: "…")`: as a schema writes the constraint.
    static func spelling(_ constraint: FieldConstraint) -> String {
        var arguments: [String]
        let name: String
        switch constraint.kind {
        case .minLength(let length): (name, arguments) = ("minLength", [String(length)])
        case .maxLength(let length): (name, arguments) = ("maxLength", [String(length)])
        case .range(let low, let high): (name, arguments) = ("range", [low.map(number) ?? "_", high.map(number) ?? "_"])
        case .pattern(let pattern): (name, arguments) = ("pattern", [ExplainStep.quoted(pattern)])
        case .email: (name, arguments) = ("pattern", ["email"])
        case .oneOf(let values): (name, arguments) = ("oneOf", values.map(ExplainStep.quoted))
        case .notBlank: (name, arguments) = ("notBlank", [])
        // Implied by a `Decimal(p, s)` type, never written as an attribute: spelt as the type.
        case .decimal(let precision, let scale): return "Decimal(\(precision), \(scale))"
        }
        if let message = constraint.message { arguments.append("message: \(ExplainStep.quoted(message))") }
        return "@" + name + (arguments.isEmpty ? "" : "(" + arguments.joined(separator: ", ") + ")")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The requirement as `require auth` writes it: `auth` alone is a bare `require auth`; an enum principal field's
    /// cases are bare words.
    static func condition(_ condition: RuleCondition, principal: Principal?) -> String {
        func operand(_ value: RuleValue, enumCases: Bool = false) -> String {
            switch value {
            case .principal(let field): "auth.\(field)"
            case .column(let column): column
            case .before(let column): "before.\(column)"
            case .related(let hop, let inner): "\(hop.model).\(operand(inner))"
            case .literal(let literal): self.literal(literal, bare: enumCases)
            }
        }
        // An enum principal field is compared with cases, written as bare words; other text is quoted.
        func isEnum(_ value: RuleValue) -> Bool {
            guard case .principal(let name) = value, let field = principal?.fields.first(where: { $0.name == name }),
                  case .enumeration = field.type
            else { return false }
            return true
        }
        func render(_ condition: RuleCondition, nested: Bool) -> String {
            switch condition {
            case .authenticated: return nested ? "auth != null" : ""
            case .constant(let value): return String(value)
            case .all(let parts): return group(parts.map { render($0, nested: true) }, " && ", nested)
            case .any(let parts): return group(parts.map { render($0, nested: true) }, " || ", nested)
            case .not(let inner): return "!(\(render(inner, nested: true)))"
            case .compare(let left, let comparison, let right):
                let cases = isEnum(left) || isEnum(right)
                return "\(operand(left)) \(comparison.symbol) \(operand(right, enumCases: cases))"
            case .oneOf(let value, let values):
                let items = values.map { operand($0, enumCases: isEnum(value)) }
                return "\(operand(value)) in [\(items.joined(separator: ", "))]"
            case .exists(let hop, let inner): return "exists \(hop.model)(\(render(inner, nested: true)))"
            }
        }
        // A condition that names a principal field implies a principal: the `authenticated` conjunct is implicit.
        if case .all(let parts) = condition, parts.contains(.authenticated) {
            let rest = parts.filter { $0 != .authenticated }
            return rest.isEmpty ? "" : group(rest.map { render($0, nested: true) }, " && ", false)
        }
        return render(condition, nested: false)
    }

    static func literal(_ literal: RuleLiteral, bare: Bool) -> String {
        switch literal {
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): bare ? value : ExplainStep.quoted(value)
        case .bool(let value): String(value)
        case .null: "null"
        }
    }
}
