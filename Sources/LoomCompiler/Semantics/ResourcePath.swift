/// Checks and normalises a resource's path: it starts with `/`, its segments are lowercase letters, digits, `-` and
/// `_`, none is empty, and a trailing `/` is dropped (`"/users/"` → `/users`).
enum ResourcePath {
    enum Outcome {
        case valid(String)
        case invalid(Diagnostic)
    }

    static func normalise(_ literal: StringLiteral) -> Outcome {
        let path = literal.value
        func invalid(_ message: String, hint: String) -> Outcome {
            .invalid(.error(.invalidPath, message, at: literal.range, hint: hint))
        }
        guard path.hasPrefix("/") else {
            return invalid("path '\(path)' must start with '/'", hint: "write '/\(path)'")
        }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? path.dropLast() : Substring(path)
        let segments = trimmed.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if trimmed.count <= 1 {
            return invalid("path '\(path)' has no segment", hint: "name the collection, e.g. '/items'")
        }
        if segments.contains(where: \.isEmpty) {
            return invalid("path '\(path)' has an empty segment", hint: "remove the repeated '/'")
        }
        if path.contains("{") || path.contains("}") {
            return invalid("path '\(path)' has a parameter", hint: "path parameters are not supported yet")
        }
        let isAllowed = trimmed.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "/"
        }
        guard isAllowed else {
            return invalid(
                "path '\(path)' may contain only lowercase letters, digits, '-', '_' and '/'",
                hint: "write the path in lowercase, with '-' between words"
            )
        }
        return .valid(String(trimmed))
    }
}
