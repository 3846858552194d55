/// Checks the statements of a use case or job body — guards, rules, invokes, dispatches, job options — against its
/// signature and the schema, and collects them for the IR.
struct StatementResolver {
    enum Context {
        case useCase
        case job
    }

    let context: Context
    var references: ValueReferenceResolver
    let models: [String: Model]
    let useCaseNames: [String]
    let jobNames: [String]
    /// The schema's enums, for a case named in a comparison or a `compute` (`body.status == paid`).
    var enums: [String: EnumType] = [:]
    /// The schema's services, for `uses`.
    var serviceNames: [String] = []
    var services: [String] = []
    /// Resolves `require auth …`; nil when the schema declares no `auth`.
    var access: RuleResolver?
    var diagnostics: [Diagnostic] = []
    /// Every `require auth …` of the body, all of which must hold.
    var requirements: [RuleCondition] = []

    var guards: [Guard] = []
    var computes: [Compute] = []
    var rules: [Rule] = []
    var invokes: [String] = []
    var dispatches: [String] = []
    /// The jobs of `dispatches` dispatched `as caller`.
    var dispatchesAsCaller: [String] = []
    var options: [JobOptionStatement] = []
    /// The names `load` and `exists` bind, with where, for L022.
    private var loadedLines: [String: Int] = [:]
    /// The body fields `compute` sets, with where, for L120.
    var computedLines: [String: Int] = [:]

    init(
        context: Context, references: ValueReferenceResolver, models: [String: Model], useCaseNames: [String], jobNames: [String],
        access: RuleResolver? = nil
    ) {
        self.access = access
        self.context = context
        self.references = references
        self.models = models
        self.useCaseNames = useCaseNames
        self.jobNames = jobNames
    }

    var owner: String { references.owner }

    mutating func resolve(_ statements: [Statement]) {
        for statement in statements {
            guard isAllowed(statement) else { continue }
            switch statement {
            case .require(let require): resolveRequire(require)
            case .requireAuth(let require): resolveRequireAuth(require)
            case .load(let load): resolveLoad(load)
            case .exists(let exists): resolveExists(exists)
            case .compute(let compute): resolveCompute(compute)
            case .unique(let unique): resolveUnique(unique)
            case .rule(let rule): resolveRule(rule)
            case .compare(let rule): resolveCompareRule(rule)
            case .check(let check): resolveCheck(check)
            case .invoke(let invoke):
                if let name = resolveTarget(invoke.target, among: useCaseNames, kind: "use case", code: .unknownUseCase) {
                    invokes.append(name)
                }
            case .dispatch(let dispatch):
                if let name = resolveTarget(dispatch.target, among: jobNames, kind: "job", code: .unknownJob) {
                    dispatches.append(name)
                    if dispatch.asCaller != nil, access == nil, let range = dispatch.asCaller {
                        diagnostics.append(.error(
                            .ruleWithoutAuth, "'as caller' in a schema without auth", at: range,
                            hint: "a job dispatched as its caller runs under the caller's rules: declare auth first"
                        ))
                    } else if dispatch.asCaller != nil {
                        dispatchesAsCaller.append(name)
                    }
                }
            case .uses(let uses):
                if let name = resolveTarget(uses.target, among: serviceNames, kind: "service", code: .unknownService),
                   !services.contains(name) {
                    services.append(name)
                }
            case .option(let option): options.append(option)
            }
        }
    }

    /// A job's body holds options and loads; a use case's everything else, and loads.
    private mutating func isAllowed(_ statement: Statement) -> Bool {
        let keyword = statement.keyword
        switch (context, statement) {
        case (.useCase, .option):
            diagnostics.append(.error(
                .statementNotAllowed, "'\(keyword.name)' is a job option, not allowed in \(owner)", at: keyword.range,
                hint: "dispatch a job to run work on a queue"
            ))
            return false
        case (.job, .requireAuth):
            diagnostics.append(.error(
                .statementNotAllowed, "'require auth' is not allowed in \(owner)", at: keyword.range,
                hint: "a job runs as the system; require auth in the use case that dispatches it"
            ))
            return false
        case (.job, .unique), (.job, .rule), (.job, .check), (.job, .invoke), (.job, .dispatch), (.job, .exists),
             (.job, .compute), (.job, .compare):
            diagnostics.append(.error(
                .statementNotAllowed, "'\(keyword.name)' is not allowed in \(owner)", at: keyword.range,
                hint: "a job's body holds " + Suggestions.list(Keywords.jobStatements)
                    + "; check the input in the use case that dispatches it"
            ))
            return false
        default:
            return true
        }
    }

    // MARK: Guards

    private mutating func resolveRequireAuth(_ statement: RequireAuthStatement) {
        guard var access else {
            diagnostics.append(.error(
                .ruleWithoutAuth, "'require auth' in a schema without auth", at: statement.keyword.range,
                hint: "declare who calls: auth { id Int @claim(\"sub\") … }"
            ))
            return
        }
        guard let condition = statement.condition else { return }
        let resolved = access.resolveRequirement(condition)
        diagnostics += access.diagnostics
        access.diagnostics = []
        self.access = access
        if let resolved { requirements.append(resolved) }
    }

    private mutating func resolveRequire(_ statement: RequireStatement) {
        guard let model = resolveModel(statement.model), let key = statement.key,
            let lookup = resolveLookup(key, field: statement.field, of: model, uniqueOnly: true)
        else { return }
        guards.append(.exists(lookup.lookup, range: statement.range))
    }

    private mutating func resolveLoad(_ statement: LoadStatement) {
        let name = statement.name.name
        bind(statement.name)
        guard let model = resolveModel(statement.model), let key = statement.key,
            let lookup = resolveLookup(key, field: statement.field, of: model, uniqueOnly: true)
        else { return }
        var profile: String?
        if let written = statement.profile {
            guard model.profiles.contains(where: { $0.name == written.name }) else {
                let hint = Suggestions.didYouMean(written.name, among: model.profiles.map(\.name))
                    ?? (model.profiles.isEmpty ? "'\(model.name)' has no profiles" : nil)
                diagnostics.append(.error(
                    .unknownProfile, "model '\(model.name)' has no profile '\(written.name)'", at: written.range, hint: hint
                ))
                return
            }
            profile = written.name
        }
        let optional = statement.optionalMark != nil
        references.rows[name] = .init(model: model, mayBeNil: optional || lookup.mayBeAbsent)
        guards.append(.load(name: name, lookup: lookup.lookup, optional: optional, profile: profile, range: statement.range))
    }

    /// `exists name = Model(field: value)`: any field (`Order(userId: userId)`), not only a unique one.
    private mutating func resolveExists(_ statement: ExistsStatement) {
        bind(statement.name)
        guard let model = resolveModel(statement.model), let key = statement.key,
            let lookup = resolveLookup(key, field: statement.field, of: model, uniqueOnly: false)
        else { return }
        references.flags.insert(statement.name.name)
        guards.append(.existence(name: statement.name.name, lookup: lookup.lookup, range: statement.range))
    }

    /// A `load` or `exists` name: a field-shaped name no parameter, row or flag already has (L022).
    private mutating func bind(_ identifier: Identifier) {
        let name = identifier.name
        if let problem = NameRules.checkFieldName(identifier) { diagnostics.append(problem) }
        if references.signature.parameters.contains(where: { $0.name == name }) || name == "body" || name == "query" {
            diagnostics.append(.error(
                .duplicateField, "'\(name)' is already a parameter of \(owner)", at: identifier.range,
                hint: "name the loaded row differently, e.g. '\(name)Row'"
            ))
        } else if let line = loadedLines[name] {
            diagnostics.append(.error(
                .duplicateField, "'\(name)' is already loaded in \(owner)", at: identifier.range,
                hint: "'\(name)' is first loaded at line \(line)"
            ))
        } else {
            loadedLines[name] = identifier.range.start.line
        }
    }

    private mutating func resolveUnique(_ statement: UniqueStatement) {
        guard let model = resolveModel(statement.model) else { return }
        guard let field = model.field(named: statement.field.name) else {
            let hint = Suggestions.didYouMean(statement.field.name, among: model.fields.map(\.name))
            diagnostics.append(.error(
                .unknownField, "model '\(model.name)' has no field '\(statement.field.name)'", at: statement.field.range,
                hint: hint
            ))
            return
        }
        guard let value = statement.value, let resolved = references.resolve(value, diagnostics: &diagnostics) else { return }
        guard case .scalar(let scalar) = resolved.type, field.type.accepts(scalar) else {
            diagnostics.append(.error(
                .keyTypeMismatch,
                "'\(value.text)' is '\(resolved.type.schemaSpelling)', but '\(model.name).\(field.name)' is '\(field.type.schemaSpelling)'",
                at: value.range
            ))
            return
        }
        guards.append(.unique(
            model: model.name, field: field.name, value: resolved.source, message: statement.message?.value,
            range: statement.range
        ))
    }

    mutating func resolveModel(_ name: Identifier) -> Model? {
        if let model = models[name.name] { return model }
        let hint = Suggestions.didYouMean(name.name, among: models.keys)
        diagnostics.append(.error(.unknownModel, "unknown model '\(name.name)'", at: name.range, hint: hint))
        return nil
    }

    /// By the key, the value must have the type of the model's primary key; by a field (`Product(sku: body.sku)`),
    /// the field's type, and for `require` and `load` the field must be unique (one row, L122).
    private mutating func resolveLookup(
        _ value: ValueReference, field name: Identifier?, of model: Model, uniqueOnly: Bool
    ) -> (lookup: RowLookup, mayBeAbsent: Bool)? {
        guard let resolved = references.resolve(value, diagnostics: &diagnostics) else { return nil }
        let field: Field
        if let name {
            guard let named = model.field(named: name.name) else {
                let hint = Suggestions.didYouMean(name.name, among: model.fields.map(\.name))
                diagnostics.append(.error(
                    .unknownField, "model '\(model.name)' has no field '\(name.name)'", at: name.range, hint: hint
                ))
                return nil
            }
            let isUnique = named.isPrimaryKey || named.isUnique || model.uniqueConstraints.contains([named.name])
            if uniqueOnly && !isUnique {
                diagnostics.append(.error(
                    .lookupFieldNotUnique, "'\(model.name).\(named.name)' is not unique, so it names no single row",
                    at: name.range, hint: "declare it '@unique' on the model, or ask with 'exists'"
                ))
                return nil
            }
            field = named
        } else {
            guard let primaryKey = model.fields.first(where: \.isPrimaryKey) else { return nil }
            field = primaryKey
        }
        guard case .scalar(let scalar) = resolved.type, field.type.accepts(scalar) else {
            let what = name == nil ? "the key of '\(model.name)'" : "'\(model.name).\(field.name)'"
            diagnostics.append(.error(
                .keyTypeMismatch,
                "'\(value.text)' is '\(resolved.type.schemaSpelling)', but \(what) is '\(field.type.schemaSpelling)'",
                at: value.range, hint: "declare '\(value.text)' as \(field.type.schemaSpelling)"
            ))
            return nil
        }
        let lookup = RowLookup(model: model.name, field: name == nil ? nil : field.name, value: resolved.source)
        return (lookup, resolved.mayBeAbsent)
    }

    // MARK: Rules

    /// `rule body.field @constraint…`: the model half's constraints, applied to a body field. A rule on a field that
    /// may be absent (optional, defaulted or patch) runs only when the field is present and not null.
    private mutating func resolveRule(_ statement: RuleStatement) {
        guard let resolved = references.resolve(statement.target, diagnostics: &diagnostics) else { return }
        guard let field = resolved.field else {
            diagnostics.append(.error(
                .unknownBodyField, "'\(statement.target.text)' is a parameter; rules check fields of the body",
                at: statement.target.range, hint: "use 'check' with a predicate to test a parameter"
            ))
            return
        }
        guard case .scalar(let scalar) = field.type else {
            diagnostics.append(.error(
                .attributeDoesNotFitType,
                "constraints need a scalar field, and 'body.\(field.name)' is '\(field.type.schemaSpelling)'",
                at: statement.target.range
            ))
            return
        }
        for attribute in statement.constraints where !ConstraintResolver.isConstraint(attribute.name.name) {
            let hint = Suggestions.didYouMean(attribute.name.name, among: ConstraintResolver.attributeNames, prefix: "@")
                ?? "the constraints are " + Suggestions.list(ConstraintResolver.attributeNames.map { "@\($0)" })
            diagnostics.append(.error(
                .unknownAttribute, "unknown constraint '@\(attribute.name.name)'", at: attribute.range, hint: hint
            ))
        }
        var constraintResolver = ConstraintResolver()
        let constraints = constraintResolver.resolve(statement.constraints, type: scalar, field: field.name)
        diagnostics += constraintResolver.diagnostics
        let whenPresent = field.presence != .required || field.isOptional
        let condition = statement.condition.flatMap { resolveCondition($0) }
        if statement.condition != nil && condition == nil { return }
        for constraint in constraints {
            rules.append(.constraint(field: field.name, constraint: constraint, whenPresent: whenPresent, condition: condition))
        }
    }

    /// `check function(values) on field "message"`: the field defaults to the first argument's.
    private mutating func resolveCheck(_ statement: CheckStatement) {
        let resolved = statement.arguments.compactMap { references.resolve($0, diagnostics: &diagnostics) }
        guard resolved.count == statement.arguments.count, let message = statement.message else { return }
        var field = statement.arguments.first.map { $0.member?.name ?? $0.base.name } ?? ""
        if let named = statement.field {
            let bodyFields = references.signature.body?.fields.map(\.name) ?? []
            let candidates = bodyFields + references.signature.parameters.map(\.name)
            guard candidates.contains(named.name) else {
                let hint = Suggestions.didYouMean(named.name, among: candidates)
                diagnostics.append(.error(
                    .unknownBodyField, "'\(named.name)' is neither a body field nor a parameter of \(owner)",
                    at: named.range, hint: hint
                ))
                return
            }
            field = named.name
        }
        let whenPresent = resolved.contains { $0.field.map { $0.presence != .required || $0.isOptional } ?? false }
        var condition: StatementCondition?
        if let written = statement.condition {
            guard let resolved = resolveCondition(written) else { return }
            condition = resolved
        }
        rules.append(.predicate(
            function: statement.function.name, arguments: resolved.map(\.source), field: field, message: message.value,
            whenPresent: whenPresent, condition: condition, range: statement.range
        ))
    }

    // MARK: References

    private mutating func resolveTarget(
        _ target: Identifier, among names: [String], kind: String, code: DiagnosticCode
    ) -> String? {
        if names.contains(target.name) { return target.name }
        let hint = Suggestions.didYouMean(target.name, among: names)
        diagnostics.append(.error(code, "unknown \(kind) '\(target.name)'", at: target.range, hint: hint))
        return nil
    }
}
