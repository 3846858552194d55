import LoomVocabulary

/// One filter of a list: a field, an operator and its operand as the server reads it, `field__op=value`
/// (`FilterOperator.parameterName(field:)`).
public struct LoomFilter: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var op: FilterOperator
    /// The operand as text: one value; for `in` and `not_in` the values joined by commas; for `is_null` and
    /// `is_not_null` `true` or `false`.
    public var value: String

    /// A one-value filter: a comparison (`priceCents`, `.gte`, `500`), a pattern (`name`, `.contains`, `"saw"`), a
    /// flag (`deletedAt`, `.isNull`, `true`), or a one-item `in`.
    public init(_ field: String, _ op: FilterOperator, _ value: some LoomParameterValue) {
        self.field = field
        self.op = op
        self.value = value.parameterText
    }

    /// A list filter (`category`, `.in`, `["tools", "garden"]`): the values joined by commas. The server splits
    /// the operand at every comma, so a value that holds one cannot be listed.
    public init<Value: LoomParameterValue>(_ field: String, _ op: FilterOperator, _ values: [Value]) {
        self.field = field
        self.op = op
        self.value = values.map(\.parameterText).joined(separator: ",")
    }

    public var queryItem: LoomQueryItem { LoomQueryItem(name: op.parameterName(field: field), value: value) }

    public var description: String { queryItem.description }
}

/// One key of `sort`: a field, `-field` when descending.
public struct LoomSortKey: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var descending: Bool

    public init(_ field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// Sorted by `field` in `direction`'s order (ascending when the query has none).
    public static func ascending(_ field: String) -> LoomSortKey { LoomSortKey(field) }

    /// Sorted by `field`, largest first, whatever `direction` says.
    public static func descending(_ field: String) -> LoomSortKey { LoomSortKey(field, descending: true) }

    public var description: String { descending ? "-" + field : field }
}

/// The query of a list route (`ListParameter`): filters, sort keys, direction, page size, the page or the cursor,
/// the read profile. Generated code fills it from typed arguments; `queryItems` is what is sent.
public struct LoomListQuery: Sendable, Hashable {
    public var filters: [LoomFilter]
    public var sort: [LoomSortKey]
    /// The direction of the sort keys without `-`.
    public var direction: SortDirection?
    /// `offset` or `cursor`, on a list that lets the client choose; nil: the route's own.
    public var pagination: PaginationMode?
    /// Offset pages: the page, from 1.
    public var page: Int?
    public var limit: Int?
    /// Cursor pages: the previous page's `nextCursor`.
    public var after: String?
    /// A read profile of the model (`withTags`).
    public var profile: String?

    public init(
        filters: [LoomFilter] = [], sort: [LoomSortKey] = [], direction: SortDirection? = nil,
        pagination: PaginationMode? = nil, page: Int? = nil, limit: Int? = nil, after: String? = nil, profile: String? = nil
    ) {
        self.filters = filters
        self.sort = sort
        self.direction = direction
        self.pagination = pagination
        self.page = page
        self.limit = limit
        self.after = after
        self.profile = profile
    }

    /// Adds `field op value` (see `LoomFilter`).
    public mutating func filter(_ field: String, _ op: FilterOperator, _ value: some LoomParameterValue) {
        filters.append(LoomFilter(field, op, value))
    }

    /// Adds `field op a,b,c` for `in` and `not_in`.
    public mutating func filter<Value: LoomParameterValue>(_ field: String, _ op: FilterOperator, _ values: [Value]) {
        filters.append(LoomFilter(field, op, values))
    }

    /// The query string's items: the filters in the order added, then `sort`, `direction`, `pagination`, `page`,
    /// `limit`, `after`, `profile`, each when set.
    public var queryItems: [LoomQueryItem] {
        var items = filters.map(\.queryItem)
        func add(_ parameter: ListParameter, _ value: String?) {
            if let value { items.append(LoomQueryItem(name: parameter.rawValue, value: value)) }
        }
        add(.sort, sort.isEmpty ? nil : sort.map(\.description).joined(separator: ","))
        add(.direction, direction?.rawValue)
        add(.pagination, pagination?.rawValue)
        add(.page, page.map(String.init))
        add(.limit, limit.map(String.init))
        add(.after, after)
        add(.profile, profile)
        return items
    }
}
