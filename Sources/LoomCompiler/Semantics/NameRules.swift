/// What a model or field may be called. Names become Swift identifiers, JSON keys and SQL columns, so a name that
/// would break any of them is rejected here rather than in generated code.
enum NameRules {
    /// Rejected as model and field names (L028): the language's keywords and the Swift keywords that would break
    /// generated code.
    static let reservedWords: Set<String> = [
        // Declarations and members of the language.
        "model", "resource", "enum", "command", "usecase", "job", "at", "crud", "table", "timestamps", "pagination",
        // Swift.
        "class", "struct", "func", "init", "self", "Self", "default", "case", "return", "in", "is", "as", "protocol",
        "extension", "import", "let", "var", "where", "while", "for", "if", "else", "switch", "true", "false", "nil",
        "throws", "try", "await", "async", "operator", "static", "public", "private", "internal", "type", "Type",
        "Protocol",
    ]

    /// Contextual keywords that are keywords only after a model's name or inside a resource body. In field position
    /// they are unambiguous, and harmless in Swift and SQL, so fields may use them (`table`, `at`).
    static let allowedFieldKeywords: Set<String> = ["at", "crud", "table", "timestamps", "pagination"]

    /// The built-in type names: a model called `String` would shadow one of them.
    static let builtinTypes = ["Int", "Double", "Bool", "String", "DateTime"]

    /// A model name is UpperCamelCase (letters and digits, the first an uppercase letter), not reserved, and not a
    /// built-in type's name.
    static func checkModelName(_ name: Identifier) -> Diagnostic? {
        if builtinTypes.contains(name.name) {
            return .error(.reservedName, "'\(name.name)' is a built-in type and cannot name a model", at: name.range)
        }
        if reservedWords.contains(name.name) {
            return .error(.reservedName, "'\(name.name)' is a reserved word and cannot name a model", at: name.range)
        }
        guard isModelShaped(name.name) else {
            let camel = Naming.camelCase(name.name)
            let suggestion = camel.prefix(1).uppercased() + camel.dropFirst()
            return .error(
                .invalidName,
                "model name '\(name.name)' must start with an uppercase letter and contain only letters and digits",
                at: name.range, hint: isModelShaped(suggestion) ? "write '\(suggestion)'" : nil
            )
        }
        return nil
    }

    /// A field name is lowerCamelCase (letters and digits, the first a lowercase letter) and not reserved.
    static func checkFieldName(_ name: Identifier) -> Diagnostic? {
        if reservedWords.contains(name.name) && !allowedFieldKeywords.contains(name.name) {
            return .error(
                .reservedName, "'\(name.name)' is a reserved word and cannot name a field", at: name.range,
                hint: "choose another name, e.g. '\(Naming.lowerFirst(name.name))Value'"
            )
        }
        guard isFieldShaped(name.name) else {
            let suggestion = lowerLeadingCapitals(Naming.camelCase(name.name))
            let usable = isFieldShaped(suggestion) && !reservedWords.contains(suggestion)
            return .error(
                .invalidName,
                "field name '\(name.name)' must start with a lowercase letter and contain only letters and digits",
                at: name.range, hint: usable ? "write '\(suggestion)'" : nil
            )
        }
        return nil
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
