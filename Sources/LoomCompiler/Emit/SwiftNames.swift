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
        let base = swiftType(field.type)
        return field.isOptional ? base + "?" : base
    }

    static func swiftType(_ type: ScalarType) -> String {
        switch type {
        case .int: "Int"
        case .int32: "Int32"
        case .double: "Double"
        case .decimal: "Decimal"
        case .bool: "Bool"
        case .string, .text: "String"
        case .date: "CalendarDate"
        case .dateTime: "Date"
        case .uuid: "UUID"
        case .json: "JSONValue"
        case .enumeration(let name): name
        case .array(let element): "[\(swiftType(element))]"
        }
    }

    /// The non-optional type, for `decode(_:forKey:)` and `Patch<…>`.
    static func wrappedType(of field: Field) -> String {
        swiftType(field.type)
    }

    /// The runtime's `ColumnType` for a field's type.
    static func columnType(of field: Field) -> String {
        columnType(field.type)
    }

    static func columnType(_ type: ScalarType) -> String {
        switch type {
        case .int: ".int"
        case .int32: ".int32"
        case .double: ".double"
        case .decimal(let precision, let scale): ".decimal(precision: \(precision), scale: \(scale))"
        case .bool: ".bool"
        case .string(let maxLength): ".string(maxLength: \(maxLength))"
        case .text: ".text"
        case .date: ".date"
        case .dateTime: ".dateTime"
        case .uuid: ".uuid"
        case .json: ".json"
        case .enumeration(let name): ".enumeration(cases: \(name).allCases.map(\\.rawValue))"
        case .array(let element): ".array(\(columnType(element)))"
        }
    }

    /// A Swift literal for a field's default value.
    static func literal(_ value: DefaultValue, for type: ScalarType) -> String {
        switch value {
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): stringLiteral(text)
        case .now: type == .date ? "CalendarDate.today()" : "Timestamp.now()"
        case .uuid: "UUID()"
        case .enumCase(let name): "." + name
        }
    }

    /// The runtime `ValueConstraint` for a schema constraint.
    static func constraint(_ constraint: FieldConstraint) -> String {
        let kind: String
        switch constraint.kind {
        case .minLength(let length): kind = ".minLength(\(length))"
        case .maxLength(let length): kind = ".maxLength(\(length))"
        case .range(let min, let max): kind = ".range(min: \(min.map { String($0) } ?? "nil"), max: \(max.map { String($0) } ?? "nil"))"
        case .pattern(let pattern): kind = ".pattern(\(stringLiteral(pattern)))"
        case .email: kind = ".email"
        case .oneOf(let options): kind = ".oneOf([\(options.map(stringLiteral).joined(separator: ", "))])"
        case .notBlank: kind = ".notBlank"
        }
        return "ValueConstraint(\(kind)\(constraint.message.map { ", message: " + stringLiteral($0) } ?? ""))"
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
