/// Checks command declarations and turns them into IR `Command`s. A scalar field goes through the model half's
/// `FieldResolver` (type, `@default`, constraints), so a command field and a model field mean the same thing;
/// what only a command field has — presence — is settled here:
///
/// - `name T` is required; `name T?` or `name T @default(v)` may be absent;
/// - `name T @patch` is three-state: absent leaves the value alone, and with `T?` an explicit null clears it. With a
///   non-optional `T` a null is rejected at run time, and a default (`@default(null)` included) is an error (L072):
///   an absent patch field means "unchanged", never a value.
struct CommandResolver {
    let types: ValueTypeResolver
    let enums: [String: EnumType]
    var diagnostics: [Diagnostic] = []

    /// The attributes a command field takes besides the constraints.
    static let ownAttributes = ["default", "patch"]

    /// A type as written, without its `?`: `String(40)`, `[Int]`.
    static func spelling(_ reference: TypeReference) -> String {
        let arguments = reference.arguments.map { "(" + $0.arguments.map(\.text).joined(separator: ", ") + ")" } ?? ""
        let named = reference.name.name + arguments
        return reference.isList ? "[\(named)]" : named
    }

    mutating func resolve(_ declaration: CommandDeclaration, fileName: String) -> Command {
        var fields: [Command.Field] = []
        var firstLine: [String: Int] = [:]
        for field in declaration.fields {
            if let line = firstLine[field.name.name] {
                diagnostics.append(.error(
                    .duplicateField, "duplicate field '\(field.name.name)' in command '\(declaration.name.name)'",
                    at: field.name.range, hint: "'\(field.name.name)' is first declared at line \(line)"
                ))
                continue
            }
            firstLine[field.name.name] = field.name.range.start.line
            if let resolved = resolve(field, in: declaration.name.name) { fields.append(resolved) }
        }
        return Command(
            name: declaration.name.name, fields: fields, doc: declaration.doc, file: fileName, range: declaration.range
        )
    }

    private mutating func resolve(_ field: FieldDeclaration, in command: String) -> Command.Field? {
        guard let reference = field.type else { return nil }
        var kept: [Attribute] = []
        var patch: Attribute?
        var defaultsToNull: Attribute?
        for attribute in field.attributes {
            let name = attribute.name.name
            if name == "patch" {
                if let arguments = attribute.arguments {
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "attribute '@patch' takes no arguments", at: arguments.range,
                        hint: "write @patch"
                    ))
                }
                patch = attribute
            } else if name == "default", attribute.arguments?.arguments.count == 1,
                case .identifier("null") = attribute.arguments?.arguments[0].value
            {
                defaultsToNull = attribute
            } else if Self.ownAttributes.contains(name) || ConstraintResolver.isConstraint(name) {
                kept.append(attribute)
            } else if FieldResolver.attributeNames.contains(name) {
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@\(name)' applies to model fields, not to command fields",
                    at: attribute.range, hint: "remove it; a command is not stored"
                ))
            } else {
                let known = Self.ownAttributes + ConstraintResolver.attributeNames
                let hint = Suggestions.didYouMean(name, among: known, prefix: "@")
                    ?? "a command field takes " + Suggestions.list(known.map { "@\($0)" })
                diagnostics.append(.error(.unknownAttribute, "unknown attribute '@\(name)'", at: attribute.range, hint: hint))
            }
        }
        if let defaultsToNull, !reference.isOptional {
            diagnostics.append(.error(
                .invalidCommandDefault, "field '\(field.name.name)' is not optional, so it cannot default to null",
                at: defaultsToNull.range, hint: "write '\(Self.spelling(reference))?' to allow null, or remove the default"
            ))
        }
        let explicitDefault = kept.first { $0.name.name == "default" } ?? defaultsToNull
        if let patch, let explicitDefault {
            diagnostics.append(.error(
                .invalidCommandDefault, "patch field '\(field.name.name)' cannot have a default",
                at: explicitDefault.range, hint: "an absent patch field leaves the value unchanged; remove the default"
            ))
            _ = patch
        }

        var errors: [Diagnostic] = []
        guard let type = types.resolve(reference, diagnostics: &errors) else {
            diagnostics += errors
            return nil
        }
        var defaultValue: DefaultValue?
        var constraints: [FieldConstraint] = []
        if case .scalar = type {
            // The model half resolves the value: the same type, default and constraint rules as a model field.
            var fieldResolver = FieldResolver(owner: command, types: types.scalarTypes, enums: enums, primaryKeyNames: [:])
            let scalarField = FieldDeclaration(
                doc: field.doc, name: field.name, type: reference, attributes: kept, range: field.range
            )
            let resolved = fieldResolver.resolve(scalarField)
            diagnostics += fieldResolver.diagnostics
            defaultValue = resolved?.defaultValue
            constraints = resolved?.constraints ?? []
        } else {
            if let problem = NameRules.checkDataFieldName(field.name) { diagnostics.append(problem) }
            for attribute in kept {
                diagnostics.append(.error(
                    .attributeDoesNotFitType,
                    "'@\(attribute.name.name)' needs a scalar field, and '\(field.name.name)' is '\(type.schemaSpelling)'",
                    at: attribute.range
                ))
            }
        }
        let presence: Command.Field.Presence =
            if patch != nil { .patch } else if reference.isOptional || explicitDefault != nil { .optional } else { .required }
        return Command.Field(
            name: field.name.name, type: type, isOptional: reference.isOptional, presence: presence,
            defaultValue: patch == nil ? defaultValue : nil, constraints: constraints, doc: field.doc, range: field.range
        )
    }
}
