/// The kinds of value a field holds, as the compiler (`ScalarType`), the runtime (`ColumnType`), the OpenAPI document
/// and a client all name them. Each side keeps its own type with the details it needs (a string's length, an enum's
/// cases) and maps it onto this one, so what a filter, a sort or the document does with a kind is decided here once.
public enum ValueKind: String, Sendable, Hashable, CaseIterable {
    case int, int32, double, decimal, bool, string, text, date, dateTime, uuid, enumeration, json, array

    /// The filter operators a list route takes on a field of this kind (`price__gte=5`); empty when a field of this
    /// kind cannot be filtered or sorted on.
    public var filterOperators: [FilterOperator] {
        let common: [FilterOperator] = [.eq, .ne, .in, .notIn, .isNull, .isNotNull]
        let ordered: [FilterOperator] = [.gt, .gte, .lt, .lte]
        let textual: [FilterOperator] = [.like, .ilike, .contains, .startsWith]
        switch self {
        case .int, .int32, .double, .decimal, .date, .dateTime: return common + ordered
        case .string, .text: return common + ordered + textual
        case .bool, .uuid, .enumeration: return common
        case .json, .array: return []
        }
    }

    /// Whether a list can be filtered and sorted by a field of this kind.
    public var isFilterable: Bool { !filterOperators.isEmpty }

    /// JSON Schema's `type` and `format` for a value of this kind (an enumeration's values and a string's length
    /// are the caller's to add; `json` is any value, an array's items the caller's).
    public var jsonSchemaType: (type: String?, format: String?) {
        switch self {
        case .int: ("integer", "int64")
        case .int32: ("integer", "int32")
        case .double: ("number", "double")
        case .decimal: ("number", nil)
        case .bool: ("boolean", nil)
        case .string, .text, .enumeration: ("string", nil)
        case .date: ("string", "date")
        case .dateTime: ("string", "date-time")
        case .uuid: ("string", "uuid")
        case .json: (nil, nil)
        case .array: ("array", nil)
        }
    }
}
