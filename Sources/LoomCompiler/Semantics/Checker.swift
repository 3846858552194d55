/// The semantic pass: checks the parsed files of one schema together and builds the resolved IR.
enum Checker {
    struct Output {
        /// Built even when there are errors (from what could be resolved); the front end drops it then.
        var schema: ResolvedSchema
        var diagnostics: [Diagnostic]
    }

    /// `files` must already be in schema order (by file name). `models`: an editor's cache of resolved models.
    static func check(name: String, files: [SourceFileSyntax], models cache: ModelResolutionCache? = nil) -> Output {
        var diagnostics: [Diagnostic] = []
        let declarations = files.flatMap { file in
            file.declarations.map { (declaration: $0, fileName: file.file.fileName) }
        }
        let paths = cache == nil ? [] : files.flatMap { file in file.declarations.map { _ in file.file.path } }

        // Models first (with their enums, relations and profiles): everything else refers to them by name, in any
        // file.
        let modelPass = ModelPass.run(declarations, paths: paths, cache: cache)
        var models = modelPass.models.map { model in
            var model = model
            model.inputs = ModelInputSynthesis.inputs(of: model)
            return model
        }
        diagnostics += modelPass.diagnostics

        // Access: the principal, then each model's rules, which name its fields, relations and the enums.
        let auth = AuthResolver.resolve(declarations, modelNames: Set(models.map(\.name)), enums: modelPass.enums)
        diagnostics += auth.diagnostics
        diagnostics += resolveAccessRules(declarations, models: &models, enums: modelPass.enums, principal: auth.auth)
        diagnostics += CacheResolver.checkRules(of: models)
        diagnostics += GeneratedNames.check(schemaName: name, models: models, declarations: declarations)
        diagnostics += IdentifierLengths.check(
            models, enums: modelPass.enums, schemaName: name, files: files.map(\.file), deriveConstraints: !diagnostics.hasErrors)

        // Then commands, use cases, jobs and callbacks; resources after them, since routes name use cases.
        let behaviour = BehaviourResolver.resolve(declarations, models: models, enums: modelPass.enums, principal: auth.auth)
        diagnostics += behaviour.diagnostics
        diagnostics += CheckPredicateSignatures.check(behaviour.useCases, commands: behaviour.commands, models: models)

        var resourceResolver = ResourceResolver(
            models: Dictionary(models.map { ($0.name, $0) }) { first, _ in first },
            useCases: Dictionary(behaviour.useCases.map { ($0.name, $0) }) { first, _ in first }
        )
        var resources: [Resource] = []
        for entry in declarations {
            guard case .resource(let declaration) = entry.declaration else { continue }
            if let resource = resourceResolver.resolve(declaration, fileName: entry.fileName) {
                resources.append(resource)
            }
        }
        diagnostics += resourceResolver.diagnostics
        diagnostics += BehaviourResolver.unusedUseCases(
            behaviour.useCases, routed: resourceResolver.routedUseCases, declarations: declarations,
            diagnostics: diagnostics
        )

        var schema = ResolvedSchema(
            name: name, files: files.map(\.file), models: models, resources: resources, enums: modelPass.enums,
            commands: behaviour.commands, useCases: behaviour.useCases, jobs: behaviour.jobs, callbacks: behaviour.callbacks,
            endpoints: resourceResolver.endpoints, auth: auth.auth
        )
        schema.services = behaviour.services
        return Output(schema: schema, diagnostics: diagnostics)
    }

    /// Sets each model's `accessRules` from the rules of its (first) declaration.
    private static func resolveAccessRules(
        _ declarations: [(declaration: Declaration, fileName: String)], models: inout [Model], enums: [EnumType],
        principal: Principal?
    ) -> [Diagnostic] {
        var rulesByModel: [String: [AccessRuleSyntax]] = [:]
        for entry in declarations {
            guard case .model(let model) = entry.declaration, rulesByModel[model.name.name] == nil else { continue }
            rulesByModel[model.name.name] = model.rules
        }
        var resolver = RuleResolver(
            models: Dictionary(models.map { ($0.name, $0) }) { first, _ in first },
            enums: Dictionary(enums.map { ($0.name, $0) }) { first, _ in first }, principal: principal
        )
        for index in models.indices {
            guard let rules = rulesByModel[models[index].name], !rules.isEmpty else { continue }
            models[index].accessRules = resolver.resolve(rules, of: models[index])
        }
        return resolver.diagnostics
    }
}
