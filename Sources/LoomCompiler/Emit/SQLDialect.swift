/// The SQL dialects the compiler writes DDL for. Mirrors the runtime's `SQLDialect` (the compiler links no runtime).
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case postgres
    case sqlite

    func quote(_ identifier: String) -> String {
        "\"" + identifier.doubling("\"") + "\""
    }
}
