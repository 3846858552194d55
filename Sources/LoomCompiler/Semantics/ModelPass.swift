/// The model half of the checker: enums, then models (fields, keys, composite keys), then the relations between
/// them, then the profiles that read those relations. Every later pass of the checker may rely on its output.
enum ModelPass {
    struct Output {
        /// The first declaration of each name, in schema order.
        var models: [Model]
        var enums: [EnumType]
        var diagnostics: [Diagnostic]
    }

    /// `declarations` in schema order (file name, then position).
    /// `cache`: the models of the previous analysis (an editor's), reused where nothing they depend on changed;
    /// `paths`: each declaration's file path, for the cache.
    static func run(
        _ declarations: [(declaration: Declaration, fileName: String)], paths: [String] = [], cache: ModelResolutionCache? = nil
    ) -> Output {
        var diagnostics: [Diagnostic] = []
        let modelDeclarations = declarations.compactMap { entry -> (ModelDeclaration, String)? in
            if case .model(let model) = entry.declaration { (model, entry.fileName) } else { nil }
        }
        let modelNames = Set(modelDeclarations.map(\.0.name.name))

        // Enums first: field types and defaults refer to them.
        var enumResolver = EnumResolver()
        var enums: [EnumType] = []
        var firstEnumByName: [String: EnumDeclaration] = [:]
        for entry in declarations {
            guard case .enumeration(let declaration) = entry.declaration else { continue }
            let resolved = enumResolver.resolve(declaration, fileName: entry.fileName)
            let name = declaration.name.name
            if let first = firstEnumByName[name] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "duplicate enum '\(name)'", at: declaration.name.range,
                    hint: "'\(name)' is first declared at \(location(first.name.range))"
                ))
                continue
            }
            if let model = modelDeclarations.first(where: { $0.0.name.name == name })?.0 {
                diagnostics.append(.error(
                    .duplicateDeclaration, "enum '\(name)' has the name of a model", at: declaration.name.range,
                    hint: "model '\(name)' is declared at \(location(model.name.range)); rename one of them"
                ))
                continue
            }
            firstEnumByName[name] = declaration
            if let resolved { enums.append(resolved) }
        }
        diagnostics += enumResolver.diagnostics

        // Models, each on its own; the relations between them wait for every key.
        let modelResolver = ModelResolver(
            modelNames: modelNames, enums: Dictionary(enums.map { ($0.name, $0) }) { first, _ in first },
            primaryKeyNames: ModelResolver.primaryKeyNames(of: modelDeclarations.map(\.0))
        )
        var firstModelByName: [String: ModelDeclaration] = [:]
        var firstModelByFoldedName: [String: ModelDeclaration] = [:]
        var firstModelByTable: [String: Model] = [:]
        var models: [Model] = []
        var profileDeclarations: [[ProfileDeclaration]] = []
        var pendingRelations: [PendingRelation] = []
        var pendingThroughRelations: [PendingThroughRelation] = []
        var modelPaths: [String] = []
        if paths.count == declarations.count {
            for index in declarations.indices {
                if case .model = declarations[index].declaration { modelPaths.append(paths[index]) }
            }
        }
        let cache = modelPaths.count == modelDeclarations.count ? cache : nil
        cache?.begin(
            ModelResolutionCache.Context(modelNames: modelNames, enums: modelResolver.enums, primaryKeyNames: modelResolver.primaryKeyNames),
            paths: Set(paths))
        var modelDiagnostics: [Diagnostic] = []
        var ordinals: [String: Int] = [:]
        for (index, (declaration, fileName)) in modelDeclarations.enumerated() {
            let resolved: ModelResolutionCache.Entry
            if let cache {
                let path = modelPaths[index]
                let ordinal = ordinals[path, default: 0]
                ordinals[path] = ordinal + 1
                resolved = cache.entry(path: path, ordinal: ordinal) { modelResolver.resolveAlone(declaration, fileName: fileName) }
            } else {
                resolved = modelResolver.resolveAlone(declaration, fileName: fileName)
            }
            let model = resolved.model
            modelDiagnostics += resolved.diagnostics
            if let first = firstModelByName[model.name] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "duplicate model '\(model.name)'", at: declaration.name.range,
                    hint: "'\(model.name)' is first declared at \(location(first.name.range))"
                ))
                continue
            }
            firstModelByName[model.name] = declaration
            // A model's generated file is named after it (`User.model.swift`), and the file systems of macOS and
            // Windows do not tell `User` from `USER`: one file would overwrite the other.
            if let first = firstModelByFoldedName[model.name.lowercased()] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "model '\(model.name)' differs from model '\(first.name.name)' only in case",
                    at: declaration.name.range,
                    hint: "rename one: generated files are named after models, and macOS does not tell "
                        + "\(model.name).model.swift from \(first.name.name).model.swift"
                ))
                continue
            }
            firstModelByFoldedName[model.name.lowercased()] = declaration
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
            profileDeclarations.append(declaration.profiles)
            pendingRelations += resolved.pendingRelations
            pendingThroughRelations += resolved.pendingThroughRelations
        }
        diagnostics += modelDiagnostics

        var relationResolver = RelationResolver(
            modelsDeclaringKeys: Set(ModelResolver.primaryKeyNames(of: modelDeclarations.map(\.0)).keys)
        )
        relationResolver.resolve(&models, pending: pendingRelations)
        relationResolver.resolveThrough(&models, pending: pendingThroughRelations)
        diagnostics += relationResolver.diagnostics

        var profileResolver = ProfileResolver()
        for index in models.indices {
            models[index].profiles = profileResolver.resolve(profileDeclarations[index], of: models[index])
        }
        diagnostics += profileResolver.diagnostics

        return Output(models: models, enums: enums, diagnostics: diagnostics)
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
