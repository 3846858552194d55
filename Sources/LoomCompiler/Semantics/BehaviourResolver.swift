/// Checks the behaviour half of a schema — commands, use cases, jobs, callbacks — after the models, and builds
/// their IR. Resources come after it (their routes name use cases); `unusedUseCases` runs last.
struct BehaviourResolver {
    struct Output {
        var commands: [Command] = []
        var useCases: [UseCase] = []
        var jobs: [Job] = []
        var callbacks: [JobCallback] = []
        var services: [Service] = []
        var diagnostics: [Diagnostic] = []
    }

    typealias Entry = (declaration: Declaration, fileName: String)

    static func resolve(_ declarations: [Entry], models: [Model], enums: [EnumType], principal: Principal? = nil) -> Output {
        var output = Output()
        let modelsByName = Dictionary(models.map { ($0.name, $0) }) { first, _ in first }
        let enumsByName = Dictionary(enums.map { ($0.name, $0) }) { first, _ in first }
        let kept = uniqueDeclarations(declarations, models: models, enums: enums, diagnostics: &output.diagnostics)

        let commandNames = Set(kept.compactMap { if case .command(let command) = $0.declaration { command.name.name } else { nil } })
        let types = ValueTypeResolver(commandNames: commandNames, modelNames: Set(modelsByName.keys), enumNames: Set(enums.map(\.name)))
        var commandResolver = CommandResolver(
            types: types, enums: Dictionary(enums.map { ($0.name, $0) }) { first, _ in first }
        )
        for entry in kept {
            if case .command(let command) = entry.declaration {
                output.commands.append(commandResolver.resolve(command, fileName: entry.fileName))
            }
        }
        output.diagnostics += commandResolver.diagnostics

        let commands = Dictionary(output.commands.map { ($0.name, $0) }) { first, _ in first }
        var serviceResolver = ServiceResolver(types: types)
        for entry in kept {
            if case .service(let service) = entry.declaration {
                output.services.append(serviceResolver.resolve(service, fileName: entry.fileName))
            }
        }
        output.diagnostics += serviceResolver.diagnostics
        let serviceNames = output.services.map(\.name)
        let useCaseNames = kept.compactMap { if case .useCase(let useCase) = $0.declaration { useCase.name.name } else { nil } }
        let jobNames = kept.compactMap { if case .job(let job) = $0.declaration { job.name.name } else { nil } }
        for entry in kept {
            switch entry.declaration {
            case .useCase(let declaration):
                let owner = "use case '\(declaration.name.name)'"
                var signatures = SignatureResolver(types: types, commands: commands)
                let signature = signatures.resolve(declaration.parameters, result: declaration.result, owner: owner)
                output.diagnostics += signatures.diagnostics
                var statements = StatementResolver(
                    context: .useCase, references: ValueReferenceResolver(owner: owner, signature: signature),
                    models: modelsByName, useCaseNames: useCaseNames, jobNames: jobNames,
                    access: principal.map { RuleResolver(models: modelsByName, enums: enumsByName, principal: $0) }
                )
                statements.serviceNames = serviceNames
                statements.enums = enumsByName
                statements.resolve(declaration.statements)
                output.diagnostics += statements.diagnostics
                let requirements = statements.requirements
                output.useCases.append(UseCase(
                    name: declaration.name.name, parameters: signature.parameters, body: signature.body?.name,
                    query: signature.query, guards: statements.guards, rules: statements.rules, result: signature.result,
                    dispatches: statements.dispatches, invokes: statements.invokes,
                    requirement: requirements.isEmpty ? nil : requirements.count == 1 ? requirements[0] : .all(requirements),
                    doc: declaration.doc, file: entry.fileName, range: declaration.range
                ))
                output.useCases[output.useCases.count - 1].services = statements.services
                output.useCases[output.useCases.count - 1].computes = statements.computes
                output.useCases[output.useCases.count - 1].isReadOnly = declaration.readonly != nil
                output.useCases[output.useCases.count - 1].dispatchesAsCaller = statements.dispatchesAsCaller
            case .job(let declaration):
                if let readonly = declaration.readonly {
                    output.diagnostics.append(.error(
                        .readOnlyWrites, "a job cannot be readonly", at: readonly.range,
                        hint: "a job runs in its own transaction; remove readonly"
                    ))
                }
                if let job = resolveJob(declaration, fileName: entry.fileName, types: types, commands: commands,
                                        models: modelsByName, services: serviceNames, diagnostics: &output.diagnostics) {
                    output.jobs.append(job)
                }
            case .callback(let declaration):
                if let callback = resolveCallback(declaration, fileName: entry.fileName, jobNames: jobNames,
                                                  diagnostics: &output.diagnostics) {
                    output.callbacks.append(callback)
                }
            default:
                break
            }
        }
        let dispatchedAsCaller = Set(output.useCases.flatMap(\.dispatchesAsCaller))
        for index in output.jobs.indices where dispatchedAsCaller.contains(output.jobs[index].name) {
            output.jobs[index].runsAsCaller = true
        }
        // A readonly use case runs without a transaction, so what it invokes must not write either.
        let readOnly = Dictionary(output.useCases.map { ($0.name, $0.isReadOnly) }) { first, _ in first }
        for useCase in output.useCases where useCase.isReadOnly {
            for name in useCase.invokes where readOnly[name] == false {
                output.diagnostics.append(.error(
                    .readOnlyWrites, "readonly use case '\(useCase.name)' invokes '\(name)', which writes", at: useCase.range,
                    hint: "declare '\(name)' readonly too, or remove readonly from '\(useCase.name)'"
                ))
            }
        }
        return output
    }

    // MARK: Names

    /// Commands, use cases, jobs and callbacks each become a Swift type, so they share one namespace with models and
    /// enums. The later of two declarations with one name is reported and left out.
    private static func uniqueDeclarations(
        _ declarations: [Entry], models: [Model], enums: [EnumType], diagnostics: inout [Diagnostic]
    ) -> [Entry] {
        var first: [String: (kind: String, range: SourceRange)] = [:]
        for model in models { first[model.name] = ("model", model.range) }
        for enumeration in enums where first[enumeration.name] == nil { first[enumeration.name] = ("enum", enumeration.range) }
        var kept: [Entry] = []
        for entry in declarations {
            let named: (kind: String, name: Identifier)
            switch entry.declaration {
            case .command(let command): named = ("command", command.name)
            case .useCase(let useCase): named = ("use case", useCase.name)
            case .job(let job): named = ("job", job.name)
            case .callback(let callback): named = ("callback", callback.name)
            case .service(let service): named = ("service", service.name)
            default: continue
            }
            if let problem = NameRules.checkTypeName(named.name, kind: named.kind) { diagnostics.append(problem) }
            if let previous = first[named.name.name] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "duplicate \(named.kind) '\(named.name.name)'", at: named.name.range,
                    hint: "'\(named.name.name)' is first declared as a \(previous.kind) at "
                        + "\(previous.range.file):\(previous.range.start.line)"
                ))
                continue
            }
            first[named.name.name] = (named.kind, named.name.range)
            kept.append(entry)
        }
        return kept
    }

    // MARK: Jobs and callbacks

    /// A job's inputs and result travel through a queue as JSON: commands and scalars do, a model's entity does not
    /// (pass its key and `load` it).
    private static func resolveJob(
        _ declaration: JobDeclaration, fileName: String, types: ValueTypeResolver, commands: [String: Command],
        models: [String: Model], services: [String], diagnostics: inout [Diagnostic]
    ) -> Job? {
        let owner = "job '\(declaration.name.name)'"
        for parameter in declaration.parameters where parameter.name.name == "query" {
            diagnostics.append(.error(
                .invalidSpecialParameter, "a job has no query", at: parameter.name.range,
                hint: "pass what the job needs as parameters or in its body"
            ))
        }
        var signatures = SignatureResolver(types: types, commands: commands)
        let parameters = declaration.parameters.filter { $0.name.name != "query" }
        var signature = signatures.resolve(parameters, result: declaration.result, owner: owner)
        diagnostics += signatures.diagnostics
        signature.parameters = signature.parameters.filter { parameter in
            guard !parameter.type.isSerializable else { return true }
            diagnostics.append(.error(
                .unserializableJobValue,
                "parameter '\(parameter.name)' of \(owner) is '\(parameter.type.schemaSpelling)', which cannot be queued",
                at: parameter.range, hint: "pass the key instead and load the row in the job"
            ))
            return false
        }
        switch signature.result {
        case .entity(let model), .page(let model):
            diagnostics.append(.error(
                .unserializableJobValue, "the result of \(owner) is model '\(model)', which cannot be queued",
                at: declaration.result?.range ?? declaration.name.range,
                hint: "return a command, a scalar or nothing"
            ))
            signature.result = .none
        default:
            break
        }
        var statements = StatementResolver(
            context: .job, references: ValueReferenceResolver(owner: owner, signature: signature), models: models,
            useCaseNames: [], jobNames: []
        )
        statements.serviceNames = services
        statements.resolve(declaration.statements)
        diagnostics += statements.diagnostics
        var options = JobOptionsResolver()
        options.resolve(statements.options, job: declaration.name.name)
        diagnostics += options.diagnostics
        var job = Job(
            name: declaration.name.name, queue: options.queue, retries: options.retries, backoff: options.backoff,
            timeout: options.timeout, parameters: signature.parameters, payload: signature.body?.name,
            loads: statements.guards, result: signature.result, doc: declaration.doc, file: fileName,
            range: declaration.range
        )
        job.services = statements.services
        job.priority = options.priority
        return job
    }

    private static func resolveCallback(
        _ declaration: CallbackDeclaration, fileName: String, jobNames: [String], diagnostics: inout [Diagnostic]
    ) -> JobCallback? {
        guard let eventName = declaration.event, let jobName = declaration.job else { return nil }
        var isValid = true
        let event = JobCallback.Event(rawValue: eventName.name)
        if event == nil {
            isValid = false
            let hint = Suggestions.didYouMean(eventName.name, among: Keywords.callbackEvents)
            diagnostics.append(.error(
                .unknownCallbackEvent, "unknown job event '\(eventName.name)'; expected success or failure",
                at: eventName.range, hint: hint
            ))
        }
        if !jobNames.contains(jobName.name) {
            isValid = false
            let hint = Suggestions.didYouMean(jobName.name, among: jobNames)
            diagnostics.append(.error(.unknownJob, "unknown job '\(jobName.name)'", at: jobName.range, hint: hint))
        }
        if let quantifier = declaration.quantifier, let event {
            let expected = event == .success ? "all" : "any"
            if quantifier.name != expected {
                isValid = false
                diagnostics.append(.error(
                    .unknownCallbackEvent,
                    "a group's callback is 'on success of all' (every job succeeded) or 'on failure of any' (one failed for good)",
                    at: quantifier.range, hint: "write on \(event.rawValue) of \(expected) \(jobName.name)"
                ))
            }
        }
        guard isValid, let event else { return nil }
        return JobCallback(
            name: declaration.name.name, job: jobName.name, event: event, isGroup: declaration.quantifier != nil,
            doc: declaration.doc, file: fileName, range: declaration.range
        )
    }

    // MARK: Unused

    /// A use case no route serves and no use case invokes can never run: a warning, since it may be work in progress.
    /// Not reported while a route or `invoke` names an unknown use case (L070): that name may be meant for it.
    static func unusedUseCases(
        _ useCases: [UseCase], routed: Set<String>, declarations: [Entry], diagnostics: [Diagnostic]
    ) -> [Diagnostic] {
        guard !diagnostics.contains(where: { $0.code == .unknownUseCase }) else { return [] }
        let used = routed.union(useCases.flatMap(\.invokes))
        var names: [String: Identifier] = [:]
        for entry in declarations {
            if case .useCase(let declaration) = entry.declaration, names[declaration.name.name] == nil {
                names[declaration.name.name] = declaration.name
            }
        }
        return useCases.filter { !used.contains($0.name) }.compactMap { useCase in
            guard let name = names[useCase.name] else { return nil }
            return .warning(
                .unusedUseCase, "use case '\(useCase.name)' is never routed or invoked", at: name.range,
                hint: "route it from a resource, e.g. POST \"/…\" -> \(useCase.name), invoke it, or remove it"
            )
        }
    }
}
