/// Checks a model's `profile` declarations against its relations (all known by now) and turns them into IR
/// `Profile`s.
///
/// A profile loads direct relations only, one level deep: the related rows come back in their default shape, with no
/// relations of their own. So loading a profile never recurses, and a cycle of relations (`User.addresses`,
/// `Address.user`) is harmless; there is nothing to check beyond each name.
struct ProfileResolver {
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ declarations: [ProfileDeclaration], of model: Model) -> [Profile] {
        var profiles: [Profile] = []
        var firstByName: [String: ProfileDeclaration] = [:]
        for declaration in declarations {
            if let problem = NameRules.checkProfileName(declaration.name) { diagnostics.append(problem) }
            if let first = firstByName[declaration.name.name] {
                diagnostics.append(.error(
                    .duplicateDeclaration, "duplicate profile '\(declaration.name.name)' in model '\(model.name)'",
                    at: declaration.name.range, hint: "'\(declaration.name.name)' is first declared at line \(first.name.range.start.line)"
                ))
                continue
            }
            firstByName[declaration.name.name] = declaration
            profiles.append(resolve(declaration, of: model))
        }
        return profiles
    }

    private mutating func resolve(_ declaration: ProfileDeclaration, of model: Model) -> Profile {
        var includes: [String] = []
        var computed: [Profile.Computed] = []
        for member in declaration.members {
            switch member {
            case .include(_, let relations, _):
                for name in relations {
                    guard relation(name, of: model) != nil else { continue }
                    if includes.contains(name.name) {
                        diagnostics.append(.error(
                            .duplicateAttribute, "relation '\(name.name)' is included twice in profile '\(declaration.name.name)'",
                            at: name.range, hint: "remove one"
                        ))
                        continue
                    }
                    includes.append(name.name)
                }
            case .computed(let keyword, let name, let alias, _):
                guard let found = relation(name, of: model), let alias else { continue }
                guard found.isToMany else {
                    diagnostics.append(.error(
                        .computedNeedsHasMany,
                        "'\(keyword.name)' needs a has-many relation, and '\(name.name)' is the '\(found.model)' this model belongs to",
                        at: name.range, hint: "include it instead: include \(name.name)"
                    ))
                    continue
                }
                if let problem = NameRules.checkFieldName(alias) {
                    diagnostics.append(problem)
                    continue
                }
                let taken = model.fields.contains { $0.name == alias.name } || model.relations.contains { $0.name == alias.name }
                    || computed.contains { $0.name == alias.name }
                if taken {
                    diagnostics.append(.error(
                        .duplicateField, "'\(alias.name)' is already a field or relation of model '\(model.name)'",
                        at: alias.range, hint: "choose another name"
                    ))
                    continue
                }
                let kind: Profile.Computed.Kind = keyword.name == "count" ? .count : .exists
                computed.append(Profile.Computed(name: alias.name, kind: kind, relation: name.name))
            }
        }
        return Profile(name: declaration.name.name, includes: includes, computed: computed, range: declaration.range)
    }

    /// The relation `name` of `model`, or nil after reporting it unknown.
    private mutating func relation(_ name: Identifier, of model: Model) -> Relation? {
        if let relation = model.relation(named: name.name) { return relation }
        let names = model.relations.map(\.name)
        let hint = Suggestions.didYouMean(name.name, among: names)
            ?? (names.isEmpty
                ? "'\(model.name)' has no relations; a field whose type is a model makes one"
                : "the relations of '\(model.name)' are " + Suggestions.list(names, conjunction: "and"))
        diagnostics.append(.error(
            .unknownRelation, "unknown relation '\(name.name)' of model '\(model.name)'", at: name.range, hint: hint
        ))
        return nil
    }
}
