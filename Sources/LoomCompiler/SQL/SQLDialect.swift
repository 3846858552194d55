/// The SQL dialects the compiler writes DDL for. Mirrors the runtime's `SQLDialect` (the compiler links no runtime).
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case postgres
    case sqlite
}

/// The spelling both dialects share: double-quoted identifiers, single-quoted strings.
enum SQLSyntax {
    static func quote(_ identifier: String) -> String { "\"" + identifier.doubling("\"") + "\"" }

    static func quotedList(_ identifiers: [String]) -> String { identifiers.map(quote).joined(separator: ", ") }

    static func stringLiteral(_ text: String) -> String { "'" + text.doubling("'") + "'" }
}
