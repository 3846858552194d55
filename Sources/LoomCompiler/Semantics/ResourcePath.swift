/// Checks and normalises a resource's or route's path: it starts with `/`, each segment is lowercase letters,
/// digits, `-` and `_`, or a whole-segment parameter `{name}` (lowerCamelCase), none is empty, no parameter
/// repeats, and a trailing `/` is dropped (`"/users/"` → `/users`).
enum ResourcePath {
    enum Outcome {
        case valid(String)
        case invalid(Diagnostic)
    }

    /// A resource's path: at least one segment.
    static func normalise(_ literal: StringLiteral) -> Outcome {
        normalise(literal, allowsRoot: false)
    }

    /// A custom route's path, relative to its resource: `"/"` (normalised to the empty string) is the resource's
    /// own path.
    static func normaliseRoute(_ literal: StringLiteral) -> Outcome {
        normalise(literal, allowsRoot: true)
    }

    /// The parameter names of a normalised path, in order: `/users/{userId}/addresses` → `["userId"]`.
    static func parameters(in path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    private static func normalise(_ literal: StringLiteral, allowsRoot: Bool) -> Outcome {
        let path = literal.value
        func invalid(_ message: String, hint: String) -> Outcome {
            .invalid(.error(.invalidPath, message, at: literal.range, hint: hint))
        }
        guard path.hasPrefix("/") else {
            return invalid("path '\(path)' must start with '/'", hint: "write '/\(path)'")
        }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? path.dropLast() : Substring(path)
        if trimmed.count <= 1 {
            if allowsRoot && trimmed == "/" { return .valid("") }
            return invalid("path '\(path)' has no segment", hint: "name the collection, e.g. '/items'")
        }
        let segments = trimmed.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: \.isEmpty) {
            return invalid("path '\(path)' has an empty segment", hint: "remove the repeated '/'")
        }
        var parameters: Set<Substring> = []
        for segment in segments where segment.contains("{") || segment.contains("}") {
            let name = segment.dropFirst().dropLast()
            guard segment.hasPrefix("{"), segment.hasSuffix("}"), isParameterName(name) else {
                return invalid(
                    "path segment '\(segment)' is not a parameter",
                    hint: "a parameter is a whole segment named in lowerCamelCase, e.g. '{userId}'"
                )
            }
            guard parameters.insert(name).inserted else {
                return invalid("parameter '{\(name)}' appears twice in path '\(path)'", hint: "rename one of them")
            }
        }
        let isAllowed = segments.filter { !$0.hasPrefix("{") }.allSatisfy { segment in
            segment.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        }
        guard isAllowed else {
            return invalid(
                "path '\(path)' may contain only lowercase letters, digits, '-', '_', '/' and {parameters}",
                hint: "write the path in lowercase, with '-' between words"
            )
        }
        return .valid(String(trimmed))
    }

    private static func isParameterName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
