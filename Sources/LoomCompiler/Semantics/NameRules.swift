/// What a model or field may be called. Names become Swift identifiers, JSON keys and SQL columns, so a name that
/// would break any of them is rejected here rather than in generated code.
enum NameRules {
    /// Rejected as model, enum, enum case, field and profile names (L028): the language's keywords and the Swift
    /// keywords that would break generated code.
    static let reservedWords: Set<String> = [
        // Declarations and members of the language.
        "model", "resource", "enum", "command", "usecase", "job", "callback", "profile", "at", "crud", "table",
        "timestamps", "pagination",
        // Swift.
        "class", "struct", "func", "init", "deinit", "self", "Self", "super", "default", "case", "return", "in", "is",
        "as", "protocol", "extension", "import", "let", "var", "where", "while", "repeat", "for", "if", "else",
        "guard", "switch", "do", "catch", "throw", "defer", "break", "continue", "fallthrough", "true", "false", "nil",
        "throws", "rethrows", "try", "await", "async", "operator", "static", "public", "private", "fileprivate",
        "internal", "inout", "subscript", "typealias", "associatedtype", "type", "Type", "Protocol", "Any",
    ]

    /// Contextual keywords that are keywords only after a model's name or inside a resource body. In field position
    /// they are unambiguous, and harmless in Swift and SQL, so fields may use them (`table`, `at`).
    static let allowedFieldKeywords: Set<String> = ["at", "crud", "table", "timestamps", "pagination"]

    /// Swift's access modifiers, which name fields as plain words do (a comment's `internal` flag): the generated
    /// Swift writes them in backticks (`SwiftNames.safe`), JSON and SQL take them as they are.
    static let escapedFieldKeywords: Set<String> = ["internal", "public", "private", "fileprivate"]

    /// The built-in type names: a model called `String` would shadow one of them.
    static let builtinTypes = ["Int", "Int32", "Double", "Decimal", "Bool", "String", "Text", "Date", "DateTime", "UUID", "JSON"]

    /// A model name is UpperCamelCase (letters and digits, the first an uppercase letter), not reserved, and not a
    /// built-in type's name.
    static func checkModelName(_ name: Identifier) -> Diagnostic? { checkTypeName(name, kind: "model") }

    /// An enum name follows the rules of a model name.
    static func checkEnumName(_ name: Identifier) -> Diagnostic? { checkTypeName(name, kind: "enum") }

    /// An enum case follows the rules of a field name.
    static func checkEnumCaseName(_ name: Identifier) -> Diagnostic? { checkMemberName(name, kind: "enum case") }

    /// A profile name follows the rules of a field name; `default` names the implicit profile and is reserved.
    static func checkProfileName(_ name: Identifier) -> Diagnostic? { checkMemberName(name, kind: "profile") }

    /// A field name is lowerCamelCase (letters and digits, the first a lowercase letter) and not reserved.
    static func checkFieldName(_ name: Identifier) -> Diagnostic? { checkMemberName(name, kind: "field") }

    /// A field of a model or command may also be an access modifier (`internal Bool`): a property, a JSON key and a
    /// column, each escaped where it needs to be. Parameters and bindings, which become Swift locals, may not.
    static func checkDataFieldName(_ name: Identifier) -> Diagnostic? {
        escapedFieldKeywords.contains(name.name) ? nil : checkFieldName(name)
    }

    /// A command, use case, job or callback name follows the rules of a model name; messages say which it is.
    static func checkTypeName(_ name: Identifier, kind: String) -> Diagnostic? {
        if builtinTypes.contains(name.name) {
            return .error(.reservedName, "'\(name.name)' is a built-in type and cannot name \(article(kind)) \(kind)", at: name.range)
        }
        if reservedWords.contains(name.name) {
            return .error(.reservedName, "'\(name.name)' is a reserved word and cannot name \(article(kind)) \(kind)", at: name.range)
        }
        guard isModelShaped(name.name) else {
            let camel = Naming.camelCase(name.name)
            let suggestion = camel.prefix(1).uppercased() + camel.dropFirst()
            return .error(
                .invalidName,
                "\(kind) name '\(name.name)' must start with an uppercase letter and contain only letters and digits",
                at: name.range, hint: isModelShaped(suggestion) ? "write '\(suggestion)'" : nil
            )
        }
        return nil
    }

    private static func checkMemberName(_ name: Identifier, kind: String) -> Diagnostic? {
        if reservedWords.contains(name.name) && !allowedFieldKeywords.contains(name.name) {
            return .error(
                .reservedName, "'\(name.name)' is a reserved word and cannot name \(article(kind)) \(kind)", at: name.range,
                hint: "choose another name, e.g. '\(Naming.lowerFirst(name.name))Value'"
            )
        }
        guard isFieldShaped(name.name) else {
            let suggestion = lowerLeadingCapitals(Naming.camelCase(name.name))
            let usable = isFieldShaped(suggestion) && !reservedWords.contains(suggestion)
            return .error(
                .invalidName,
                "\(kind) name '\(name.name)' must start with a lowercase letter and contain only letters and digits",
                at: name.range, hint: usable ? "write '\(suggestion)'" : nil
            )
        }
        return nil
    }

    /// `a field`, `an enum`.
    private static func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    /// `FullName` → `fullName`, `ID` → `id`, `URLPath` → `urlPath`.
    private static func lowerLeadingCapitals(_ name: String) -> String {
        let characters = Array(name)
        var end = 0
        while end < characters.count && characters[end].isUppercase { end += 1 }
        // In `URLPath` the `P` starts the next word.
        if end > 1 && end < characters.count && characters[end].isLowercase { end -= 1 }
        return characters[..<end].map { $0.lowercased() }.joined() + String(characters[end...])
    }

    private static func isModelShaped(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return ("A"..."Z").contains(first) && isLettersAndDigits(name)
    }

    private static func isFieldShaped(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return ("a"..."z").contains(first) && isLettersAndDigits(name)
    }

    private static func isLettersAndDigits(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
