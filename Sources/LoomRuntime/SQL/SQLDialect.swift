/// The SQL spoken by a backend. Statements are built once per dialect; only placeholders and a few types differ.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case postgres
    case sqlite

    /// The n-th (1-based) bind placeholder: `$1` on PostgreSQL, `?1` on SQLite (same numbering semantics).
    public func placeholder(_ index: Int) -> String {
        switch self {
        case .postgres: "$\(index)"
        case .sqlite: "?\(index)"
        }
    }

    /// Quotes an identifier. Names come from the checked schema, but quoting keeps reserved words (`order`) legal.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
