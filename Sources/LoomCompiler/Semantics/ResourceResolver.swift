import LoomVocabulary

/// Checks resource declarations against the schema's models, use cases and each other, and turns them into IR
/// `Resource`s. Custom routes are checked in `ResourceResolver+Routes.swift`.
struct ResourceResolver {
    /// The schema's models by name, the first declaration of each.
    let models: [String: Model]
    /// The schema's use cases by name, for custom routes.
    let useCases: [String: UseCase]
    var diagnostics: [Diagnostic] = []
    /// The first resource of each model, for L044.
    private var resourceByModel: [String: ResourceDeclaration] = [:]
    /// Which resource serves each endpoint so far, for L041.
    var ownerByEndpoint: [EndpointKey: EndpointOwner] = [:]
    /// Every endpoint of the resources resolved so far, in schema order.
    var endpoints: [Endpoint] = []
    /// The use cases some route names, even a route with errors, for the unused check (L081).
    var routedUseCases: Set<String> = []

    init(models: [String: Model], useCases: [String: UseCase] = [:]) {
        self.models = models
        self.useCases = useCases
        // About six endpoints a resource: growing the table from empty rehashes every shape a dozen times.
        ownerByEndpoint.reserveCapacity(models.count * 6)
        endpoints.reserveCapacity(models.count * 6)
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
        let (pagination, pageSize) = resolvePagination(declaration)
        var path: String?
        if let literal = declaration.path {
            switch ResourcePath.normalise(literal) {
            case .valid(let normalised): path = normalised
            case .invalid(let problem): diagnostics.append(problem)
            }
        }
        guard let path else { return nil }
        let parent = resolveParent(of: declaration, path: path)
        let tags = resolveTags(declaration)
        let override = paginationOverride(declaration)
        let deleteStatus = resolveDeleteStatus(declaration)
        let exposure = resolveExposure(declaration)
        let crud = crudEndpoints(
            of: declaration, operations: operations, path: path, pagination: pagination, paginationOverride: override,
            pageSize: pageSize, parent: parent, tags: tags, deleteStatus: deleteStatus, exposure: exposure
        )
        if !isDuplicate { checkCRUDClashes(crud, of: declaration) }
        endpoints += crud
        var routes: [CustomRoute] = []
        for item in declaration.items {
            guard case .route(let item) = item,
                  let route = resolveRoute(item, of: declaration, resourcePath: path, parent: parent)
            else { continue }
            routes.append(route)
            guard let endpoint = customEndpoint(route, of: modelName, parent: parent, tags: tags, exposure: exposure) else {
                continue
            }
            if !isDuplicate { checkCustomClash(endpoint, item: item, of: declaration) }
            endpoints.append(endpoint)
        }
        var resource = Resource(
            model: modelName, path: path, operations: operations, pagination: pagination, file: fileName,
            range: declaration.range, paginationOverride: override, tags: tags, routes: routes, parent: parent,
            doc: declaration.doc
        )
        resource.deleteStatus = deleteStatus
        resource.pageSize = pageSize
        resource.filterable = exposure.filterable
        resource.sortable = exposure.sortable
        resource.profiles = exposure.profiles
        return resource
    }

    static func location(_ range: SourceRange) -> String { "\(range.file):\(range.start.line)" }

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

    private mutating func resolvePagination(_ declaration: ResourceDeclaration) -> (PaginationMode, pageSize: Int?) {
        let items = declaration.items.compactMap { item -> PaginationItem? in
            if case .pagination(let pagination) = item { pagination } else { nil }
        }
        for repeated in items.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'pagination' is given twice in resource '\(declaration.model.name)'",
                at: repeated.keyword.range, hint: "remove one of them"
            ))
        }
        guard let item = items.first else { return (.offset, nil) }
        return (resolvePaginationMode(item), resolvePageSize(item))
    }

    /// The page size of `limit N` (L134 outside 1…`ListParameter.maximumLimit`); nil when not given.
    mutating func resolvePageSize(_ item: PaginationItem) -> Int? {
        guard let literal = item.pageSize else { return nil }
        let maximum = ListParameter.maximumLimit
        guard case .integer(let size) = literal.value, (1...maximum).contains(size) else {
            diagnostics.append(.error(
                .pageSizeOutOfRange, "page size \(literal.text) is out of range; a page holds 1 to \(maximum) rows",
                at: literal.range, hint: "the default is \(ListParameter.defaultLimit); a request may still ask for up to \(maximum) with ?limit="
            ))
            return nil
        }
        return size
    }

    /// The mode of `pagination offset|cursor` (L045 for another word; offset then).
    mutating func resolvePaginationMode(_ item: PaginationItem) -> PaginationMode {
        guard let mode = item.mode else { return .offset }
        if let pagination = PaginationMode(rawValue: mode.name) { return pagination }
        let modes = PaginationMode.allCases.map(\.rawValue)
        let hint = Suggestions.didYouMean(mode.name, among: modes)
        diagnostics.append(.error(
            .unknownPaginationMode, "unknown pagination mode '\(mode.name)'; expected offset or cursor", at: mode.range,
            hint: hint
        ))
        return .offset
    }

    /// A request may pick the other pagination mode unless the mode is `fixed`.
    private func paginationOverride(_ declaration: ResourceDeclaration) -> Bool {
        for item in declaration.items {
            if case .pagination(let pagination) = item { return pagination.fixed == nil }
        }
        return true
    }

    /// `deleteStatus 200|204`; 200 (the JSON `true`) by default.
    private mutating func resolveDeleteStatus(_ declaration: ResourceDeclaration) -> Int {
        let items = declaration.items.compactMap { item -> DeleteStatusItem? in
            if case .deleteStatus(let status) = item { status } else { nil }
        }
        for repeated in items.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'deleteStatus' is given twice in resource '\(declaration.model.name)'",
                at: repeated.keyword.range, hint: "remove one of them"
            ))
        }
        guard let literal = items.first?.status else { return 200 }
        guard case .integer(let status) = literal.value, status == 200 || status == 204 else {
            diagnostics.append(.error(
                .invalidStatusCode, "a DELETE answers 200 (with the JSON true) or 204 (no body), not \(literal.text)",
                at: literal.range, hint: "write deleteStatus 204, or leave it out for 200"
            ))
            return 200
        }
        return status
    }

    /// `tags "a", "b"`; by default the model's name.
    private mutating func resolveTags(_ declaration: ResourceDeclaration) -> [String] {
        let items = declaration.items.compactMap { item -> TagsItem? in
            if case .tags(let tags) = item { tags } else { nil }
        }
        for repeated in items.dropFirst() {
            diagnostics.append(.error(
                .duplicateAttribute, "'tags' is given twice in resource '\(declaration.model.name)'",
                at: repeated.keyword.range, hint: "list every tag in one 'tags'"
            ))
        }
        guard let tags = items.first, !tags.tags.isEmpty else { return [declaration.model.name] }
        return tags.tags.map(\.value)
    }

    // MARK: Nesting

    /// `resource Address at "/users/{userId}/addresses" under User`: the path names exactly one parameter, the
    /// parent's key, and the child model has a foreign key to the parent. A path parameter without `under` is an
    /// error: nothing would scope the rows.
    private mutating func resolveParent(of declaration: ResourceDeclaration, path: String) -> ParentScope? {
        let parameters = ResourcePath.parameters(in: path)
        let literalRange = declaration.path?.range ?? declaration.model.range
        guard let parentName = declaration.parent else {
            if let parameter = parameters.first {
                let guess = parameter.hasSuffix("Id") ? String(parameter.dropLast(2)) : parameter
                let parentGuess = guess.prefix(1).uppercased() + guess.dropFirst()
                diagnostics.append(.error(
                    .invalidPath,
                    "path '\(path)' has parameter '{\(parameter)}', but resource '\(declaration.model.name)' names no parent",
                    at: literalRange, hint: "write under \(parentGuess) after the path"
                ))
            }
            return nil
        }
        guard let parent = models[parentName.name] else {
            let hint = Suggestions.didYouMean(parentName.name, among: models.keys)
            diagnostics.append(.error(.unknownModel, "unknown model '\(parentName.name)'", at: parentName.range, hint: hint))
            return nil
        }
        guard parameters.count == 1, let parameter = parameters.first else {
            let key = Naming.lowerFirst(parent.name) + "Id"
            diagnostics.append(.error(
                .invalidPath,
                "the path of a nested resource names exactly one parameter, the key of '\(parent.name)'",
                at: literalRange, hint: "write e.g. '/\(Naming.tableName(forModel: parent.name).replacing("_", with: "-"))/{\(key)}/…'"
            ))
            return nil
        }
        guard let child = models[declaration.model.name] else { return nil }
        guard let foreignKey = child.fields.first(where: { $0.reference?.model == parent.name }) else {
            diagnostics.append(.error(
                .missingParentReference, "model '\(child.name)' has no reference to '\(parent.name)'",
                at: parentName.range,
                hint: "add '\(Naming.lowerFirst(parent.name)) \(parent.name)' to model '\(child.name)'"
            ))
            return nil
        }
        return ParentScope(model: parent.name, parameter: parameter, foreignKey: foreignKey.name)
    }
}
