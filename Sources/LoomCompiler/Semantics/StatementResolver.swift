/// Checks the statements of a use case or job body — guards, rules, invokes, dispatches, job options — against its
/// signature and the schema, and collects them for the IR.
struct StatementResolver {
    enum Context {
        case useCase
        case job
    }

    let context: Context
    let references: ValueReferenceResolver
    let models: [String: Model]
    let useCaseNames: [String]
    let jobNames: [String]
    /// The schema's services, for `uses`.
    var serviceNames: [String] = []
    var services: [String] = []
    /// Resolves `require auth …`; nil when the schema declares no `auth`.
    var access: RuleResolver?
    var diagnostics: [Diagnostic] = []
    /// Every `require auth …` of the body, all of which must hold.
    var requirements: [RuleCondition] = []

    var guards: [Guard] = []
    var rules: [Rule] = []
    var invokes: [String] = []
    var dispatches: [String] = []
    /// The jobs of `dispatches` dispatched `as caller`.
    var dispatchesAsCaller: [String] = []
    var options: [JobOptionStatement] = []
    /// The names `load` binds, with where, for L022.
    private var loadedLines: [String: Int] = [:]

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

    private var owner: String { references.owner }

    mutating func resolve(_ statements: [Statement]) {
        for statement in statements {
            guard isAllowed(statement) else { continue }
            switch statement {
            case .require(let require): resolveRequire(require)
            case .requireAuth(let require): resolveRequireAuth(require)
            case .load(let load): resolveLoad(load)
            case .unique(let unique): resolveUnique(unique)
            case .rule(let rule): resolveRule(rule)
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
        case (.job, .unique), (.job, .rule), (.job, .check), (.job, .invoke), (.job, .dispatch):
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
            let source = resolveKey(key, of: model)
        else { return }
        guards.append(.exists(model: model.name, key: source, range: statement.range))
    }

    private mutating func resolveLoad(_ statement: LoadStatement) {
        let name = statement.name.name
        if let problem = NameRules.checkFieldName(statement.name) { diagnostics.append(problem) }
        if references.signature.parameters.contains(where: { $0.name == name }) || name == "body" || name == "query" {
            diagnostics.append(.error(
                .duplicateField, "'\(name)' is already a parameter of \(owner)", at: statement.name.range,
                hint: "name the loaded row differently, e.g. '\(name)Row'"
            ))
        } else if let line = loadedLines[name] {
            diagnostics.append(.error(
                .duplicateField, "'\(name)' is already loaded in \(owner)", at: statement.name.range,
                hint: "'\(name)' is first loaded at line \(line)"
            ))
        } else {
            loadedLines[name] = statement.name.range.start.line
        }
        guard let model = resolveModel(statement.model), let key = statement.key,
            let source = resolveKey(key, of: model)
        else { return }
        guards.append(.load(
            name: name, model: model.name, key: source, optional: statement.optionalMark != nil, range: statement.range
        ))
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

    private mutating func resolveModel(_ name: Identifier) -> Model? {
        if let model = models[name.name] { return model }
        let hint = Suggestions.didYouMean(name.name, among: models.keys)
        diagnostics.append(.error(.unknownModel, "unknown model '\(name.name)'", at: name.range, hint: hint))
        return nil
    }

    /// The key must have the type of the model's primary key.
    private mutating func resolveKey(_ key: ValueReference, of model: Model) -> ValueSource? {
        guard let resolved = references.resolve(key, diagnostics: &diagnostics) else { return nil }
        guard let primaryKey = model.fields.first(where: \.isPrimaryKey) else { return resolved.source }
        guard case .scalar(let scalar) = resolved.type, primaryKey.type.accepts(scalar) else {
            diagnostics.append(.error(
                .keyTypeMismatch,
                "'\(key.text)' is '\(resolved.type.schemaSpelling)', but the key of '\(model.name)' is '\(primaryKey.type.schemaSpelling)'",
                at: key.range, hint: "declare '\(key.text)' as \(primaryKey.type.schemaSpelling)"
            ))
            return nil
        }
        return resolved.source
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
        for constraint in constraints {
            rules.append(.constraint(field: field.name, constraint: constraint, whenPresent: whenPresent))
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
        rules.append(.predicate(
            function: statement.function.name, arguments: resolved.map(\.source), field: field, message: message.value,
            whenPresent: whenPresent, range: statement.range
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
