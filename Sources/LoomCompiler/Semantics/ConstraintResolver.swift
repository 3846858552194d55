/// The constraint attributes, shared by model fields and command fields:
///
///     @minLength(n)  @maxLength(n)          String(n), Text, lists (element count); n ≥ 0
///     @range(min, max)                      Int, Int32, Double, Decimal; `_` leaves a side open: @range(0, _)
///     @pattern("regex")  @pattern(email)    String(n), Text
///     @oneOf("a", "b")  @oneOf(1, 2)        String(n), Text (strings); Int, Int32 (integers)
///     @notBlank                             String(n), Text
///
/// Each may end with `message: "…"`, the wording used when the check fails: `@notBlank(message: "say something")`.
///
/// For command fields (and anything else with a `ScalarType`): call `resolve(_:type:field:)` with the field's
/// attributes; it picks the constraint attributes out (ignoring the others), reports misuse as L026/L027 and returns
/// the `FieldConstraint`s in source order. Repeated attributes are the caller's to report (L035).
struct ConstraintResolver {
    static let attributeNames = ["minLength", "maxLength", "range", "pattern", "oneOf", "notBlank"]

    var diagnostics: [Diagnostic] = []

    static func isConstraint(_ attributeName: String) -> Bool { attributeNames.contains(attributeName) }

    mutating func resolve(_ attributes: [Attribute], type: ScalarType, field: String) -> [FieldConstraint] {
        var constraints: [FieldConstraint] = []
        var minLength: (value: Int, attribute: Attribute)?
        var maxLength: Int?
        for attribute in attributes where Self.isConstraint(attribute.name.name) {
            guard let constraint = resolve(attribute, type: type, field: field) else { continue }
            switch constraint.kind {
            case .minLength(let value): minLength = (value, attribute)
            case .maxLength(let value): maxLength = value
            default: break
            }
            constraints.append(constraint)
        }
        if let minLength, let maxLength, minLength.value > maxLength {
            diagnostics.append(.error(
                .invalidAttributeArguments,
                "'@minLength(\(minLength.value))' is more than '@maxLength(\(maxLength))' of field '\(field)'",
                at: minLength.attribute.range, hint: "no value could pass both"
            ))
        }
        return constraints
    }

    // MARK: One attribute

    private mutating func resolve(_ attribute: Attribute, type: ScalarType, field: String) -> FieldConstraint? {
        let name = attribute.name.name
        guard fits(name, type: type) else {
            let needs =
                switch name {
                case "minLength", "maxLength": "a String, Text or list field"
                case "range": "an Int, Int32, Double or Decimal field"
                case "oneOf": "a String, Text, Int or Int32 field"
                default: "a String or Text field"
                }
            diagnostics.append(.error(
                .attributeDoesNotFitType, "'@\(name)' needs \(needs), and '\(field)' is '\(type.schemaSpelling)'",
                at: attribute.range
            ))
            return nil
        }
        var values = attribute.arguments?.arguments ?? []
        var message: String?
        if let last = values.last, last.label?.name == "message" {
            guard case .string(let text) = last.value else {
                return invalid(attribute, "the message of '@\(name)' must be a string", at: last.range, hint: "write message: \"…\"")
            }
            message = text
            values.removeLast()
        }
        if let labelled = values.first(where: { $0.label != nil }), let label = labelled.label {
            return invalid(
                attribute, "'@\(name)' has no argument '\(label.name)'", at: label.range,
                hint: "only 'message:' may be named, as the last argument"
            )
        }
        let kind: FieldConstraint.Kind?
        switch name {
        case "minLength", "maxLength": kind = length(attribute, values, type: type)
        case "range": kind = range(attribute, values, type: type)
        case "pattern": kind = pattern(attribute, values)
        case "oneOf": kind = oneOf(attribute, values, type: type)
        default:
            guard values.isEmpty else {
                return invalid(attribute, "'@notBlank' takes no value", at: attribute.arguments?.range ?? attribute.range, hint: "write @notBlank")
            }
            kind = .notBlank
        }
        return kind.map { FieldConstraint(kind: $0, message: message, range: attribute.range) }
    }

    private func fits(_ name: String, type: ScalarType) -> Bool {
        switch name {
        case "minLength", "maxLength":
            if case .array = type { return true }
            return type.isText
        case "range": return type.isNumeric
        case "oneOf": return type.isText || type.isInteger
        default: return type.isText
        }
    }

    private mutating func length(_ attribute: Attribute, _ values: [Literal], type: ScalarType) -> FieldConstraint.Kind? {
        let name = attribute.name.name
        guard values.count == 1, case .integer(let value) = values[0].value else {
            return invalid(attribute, "'@\(name)' takes one integer", hint: "write @\(name)(3)")
        }
        guard value >= 0 else {
            return invalid(attribute, "a length cannot be negative, and '@\(name)' is \(value)", at: values[0].range)
        }
        if name == "minLength", case .string(let maxLength) = type, value > maxLength {
            return invalid(
                attribute, "'@minLength(\(value))' is more than \(type.schemaSpelling) allows", at: values[0].range,
                hint: "no value could pass it"
            )
        }
        return name == "minLength" ? .minLength(value) : .maxLength(value)
    }

    /// `@range(min, max)`, either bound `_` for none.
    private mutating func range(_ attribute: Attribute, _ values: [Literal], type: ScalarType) -> FieldConstraint.Kind? {
        let usage = "write @range(0, 100), or @range(0, _) for no upper bound"
        guard values.count == 2 else { return invalid(attribute, "'@range' takes two bounds", hint: usage) }
        var bounds: [Double?] = []
        for value in values {
            switch value.value {
            case .identifier("_"):
                bounds.append(nil)
            case .integer(let number):
                bounds.append(Double(number))
            case .decimal(let number) where !type.isInteger:
                bounds.append(number)
            case .decimal:
                return invalid(attribute, "the bounds of an integer field must be integers", at: value.range)
            default:
                return invalid(attribute, "a bound of '@range' must be a number or '_'", at: value.range, hint: usage)
            }
        }
        let (min, max) = (bounds[0], bounds[1])
        if min == nil && max == nil { return invalid(attribute, "'@range(_, _)' has no bound", hint: "remove it, or give a bound") }
        if let min, let max, min > max {
            return invalid(
                attribute, "the lower bound of '@range' (\(values[0].text)) is more than its upper bound (\(values[1].text))",
                at: values[0].range, hint: "swap them"
            )
        }
        return .range(min: min, max: max)
    }

    private mutating func pattern(_ attribute: Attribute, _ values: [Literal]) -> FieldConstraint.Kind? {
        let usage = "write @pattern(\"^[A-Z]+$\") or @pattern(email)"
        guard values.count == 1 else { return invalid(attribute, "'@pattern' takes one regular expression", hint: usage) }
        switch values[0].value {
        case .identifier("email"):
            return .email
        case .identifier(let name):
            let hint = Suggestions.didYouMean(name, among: ["email"]) ?? usage
            return invalid(attribute, "unknown pattern '\(name)'; the built-in pattern is email", at: values[0].range, hint: hint)
        case .string(let expression):
            guard (try? Regex(expression)) != nil else {
                return invalid(attribute, "invalid regular expression \(values[0].text)", at: values[0].range)
            }
            return .pattern(expression)
        default:
            return invalid(attribute, "'@pattern' takes a string or 'email'", at: values[0].range, hint: usage)
        }
    }

    private mutating func oneOf(_ attribute: Attribute, _ values: [Literal], type: ScalarType) -> FieldConstraint.Kind? {
        let usage = type.isInteger ? "write @oneOf(1, 2, 3)" : "write @oneOf(\"a\", \"b\")"
        guard !values.isEmpty else { return invalid(attribute, "'@oneOf' needs at least one value", hint: usage) }
        var allowed: [String] = []
        for value in values {
            let text: String
            switch (value.value, type.isInteger) {
            case (.string(let string), false):
                if case .string(let maxLength) = type, string.count > maxLength {
                    return invalid(attribute, "\(value.text) is longer than \(type.schemaSpelling) allows", at: value.range)
                }
                text = string
            case (.integer(let integer), true):
                text = String(integer)
            default:
                let kind = type.isInteger ? "integers" : "strings"
                return invalid(attribute, "the values of '@oneOf' on '\(type.schemaSpelling)' must be \(kind)", at: value.range, hint: usage)
            }
            guard !allowed.contains(text) else {
                return invalid(attribute, "\(value.text) is listed twice in '@oneOf'", at: value.range, hint: "remove one")
            }
            allowed.append(text)
        }
        return .oneOf(allowed)
    }

    /// Reports L027 and returns nil, for `return invalid(…)`.
    private mutating func invalid<Result>(
        _ attribute: Attribute, _ message: String, at range: SourceRange? = nil, hint: String? = nil
    ) -> Result? {
        diagnostics.append(.error(
            .invalidAttributeArguments, message, at: range ?? attribute.arguments?.range ?? attribute.range, hint: hint
        ))
        return nil
    }
}
