/// Lookups by name on a resolved model, for the checker and the emitters.
extension Model {
    public func relation(named name: String) -> Relation? { relations.first { $0.name == name } }

    /// A field the checker resolved: a miss is a compiler bug, reported loudly rather than dropping output.
    func requireField(_ name: String) -> Field {
        guard let field = field(named: name) else { preconditionFailure("internal: model '\(self.name)' has no field '\(name)'") }
        return field
    }

    /// `default` (no relations, no computed fields) is implicit, so it is not found here.
    public func profile(named name: String) -> Profile? { profiles.first { $0.name == name } }
}

/// For constructs that name a model's profile (resources, use cases): `default` or a declared one, else L056.
enum ProfileLookup {
    /// The implicit profile every model has.
    static let defaultName = "default"

    /// Nil when `name` is `default` or a profile of `model`; otherwise the L056 diagnostic, with a "did you mean".
    static func check(_ name: Identifier, of model: Model) -> Diagnostic? {
        guard name.name != defaultName, model.profile(named: name.name) == nil else { return nil }
        let names = [defaultName] + model.profiles.map(\.name)
        let hint = Suggestions.didYouMean(name.name, among: names)
            ?? "the profiles of '\(model.name)' are " + Suggestions.list(names, conjunction: "and")
        return .error(.unknownProfile, "unknown profile '\(name.name)' of model '\(model.name)'", at: name.range, hint: hint)
    }
}
