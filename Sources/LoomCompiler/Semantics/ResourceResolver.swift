/// Checks resource declarations against the schema's models and against each other, and turns them into IR
/// `Resource`s.
struct ResourceResolver {
    /// The schema's models by name, the first declaration of each.
    let models: [String: Model]
    var diagnostics: [Diagnostic] = []
    /// The first resource of each model, for L044.
    private var resourceByModel: [String: ResourceDeclaration] = [:]
    /// Which resource serves each route so far, for L041.
    private var ownerByRoute: [Route: ResourceDeclaration] = [:]

    init(models: [String: Model]) {
        self.models = models
    }

    /// Call in schema order (file name, then position): the later of two clashing resources is the one reported.
    mutating func resolve(_ declaration: ResourceDeclaration, fileName: String) -> Resource? {
        let modelName = declaration.model.name
        var isDuplicate = false
        if models[modelName] == nil {
            let hint = Suggestions.didYouMean(modelName, among: models.keys)
            diagnostics.append(.error(.unknownModel, "unknown model '\(modelName)'", at: declaration.model.range, hint: hint))
        } else if let first = resourceByModel[modelName] {
            isDuplicate = true
            diagnostics.append(.error(
                .duplicateResource, "model '\(modelName)' already has a resource", at: declaration.model.range,
                hint: "the first is at \(Self.location(first.model.range)); merge the two"
            ))
        } else {
            resourceByModel[modelName] = declaration
        }

        let operations = resolveOperations(declaration)
        let pagination = resolvePagination(declaration)
        var path: String?
        if let literal = declaration.path {
            switch ResourcePath.normalise(literal) {
            case .valid(let normalised): path = normalised
            case .invalid(let problem): diagnostics.append(problem)
            }
        }
        guard let path else { return nil }
        if !isDuplicate { checkRoutes(of: declaration, operations: operations, path: path) }
        return Resource(
            model: modelName, path: path, operations: operations, pagination: pagination, file: fileName,
            range: declaration.range
        )
    }

    private static func location(_ range: SourceRange) -> String { "\(range.file):\(range.start.line)" }

    // MARK: Members

    /// `crud` alone means every operation; no `crud` means none. Returned in `CRUDOperation.allCases` order.
    private mutating func resolveOperations(_ declaration: ResourceDeclaration) -> [CRUDOperation] {
        let cruds = declaration.items.compactMap { item -> CRUDItem? in
            if case .crud(let crud) = item { crud } else { nil }
        }
        guard let crud = cruds.first else { return [] }
        for repeated in cruds.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'crud' is given twice in resource '\(declaration.model.name)'",
                at: repeated.keyword.range, hint: "list every operation in one 'crud'"
            ))
        }
        guard !crud.operations.isEmpty else { return CRUDOperation.allCases }
        var chosen: Set<CRUDOperation> = []
        for name in crud.operations {
            guard let operation = CRUDOperation(rawValue: name.name) else {
                let hint = Suggestions.didYouMean(name.name, among: Keywords.crudOperations)
                    ?? "the operations are " + Keywords.crudOperations.joined(separator: ", ")
                diagnostics.append(.error(
                    .unknownCRUDOperation, "unknown CRUD operation '\(name.name)'", at: name.range, hint: hint
                ))
                continue
            }
            if !chosen.insert(operation).inserted {
                diagnostics.append(.warning(
                    .duplicateAttribute, "operation '\(name.name)' is listed twice", at: name.range, hint: "remove one"
                ))
            }
        }
        return CRUDOperation.allCases.filter(chosen.contains)
    }

    private mutating func resolvePagination(_ declaration: ResourceDeclaration) -> PaginationMode {
        let items = declaration.items.compactMap { item -> PaginationItem? in
            if case .pagination(let pagination) = item { pagination } else { nil }
        }
        for repeated in items.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'pagination' is given twice in resource '\(declaration.model.name)'",
                at: repeated.keyword.range, hint: "remove one of them"
            ))
        }
        guard let mode = items.first?.mode else { return .offset }
        if let pagination = PaginationMode(rawValue: mode.name) { return pagination }
        let modes = PaginationMode.allCases.map(\.rawValue)
        let hint = Suggestions.didYouMean(mode.name, among: modes)
        diagnostics.append(.error(
            .unknownPaginationMode, "unknown pagination mode '\(mode.name)'; expected offset or cursor", at: mode.range,
            hint: hint
        ))
        return .offset
    }

    // MARK: Routes

    /// Reports the first route this resource shares with an earlier one; records the rest.
    private mutating func checkRoutes(of declaration: ResourceDeclaration, operations: [CRUDOperation], path: String) {
        var reported = false
        for operation in operations {
            let route = Route.crud(operation, at: path)
            if let owner = ownerByRoute[route] {
                if !reported, let literal = declaration.path {
                    reported = true
                    diagnostics.append(.error(
                        .duplicateRoute,
                        "route '\(route.description)' of resource '\(declaration.model.name)' "
                            + "is already served by resource '\(owner.model.name)'",
                        at: literal.range,
                        hint: "'\(owner.model.name)' is declared at \(Self.location(owner.range)); "
                            + "give one of them another path"
                    ))
                }
            } else {
                ownerByRoute[route] = declaration
            }
        }
    }
}
