/// What a resource lets a request ask for: the fields its lists filter on (`filterable`) and sort by (`sortable`),
/// and the profiles `?profile=` of its get and list may name (`profiles`). Each is every one the model has unless
/// the resource lists them.
struct ResourceExposure: Hashable {
    var filterable: [String]?
    var sortable: [String]?
    var profiles: [String]?

    /// A list query of `model` on this resource: the resource's lists apply to its own model only.
    func listQuery(
        model: String, of resource: String, pagination: PaginationMode, paginationOverride: Bool, pageSize: Int?
    ) -> Endpoint.ListQuery {
        let own = model == resource
        var query = Endpoint.ListQuery(
            model: model, pagination: pagination, paginationOverride: paginationOverride,
            filterable: own ? filterable : nil, sortable: own ? sortable : nil
        )
        query.pageSize = pageSize
        return query
    }
}

extension ResourceResolver {
    /// `filterable a, b`, `sortable a, b`, `profiles a, b`: each given once, naming fields a filter or sort applies
    /// to (L130, L131) or the model's profiles (L056). A name with an error is left out of the list.
    mutating func resolveExposure(_ declaration: ResourceDeclaration) -> ResourceExposure {
        var exposure = ResourceExposure()
        let model = models[declaration.model.name]
        for kind in FieldListItem.Kind.allCases {
            let items = declaration.items.compactMap { item -> FieldListItem? in
                if case .fieldList(let list) = item, list.kind == kind { list } else { nil }
            }
            for repeated in items.dropFirst() {
                diagnostics.append(.error(
                    .duplicateAttribute, "'\(kind.rawValue)' is given twice in resource '\(declaration.model.name)'",
                    at: repeated.keyword.range, hint: "list every name in one '\(kind.rawValue)'"
                ))
            }
            guard let item = items.first, let model else { continue }
            var names: [String] = []
            for name in item.names {
                guard !names.contains(name.name) else {
                    diagnostics.append(.warning(
                        .duplicateAttribute, "'\(name.name)' is listed twice", at: name.range, hint: "remove one"
                    ))
                    continue
                }
                let known =
                    kind == .profiles ? checkProfile(name, ofModel: model.name) : checkListField(name, kind, of: model)
                if known { names.append(name.name) }
            }
            switch kind {
            case .filterable: exposure.filterable = names
            case .sortable: exposure.sortable = names
            case .profiles: exposure.profiles = names
            }
        }
        return exposure
    }

    private mutating func checkListField(_ name: Identifier, _ kind: FieldListItem.Kind, of model: Model) -> Bool {
        guard let field = model.fields.first(where: { $0.name == name.name }) else {
            let fields = model.fields.map(\.name)
            let hint = Suggestions.didYouMean(name.name, among: fields) ?? "its fields are " + Suggestions.list(fields)
            diagnostics.append(.error(
                .unknownListField, "model '\(model.name)' has no field '\(name.name)' to list as \(kind.rawValue)",
                at: name.range, hint: hint
            ))
            return false
        }
        switch field.type {
        case .json, .array:
            let verb = kind == .filterable ? "filter on" : "sort by"
            diagnostics.append(.error(
                .unlistableField, "field '\(field.name)' is '\(field.type.schemaSpelling)'; a list cannot \(verb) it",
                at: name.range, hint: "remove it from '\(kind.rawValue)'"
            ))
            return false
        default:
            return true
        }
    }

    /// L056 unless the model declares the profile (`profiles`, a route's `profile`).
    mutating func checkProfile(_ name: Identifier, ofModel modelName: String) -> Bool {
        let profiles = models[modelName]?.profiles.map(\.name) ?? []
        guard profiles.contains(name.name) else {
            let hint = Suggestions.didYouMean(name.name, among: profiles)
                ?? (profiles.isEmpty
                    ? "model '\(modelName)' declares no profiles" : "its profiles are " + Suggestions.list(profiles))
            diagnostics.append(.error(
                .unknownProfile, "model '\(modelName)' has no profile '\(name.name)'", at: name.range, hint: hint
            ))
            return false
        }
        return true
    }
}
