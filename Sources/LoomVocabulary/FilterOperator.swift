/// A list route's filter operators, by the name a query string spells them with (`field__op=value`; plain
/// `field=value` is `eq`). The runtime parses them, the OpenAPI document lists them per field
/// (`ValueKind.filterOperators`), and a client builds them.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case eq, ne, gt, gte, lt, lte
    case `in`
    case notIn = "not_in"
    case like, ilike
    case isNull = "is_null"
    case isNotNull = "is_not_null"
    /// Substring match (`LIKE '%v%'`, wildcards in `v` escaped).
    case contains
    /// Prefix match (`LIKE 'v%'`).
    case startsWith = "startswith"

    /// Spellings the runtime also accepts, for clients of the Python framework; the document names only the canonical one.
    public static let aliases: [String: FilterOperator] = ["not_null": .isNotNull]

    /// The operator a query string names, case-insensitively, or nil.
    public init?(queryName: String) {
        let name = queryName.lowercased()
        guard let found = FilterOperator(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = found
    }

    /// What the operator's value is on the wire.
    public enum Operand: Sendable, Hashable {
        /// One value of the field's type.
        case value
        /// A comma-separated list of values of the field's type.
        case list
        /// `true` or `false`.
        case flag
        /// A text pattern (at most `ListParameter.maximumPatternBytes` bytes).
        case pattern
    }

    public var operand: Operand {
        switch self {
        case .eq, .ne, .gt, .gte, .lt, .lte: .value
        case .in, .notIn: .list
        case .isNull, .isNotNull: .flag
        case .like, .ilike, .contains, .startsWith: .pattern
        }
    }

    /// The query parameter that applies this operator to `field`: `field` for `eq`, else `field__op`.
    public func parameterName(field: String) -> String {
        self == .eq ? field : field + ListParameter.operatorSeparator + rawValue
    }
}
