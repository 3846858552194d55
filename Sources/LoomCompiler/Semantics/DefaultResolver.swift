/// Checks the value of `@default(…)` against the field's type: a literal of that type, `now` for `Date` and
/// `DateTime`, `uuid` for `UUID`, a case name for an enum. JSON and list fields take no default (the caller reports
/// that). A `Decimal` default is a number with no more digits than the type allows, kept as a `Double`.
struct DefaultResolver {
    let enums: [String: EnumType]
    var diagnostics: [Diagnostic] = []

    mutating func resolve(_ literal: Literal, field: String, type: ScalarType) -> DefaultValue? {
        switch (type, literal.value) {
        case (.int, .integer(let value)):
            return .int(value)
        case (.int32, .integer(let value)):
            guard Int(Int32.min)...Int(Int32.max) ~= value else {
                return mismatch(literal, "default value \(value) is out of the range of Int32")
            }
            return .int(value)
        case (.double, .integer(let value)):
            return .double(Double(value))
        case (.double, .decimal(let value)):
            return .double(value)
        case (.decimal(let precision, let scale), .integer), (.decimal(let precision, let scale), .decimal):
            return decimal(literal, precision: precision, scale: scale)
        case (.bool, .bool(let value)):
            return .bool(value)
        case (.string(let maxLength), .string(let value)):
            guard value.count <= maxLength else {
                return mismatch(literal, "default value is \(value.count) characters long, more than \(type.schemaSpelling) allows")
            }
            return .string(value)
        case (.text, .string(let value)):
            return .string(value)
        case (.dateTime, .identifier("now")), (.date, .identifier("now")):
            return .now
        case (.uuid, .identifier("uuid")):
            return .uuid
        case (.enumeration(let name), .identifier(let value)):
            guard let enumType = enums[name] else { return nil }
            guard enumType.cases.contains(value) else {
                let hint = Suggestions.didYouMean(value, among: enumType.cases)
                    ?? "the cases are " + Suggestions.list(enumType.cases)
                diagnostics.append(.error(
                    .unknownEnumCase, "'\(value)' is not a case of enum '\(name)'", at: literal.range, hint: hint
                ))
                return nil
            }
            return .enumCase(value)
        case (.enumeration(let name), .string(let value)) where enums[name]?.cases.contains(value) == true:
            return mismatch(literal, "an enum default is written without quotes", hint: "write @default(\(value))")
        case (_, .identifier("now")):
            return mismatch(
                literal, "default value 'now' needs a Date or DateTime field, and '\(field)' is '\(type.schemaSpelling)'"
            )
        case (_, .identifier("uuid")):
            return mismatch(literal, "default value 'uuid' needs a UUID field, and '\(field)' is '\(type.schemaSpelling)'")
        case (_, .identifier(let name)):
            let hint = Suggestions.didYouMean(name, among: ["now", "uuid", "true", "false"])
                ?? "write a number, a string, true, false, now, uuid or an enum case"
            diagnostics.append(.error(
                .invalidAttributeArguments, "'\(name)' is not a value '@default' understands", at: literal.range, hint: hint
            ))
            return nil
        default:
            let hint: String? =
                switch type {
                case .dateTime, .date: "the only default of a \(type.schemaSpelling) field is now"
                case .uuid: "the only default of a UUID field is uuid"
                default: nil
                }
            return mismatch(
                literal,
                "default value \(Self.quoted(literal)) does not fit field '\(field)' of type '\(type.schemaSpelling)'",
                hint: hint
            )
        }
    }

    /// At most `precision - scale` digits before the point and `scale` after it, counted as written.
    private mutating func decimal(_ literal: Literal, precision: Int, scale: Int) -> DefaultValue? {
        let digits = literal.text.hasPrefix("-") ? literal.text.dropFirst() : Substring(literal.text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map { $0.drop { $0 == "0" }.count } ?? 0
        let fraction = parts.count > 1 ? parts[1].count : 0
        guard whole <= precision - scale, fraction <= scale else {
            return mismatch(literal, "default value '\(literal.text)' does not fit Decimal(\(precision), \(scale))")
        }
        switch literal.value {
        case .integer(let value): return .double(Double(value))
        case .decimal(let value): return .double(value)
        default: return nil
        }
    }

    private mutating func mismatch(_ literal: Literal, _ message: String, hint: String? = nil) -> DefaultValue? {
        diagnostics.append(.error(.defaultTypeMismatch, message, at: literal.range, hint: hint))
        return nil
    }

    /// A string as written (`"x"`), anything else in single quotes (`'1.5'`).
    private static func quoted(_ literal: Literal) -> String {
        if case .string = literal.value { literal.text } else { "'\(literal.text)'" }
    }
}
