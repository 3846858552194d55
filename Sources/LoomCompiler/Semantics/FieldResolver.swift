/// Checks one field declaration — name, type, attributes — and turns it into an IR `Field`.
struct FieldResolver {
    /// Every model name of the schema, for the hint when a field names a model as its type.
    let modelNames: Set<String>
    var diagnostics: [Diagnostic] = []

    /// The longest `String(n)`: PostgreSQL's limit for `VARCHAR(n)`.
    static let maxStringLength = 10_485_760

    /// The attributes a field may carry, in the order messages list them.
    static let attributeNames = ["id", "autoincrement", "unique", "index", "default"]

    init(modelNames: Set<String>) {
        self.modelNames = modelNames
    }

    /// Nil when the type is missing or invalid; every problem found has been reported.
    mutating func resolve(_ field: FieldDeclaration) -> Field? {
        if let problem = NameRules.checkFieldName(field.name) { diagnostics.append(problem) }
        let type = field.type.flatMap { resolveType($0) }
        let attributes = checkAttributes(field.attributes)
        let isOptional = field.type?.isOptional ?? false

        var resolved = Field(
            name: field.name.name, column: Naming.snakeCase(field.name.name), type: type ?? .int, isOptional: isOptional,
            isPrimaryKey: attributes["id"] != nil, isAutoIncrement: attributes["autoincrement"] != nil,
            isUnique: attributes["unique"] != nil, isIndexed: attributes["index"] != nil, doc: field.doc, range: field.range
        )
        guard let type, let typeReference = field.type else { return nil }
        checkCombinations(of: resolved, type: typeReference, attributes: attributes)
        if let attribute = attributes["default"], let argument = attribute.arguments?.arguments.first {
            resolved.defaultValue = defaultValue(argument, for: resolved, type: type)
        }
        return resolved
    }

    // MARK: Types

    private mutating func resolveType(_ reference: TypeReference) -> ScalarType? {
        let name = reference.name.name
        switch name {
        case "String":
            return resolveStringLength(reference)
        case "Int", "Double", "Bool", "DateTime":
            if let arguments = reference.arguments {
                diagnostics.append(.error(
                    .invalidTypeArguments, "type '\(name)' takes no arguments", at: arguments.range, hint: "write \(name)"
                ))
                return nil
            }
            return switch name {
            case "Int": .int
            case "Double": .double
            case "Bool": .bool
            default: .dateTime
            }
        default:
            let hint: String =
                if let suggestion = Suggestions.closest(to: name, among: NameRules.builtinTypes) {
                    "did you mean '\(suggestion)'?"
                } else if modelNames.contains(name) {
                    "fields cannot refer to models yet; store the key instead, e.g. '\(Naming.lowerFirst(name))Id Int'"
                } else {
                    "the types are Int, Double, Bool, String(n) and DateTime"
                }
            diagnostics.append(.error(.unknownType, "unknown type '\(name)'", at: reference.name.range, hint: hint))
            return nil
        }
    }

    /// `String(n)`: exactly one positive integer, at most `maxStringLength`.
    private mutating func resolveStringLength(_ reference: TypeReference) -> ScalarType? {
        guard let arguments = reference.arguments else {
            diagnostics.append(.error(
                .invalidTypeArguments, "type 'String' needs a maximum length", at: reference.name.range,
                hint: "write String(255)"
            ))
            return nil
        }
        guard arguments.arguments.count == 1, case .integer(let length) = arguments.arguments[0].value else {
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
                at: arguments.arguments[0].range
            ))
            return nil
        }
        return .string(maxLength: length)
    }

    // MARK: Attributes

    /// Reports unknown, repeated and wrongly called attributes; returns the well-formed ones by name.
    private mutating func checkAttributes(_ attributes: [Attribute]) -> [String: Attribute] {
        var accepted: [String: Attribute] = [:]
        var seen: Set<String> = []
        for attribute in attributes {
            let name = attribute.name.name
            guard Self.attributeNames.contains(name) else {
                let hint = Suggestions.didYouMean(name, among: Self.attributeNames, prefix: "@")
                    ?? "the attributes are " + Self.attributeNames.map { "@\($0)" }.joined(separator: ", ")
                diagnostics.append(.error(.unknownAttribute, "unknown attribute '@\(name)'", at: attribute.range, hint: hint))
                continue
            }
            guard seen.insert(name).inserted else {
                diagnostics.append(.error(
                    .duplicateAttribute, "duplicate attribute '@\(name)'", at: attribute.range, hint: "remove one of them"
                ))
                continue
            }
            if name == "default" {
                guard let arguments = attribute.arguments, arguments.arguments.count == 1 else {
                    diagnostics.append(.error(
                        .invalidAttributeArguments, "attribute '@default' takes exactly one value",
                        at: attribute.arguments?.range ?? attribute.range, hint: "write @default(value)"
                    ))
                    continue
                }
            } else if let arguments = attribute.arguments {
                diagnostics.append(.error(
                    .invalidAttributeArguments, "attribute '@\(name)' takes no arguments", at: arguments.range,
                    hint: "write @\(name)"
                ))
                continue
            }
            accepted[name] = attribute
        }
        return accepted
    }

    /// The rules between attributes and the type: keys are non-optional `Int` or `String`, only an `Int` key
    /// auto-increments, and a generated key has no default.
    private mutating func checkCombinations(of field: Field, type: TypeReference, attributes: [String: Attribute]) {
        if let id = attributes["id"] {
            if let mark = type.optionalMark {
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@id' field '\(field.name)' cannot be optional", at: mark,
                    hint: "remove the '?'"
                ))
            }
            switch field.type {
            case .int, .string: break
            default:
                diagnostics.append(.error(
                    .attributeDoesNotFitType, "'@id' needs an Int or String field, not '\(field.type.schemaSpelling)'",
                    at: id.range
                ))
            }
        }
        if let autoincrement = attributes["autoincrement"], field.type != .int || attributes["id"] == nil {
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@autoincrement' needs an 'Int' '@id' field", at: autoincrement.range,
                hint: field.type == .int ? "add '@id', or remove '@autoincrement'" : "remove '@autoincrement'"
            ))
        }
        if let defaultAttribute = attributes["default"], attributes["autoincrement"] != nil {
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@default' cannot be combined with '@autoincrement'", at: defaultAttribute.range,
                hint: "the database generates the value; remove '@default'"
            ))
        }
    }

    // MARK: Defaults

    private mutating func defaultValue(_ literal: Literal, for field: Field, type: ScalarType) -> DefaultValue? {
        switch (type, literal.value) {
        case (.int, .integer(let value)):
            return .int(value)
        case (.double, .integer(let value)):
            return .double(Double(value))
        case (.double, .decimal(let value)):
            return .double(value)
        case (.bool, .bool(let value)):
            return .bool(value)
        case (.string(let maxLength), .string(let value)):
            guard value.count <= maxLength else {
                diagnostics.append(.error(
                    .defaultTypeMismatch,
                    "default value is \(value.count) characters long, more than \(type.schemaSpelling) allows",
                    at: literal.range
                ))
                return nil
            }
            return .string(value)
        case (.dateTime, .identifier("now")):
            return .now
        case (_, .identifier("now")):
            diagnostics.append(.error(
                .defaultTypeMismatch,
                "default value 'now' needs a DateTime field, and '\(field.name)' is '\(type.schemaSpelling)'",
                at: literal.range
            ))
            return nil
        case (_, .identifier(let name)):
            let hint = Suggestions.didYouMean(name, among: ["now", "true", "false"])
                ?? "write a number, a string, true, false or now"
            diagnostics.append(.error(
                .invalidAttributeArguments, "'\(name)' is not a value '@default' understands", at: literal.range, hint: hint
            ))
            return nil
        default:
            let hint = type == .dateTime ? "the only default of a DateTime field is now" : nil
            diagnostics.append(.error(
                .defaultTypeMismatch,
                "default value \(Self.quoted(literal)) does not fit field '\(field.name)' of type '\(type.schemaSpelling)'",
                at: literal.range, hint: hint
            ))
            return nil
        }
    }

    /// A string as written (`"x"`), anything else in single quotes (`'1.5'`).
    private static func quoted(_ literal: Literal) -> String {
        if case .string = literal.value { literal.text } else { "'\(literal.text)'" }
    }
}

extension ScalarType {
    /// The type as written in a schema: `Int`, `String(120)`.
    var schemaSpelling: String {
        switch self {
        case .int: "Int"
        case .double: "Double"
        case .bool: "Bool"
        case .string(let maxLength): "String(\(maxLength))"
        case .dateTime: "DateTime"
        }
    }
}
