import LoomVocabulary

/// How schema names and types are spelled in generated Swift.
public enum SwiftNames {

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
        case .date: "LoomValues.CalendarDate"
        case .dateTime: "Date"
        case .uuid: "UUID"
        case .json: "LoomVocabulary.JSONValue"
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
        case .now: type == .date ? "LoomValues.CalendarDate.today()" : "LoomValues.Timestamp.now()"
        case .uuid: "UUID()"
        case .enumCase(let name): "." + name
        }
    }

    /// The runtime `ValueConstraint` for a schema constraint.
    static func constraint(_ constraint: FieldConstraint) -> String {
        self.constraint(constraint.kind, message: constraint.message)
    }

    /// The runtime `ValueConstraint` of a kind: `LoomRuntime.ValueConstraint(.maxLength(40))`.
    static func constraint(_ constraint: ValueConstraintKind, message: String? = nil) -> String {
        let kind: String
        switch constraint {
        case .minLength(let length): kind = ".minLength(\(length))"
        case .maxLength(let length): kind = ".maxLength(\(length))"
        case .range(let min, let max): kind = ".range(min: \(min.map { String($0) } ?? "nil"), max: \(max.map { String($0) } ?? "nil"))"
        case .pattern(let pattern): kind = ".pattern(\(stringLiteral(pattern)))"
        case .email: kind = ".email"
        case .oneOf(let options): kind = ".oneOf([\(options.map(stringLiteral).joined(separator: ", "))])"
        case .notBlank: kind = ".notBlank"
        case .decimal(let precision, let scale): kind = ".decimal(precision: \(precision), scale: \(scale))"
        }
        return "LoomRuntime.ValueConstraint(\(kind)\(message.map { ", message: " + stringLiteral($0) } ?? ""))"
    }

    /// The Swift type of a command field or parameter.
    static func swiftType(_ type: ValueType) -> String {
        switch type {
        case .scalar(let scalar): swiftType(scalar)
        case .model(let name), .command(let name): name
        case .list(let element): "[\(swiftType(element))]"
        }
    }

    /// Swift keywords a schema name may still be (the language rejects most of them): written in backticks.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "some", "any",
    ]

    /// An identifier as Swift accepts it in any position.
    static func safe(_ name: String) -> String { swiftKeywords.contains(name) ? "`\(name)`" : name }

    /// An argument label: any keyword but `inout`, `var` and `let` is a label as it is (and Swift warns when one is
    /// escaped needlessly).
    static func label(_ name: String) -> String { ["inout", "var", "let"].contains(name) ? "`\(name)`" : name }

    /// `base`, or `base2`, `base3`, … : a local name no field takes.
    static func fresh(_ base: String, avoiding taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var index = 2
        while taken.contains(base + String(index)) { index += 1 }
        return base + String(index)
    }

    /// `.created` for 201: Hummingbird's name of a status, or `.init(code:)`.
    static func status(_ code: Int) -> String {
        switch code {
        case 200: ".ok"
        case 201: ".created"
        case 202: ".accepted"
        case 204: ".noContent"
        default: ".init(code: \(code))"
        }
    }

    /// A double-quoted Swift string literal with everything escaped.
    public static func stringLiteral(_ text: String) -> String {
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
