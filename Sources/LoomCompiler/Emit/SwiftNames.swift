/// How schema names and types are spelled in generated Swift.
enum SwiftNames {
    /// `store` → `StoreSchema`, `my-shop` → `MyShopSchema`.
    static func schemaType(_ schemaName: String) -> String {
        let words = schemaName.split { !$0.isLetter && !$0.isNumber }
        let joined = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let base = joined.first?.isLetter == true ? joined : "Loom" + joined
        return base + "Schema"
    }

    static func type(of field: Field) -> String {
        let base: String
        switch field.type {
        case .int: base = "Int"
        case .double: base = "Double"
        case .bool: base = "Bool"
        case .string: base = "String"
        case .dateTime: base = "Date"
        }
        return field.isOptional ? base + "?" : base
    }

    /// The non-optional type, for `decode(_:forKey:)` and `Patch<…>`.
    static func wrappedType(of field: Field) -> String {
        var copy = field
        copy.isOptional = false
        return type(of: copy)
    }

    /// The runtime's `ColumnType` case for a field.
    static func columnType(of field: Field) -> String {
        switch field.type {
        case .int: ".int"
        case .double: ".double"
        case .bool: ".bool"
        case .string(let maxLength): ".string(maxLength: \(maxLength))"
        case .dateTime: ".dateTime"
        }
    }

    /// A Swift literal for a default value.
    static func literal(_ value: DefaultValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): stringLiteral(text)
        case .now: "Timestamp.now()"
        }
    }

    /// A double-quoted Swift string literal with everything escaped.
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `byEmail` for a unique field `email`.
    static func finderLabel(_ field: Field) -> String {
        "by" + field.name.prefix(1).uppercased() + field.name.dropFirst()
    }
}
