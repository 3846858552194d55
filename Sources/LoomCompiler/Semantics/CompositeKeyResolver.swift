/// `@@unique([a, b])` and `@@index([a, b])`: constraints over several fields of one model. A field is named as
/// declared; a relation field (`user`) stands for its foreign key (`userId`), which may also be named directly, as
/// may the `timestamps` fields.
struct CompositeKeyResolver {
    static let attributeNames = ["unique", "index"]

    let model: ModelDeclaration
    /// The resolved fields of the model.
    let fields: [Field]
    /// Declared name → IR name (`user` → `userId`).
    let irNames: [String: String]
    var diagnostics: [Diagnostic] = []

    mutating func resolve() -> (unique: [[String]], indexes: [[String]]) {
        var unique: [[String]] = [], indexes: [[String]] = []
        for attribute in model.attributes {
            let name = attribute.name.name
            guard Self.attributeNames.contains(name) else {
                let hint = Suggestions.didYouMean(name, among: Self.attributeNames, prefix: "@@")
                    ?? "the model attributes are @@unique and @@index"
                diagnostics.append(.error(.unknownAttribute, "unknown attribute '@@\(name)'", at: attribute.range, hint: hint))
                continue
            }
            guard let names = resolveFields(of: attribute) else { continue }
            if (name == "unique" ? unique : indexes).contains(names) {
                diagnostics.append(.error(
                    .duplicateAttribute, "'@@\(name)' over these fields is given twice", at: attribute.range,
                    hint: "remove one of them"
                ))
                continue
            }
            if name == "unique" { unique.append(names) } else { indexes.append(names) }
        }
        return (unique, indexes)
    }

    /// The IR names of the listed fields; nil after reporting a problem.
    private mutating func resolveFields(of attribute: ModelAttribute) -> [String]? {
        let name = attribute.name.name
        guard let listed = attribute.fields else {
            diagnostics.append(.error(
                .invalidAttributeArguments, "'@@\(name)' needs a list of fields", at: attribute.range,
                hint: "write @@\(name)([a, b])"
            ))
            return nil
        }
        guard listed.count >= 2 else {
            diagnostics.append(.error(
                .invalidAttributeArguments, "'@@\(name)' needs at least two fields", at: attribute.argumentsRange ?? attribute.range,
                hint: listed.first.map { "for one field, write '@\(name)' on '\($0.name)'" } ?? "write @@\(name)([a, b])"
            ))
            return nil
        }
        var names: [String] = []
        var isValid = true
        let known = Set(irNames.keys).union(irNames.values).union(fields.map(\.name))
        for identifier in listed {
            guard let field = fields.first(where: { $0.name == (irNames[identifier.name] ?? identifier.name) }) else {
                // A field that is declared but failed to resolve has been reported already.
                if !known.contains(identifier.name) {
                    let hint = Suggestions.didYouMean(identifier.name, among: model.fields.map(\.name.name))
                    diagnostics.append(.error(
                        .unknownField, "unknown field '\(identifier.name)' in '@@\(name)' of model '\(model.name.name)'",
                        at: identifier.range, hint: hint
                    ))
                }
                isValid = false
                continue
            }
            guard !names.contains(field.name) else {
                diagnostics.append(.error(
                    .invalidAttributeArguments, "field '\(identifier.name)' is listed twice in '@@\(name)'",
                    at: identifier.range, hint: "remove one"
                ))
                isValid = false
                continue
            }
            guard field.type.isIndexable else {
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@@\(name)' cannot include \(field.type.schemaSpelling) field '\(field.name)'",
                    at: identifier.range
                ))
                isValid = false
                continue
            }
            names.append(field.name)
        }
        return isValid ? names : nil
    }
}
