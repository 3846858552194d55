/// The semantic pass: checks the parsed files of one schema together and builds the resolved IR.
enum Checker {
    struct Output {
        /// Built even when there are errors (from what could be resolved); the front end drops it then.
        var schema: ResolvedSchema
        var diagnostics: [Diagnostic]
    }

    /// `files` must already be in schema order (by file name).
    static func check(name: String, files: [SourceFileSyntax]) -> Output {
        var diagnostics: [Diagnostic] = []
        let declarations = files.flatMap { file in
            file.declarations.map { (declaration: $0, fileName: file.file.fileName) }
        }

        // Models first: resources and field types refer to them by name, in any file.
        let modelDeclarations = declarations.compactMap { entry -> (ModelDeclaration, String)? in
            if case .model(let model) = entry.declaration { (model, entry.fileName) } else { nil }
        }
        let modelNames = Set(modelDeclarations.map(\.0.name.name))
        var modelResolver = ModelResolver(modelNames: modelNames)
        var firstModelByName: [String: ModelDeclaration] = [:]
        var firstModelByTable: [String: Model] = [:]
        var models: [Model] = []
        for (declaration, fileName) in modelDeclarations {
            let model = modelResolver.resolve(declaration, fileName: fileName)
            if let first = firstModelByName[model.name] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "duplicate model '\(model.name)'", at: declaration.name.range,
                    hint: "'\(model.name)' is first declared at \(location(first.name.range))"
                ))
                continue
            }
            firstModelByName[model.name] = declaration
            if let first = firstModelByTable[model.table] {
                diagnostics.append(.error(
                    .duplicateDeclaration,
                    "table '\(model.table)' of model '\(model.name)' is already used by model '\(first.name)'",
                    at: tableRange(of: declaration),
                    hint: "give one of them another name with table \"…\""
                ))
            } else {
                firstModelByTable[model.table] = model
            }
            models.append(model)
        }
        diagnostics += modelResolver.diagnostics

        var resourceResolver = ResourceResolver(models: Dictionary(models.map { ($0.name, $0) }) { first, _ in first })
        var resources: [Resource] = []
        for entry in declarations {
            guard case .resource(let declaration) = entry.declaration else { continue }
            if let resource = resourceResolver.resolve(declaration, fileName: entry.fileName) {
                resources.append(resource)
            }
        }
        diagnostics += resourceResolver.diagnostics

        let schema = ResolvedSchema(name: name, files: files.map(\.file), models: models, resources: resources)
        return Output(schema: schema, diagnostics: diagnostics)
    }

    private static func location(_ range: SourceRange) -> String { "\(range.file):\(range.start.line)" }

    /// Where a table clash is reported: the `table "…"` option when there is one, else the model's name.
    private static func tableRange(of declaration: ModelDeclaration) -> SourceRange {
        for option in declaration.options {
            if case .table(let table) = option.kind { return table.range }
        }
        return declaration.name.range
    }
}
