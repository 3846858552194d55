/// Resolves the type of a command field, a parameter or a result: a command or a model by name (or a list of
/// either), else a scalar through the model half's `TypeResolver`, so both halves spell scalar types one way.
struct ValueTypeResolver {
    let commandNames: Set<String>
    let modelNames: Set<String>
    let enumNames: Set<String>

    /// Scalars only: a model name here is the caller's business (it is intercepted before).
    var scalarTypes: TypeResolver { TypeResolver(modelNames: [], enumNames: enumNames) }

    /// Nil when the type is invalid; the problem is reported. Optionality (`?`) is the caller's.
    func resolve(_ reference: TypeReference, diagnostics: inout [Diagnostic]) -> ValueType? {
        let name = reference.name.name
        let named: ValueType? =
            if commandNames.contains(name) { .command(name) } else if modelNames.contains(name) { .model(name) } else { nil }
        if let named {
            if let arguments = reference.arguments {
                diagnostics.append(.error(
                    .invalidTypeArguments, "type '\(name)' takes no arguments", at: arguments.range, hint: "write \(name)"
                ))
                return nil
            }
            return reference.isList ? .list(named) : named
        }
        let isKnownScalar = NameRules.builtinTypes.contains(name) || enumNames.contains(name)
        if !isKnownScalar, let suggestion = Suggestions.closest(to: name, among: commandNames.union(modelNames)) {
            diagnostics.append(.error(
                .unknownType, "unknown type '\(name)'", at: reference.name.range, hint: "did you mean '\(suggestion)'?"
            ))
            return nil
        }
        guard case .scalar(let scalar) = scalarTypes.resolve(reference, owner: "", diagnostics: &diagnostics) else {
            return nil
        }
        return .scalar(scalar)
    }
}

extension ValueType {
    /// The type as written in a schema: `Int`, `CreateAddress`, `[Int]`.
    var schemaSpelling: String {
        switch self {
        case .scalar(let scalar): scalar.schemaSpelling
        case .model(let name), .command(let name): name
        case .list(let element): "[\(element.schemaSpelling)]"
        }
    }

    /// Whether a value of this type can travel as JSON in a job's payload or result: anything but a model's entity.
    var isSerializable: Bool {
        switch self {
        case .scalar, .command: true
        case .model: false
        case .list(let element): element.isSerializable
        }
    }
}

extension ScalarType {
    /// Whether a value of type `other` can stand where this type is expected: the same type, or text of any
    /// length for text (a `String(255)` key may be looked up with a `String(80)` value).
    func accepts(_ other: ScalarType) -> Bool {
        self == other || (isText && other.isText)
    }
}
