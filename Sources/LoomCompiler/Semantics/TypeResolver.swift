/// What a field's type names: a column type, or another model, which makes the field a belongs-to relation.
enum FieldType: Sendable, Hashable {
    case scalar(ScalarType)
    case relation(model: String)
}

/// Turns a written type (`Decimal(10, 2)`, `[String(20)]?`, `OrderStatus`, `User?`) into a `FieldType`. Optionality is
/// the caller's business: it is only ever the trailing `?`.
struct TypeResolver {
    let modelNames: Set<String>
    let enumNames: Set<String>

    /// The most digits PostgreSQL and Swift's `Decimal` both hold exactly.
    static let maxDecimalPrecision = 38
    /// The longest `String(n)`: PostgreSQL's limit for `VARCHAR(n)`.
    static let maxStringLength = 10_485_760

    /// Types that take no arguments, by name.
    static let simpleTypes: [String: ScalarType] = [
        "Int": .int, "Int32": .int32, "Double": .double, "Bool": .bool, "Text": .text, "Date": .date,
        "DateTime": .dateTime, "UUID": .uuid, "JSON": .json,
    ]

    /// How the hint lists what a type may be when nothing is close to what was written.
    static let typeList = "the types are Int, Int32, Double, Decimal(p, s), Bool, String(n), Text, Date, DateTime, UUID, "
        + "JSON, the schema's enums and models, and lists [T] of them"

    /// `owner` is the model declaring the field, for hints. Nil when the type is invalid; the problem is reported.
    func resolve(_ reference: TypeReference, owner: String, diagnostics: inout [Diagnostic]) -> FieldType? {
        guard let element = resolveElement(reference, diagnostics: &diagnostics) else { return nil }
        guard let brackets = reference.listBrackets else { return element }
        switch element {
        case .relation(let model):
            diagnostics.append(.error(
                .invalidListType, "a field cannot hold a list of model '\(model)'", at: brackets,
                hint: "declare '\(Naming.lowerFirst(owner)) \(owner)' in model '\(model)'; '\(owner)' then has many '\(model)'"
            ))
            return nil
        case .scalar(.json):
            diagnostics.append(.error(
                .invalidListType, "JSON cannot be a list element", at: brackets,
                hint: "a JSON value may itself be an array; write JSON"
            ))
            return nil
        case .scalar(let scalar):
            return .scalar(.array(scalar))
        }
    }

    private func resolveElement(_ reference: TypeReference, diagnostics: inout [Diagnostic]) -> FieldType? {
        let name = reference.name.name
        if name == "String" { return resolveString(reference, diagnostics: &diagnostics).map(FieldType.scalar) }
        if name == "Decimal" { return resolveDecimal(reference, diagnostics: &diagnostics).map(FieldType.scalar) }
        let resolved: FieldType
        if let simple = Self.simpleTypes[name] {
            resolved = .scalar(simple)
        } else if enumNames.contains(name) {
            resolved = .scalar(.enumeration(name))
        } else if modelNames.contains(name) {
            resolved = .relation(model: name)
        } else {
            let candidates = NameRules.builtinTypes + enumNames.sorted() + modelNames.sorted()
            let hint = Suggestions.didYouMean(name, among: candidates) ?? Self.typeList
            diagnostics.append(.error(.unknownType, "unknown type '\(name)'", at: reference.name.range, hint: hint))
            return nil
        }
        if let arguments = reference.arguments {
            diagnostics.append(.error(
                .invalidTypeArguments, "type '\(name)' takes no arguments", at: arguments.range, hint: "write \(name)"
            ))
            return nil
        }
        return resolved
    }

    /// `String(n)`: exactly one positive integer, at most `maxStringLength`.
    private func resolveString(_ reference: TypeReference, diagnostics: inout [Diagnostic]) -> ScalarType? {
        guard let arguments = reference.arguments else {
            diagnostics.append(.error(
                .invalidTypeArguments, "type 'String' needs a maximum length", at: reference.name.range,
                hint: "write String(255)"
            ))
            return nil
        }
        guard arguments.arguments.count == 1, arguments.arguments[0].label == nil,
            case .integer(let length) = arguments.arguments[0].value
        else {
            diagnostics.append(.error(
                .invalidTypeArguments, "type 'String' takes one argument, a positive integer length", at: arguments.range,
                hint: "write String(255)"
            ))
            return nil
        }
        guard length > 0 else {
            diagnostics.append(.error(
                .invalidTypeArguments, "string length must be positive, not \(length)", at: arguments.arguments[0].range,
                hint: "write String(255)"
            ))
            return nil
        }
        guard length <= Self.maxStringLength else {
            diagnostics.append(.error(
                .invalidTypeArguments, "string length \(length) is larger than the maximum, \(Self.maxStringLength)",
                at: arguments.arguments[0].range, hint: "use Text for unbounded text"
            ))
            return nil
        }
        return .string(maxLength: length)
    }

    /// `Decimal(precision, scale)`: 1 ≤ precision ≤ 38 digits in all, 0 ≤ scale ≤ precision after the point.
    private func resolveDecimal(_ reference: TypeReference, diagnostics: inout [Diagnostic]) -> ScalarType? {
        let usage = "write Decimal(10, 2): 10 digits in all, 2 after the point"
        guard let arguments = reference.arguments else {
            diagnostics.append(.error(
                .invalidTypeArguments, "type 'Decimal' needs a precision and a scale", at: reference.name.range, hint: usage
            ))
            return nil
        }
        let values = arguments.arguments.compactMap { argument -> Int? in
            if argument.label == nil, case .integer(let value) = argument.value { value } else { nil }
        }
        guard arguments.arguments.count == 2, values.count == 2 else {
            diagnostics.append(.error(
                .invalidTypeArguments, "type 'Decimal' takes two integer arguments, a precision and a scale",
                at: arguments.range, hint: usage
            ))
            return nil
        }
        let (precision, scale) = (values[0], values[1])
        guard (1...Self.maxDecimalPrecision).contains(precision) else {
            diagnostics.append(.error(
                .invalidTypeArguments,
                "decimal precision must be between 1 and \(Self.maxDecimalPrecision), not \(precision)",
                at: arguments.arguments[0].range, hint: usage
            ))
            return nil
        }
        guard (0...precision).contains(scale) else {
            diagnostics.append(.error(
                .invalidTypeArguments, "decimal scale must be between 0 and the precision, \(precision), not \(scale)",
                at: arguments.arguments[1].range, hint: usage
            ))
            return nil
        }
        return .decimal(precision: precision, scale: scale)
    }
}

extension ScalarType {
    /// The type as written in a schema: `Int`, `String(120)`, `[OrderStatus]`.
    var schemaSpelling: String {
        switch self {
        case .int: "Int"
        case .int32: "Int32"
        case .double: "Double"
        case .decimal(let precision, let scale): "Decimal(\(precision), \(scale))"
        case .bool: "Bool"
        case .string(let maxLength): "String(\(maxLength))"
        case .text: "Text"
        case .date: "Date"
        case .dateTime: "DateTime"
        case .uuid: "UUID"
        case .json: "JSON"
        case .enumeration(let name): name
        case .array(let element): "[\(element.schemaSpelling)]"
        }
    }

    /// True for the types whose values are text: `String(n)` and `Text`.
    var isText: Bool {
        switch self {
        case .string, .text: true
        default: false
        }
    }

    /// True for the numeric types `@range` applies to.
    var isNumeric: Bool {
        switch self {
        case .int, .int32, .double, .decimal: true
        default: false
        }
    }

    var isInteger: Bool { self == .int || self == .int32 }

    /// JSON and lists have no equality SQL indexes agree on.
    var isIndexable: Bool {
        switch self {
        case .json, .array: false
        default: true
        }
    }
}
