import LoomVocabulary

/// A typed WHERE clause: conditions on columns, combined with AND/OR groups nested to any depth.
public indirect enum Filter: Sendable, Hashable {
    case condition(Condition)
    case all([Filter])
    case any([Filter])
    /// True where `filter` is not: false or unknown (a comparison with a NULL column) inside counts as false, so
    /// `not` is two-valued as in Swift.
    case not(Filter)
    /// `column IN (SELECT key FROM table WHERE filter)`: a condition on related rows (an access rule's
    /// `ticket.orgId == auth.orgId`, or `exists(comments where …)`), in the same statement. `filter`'s columns are
    /// `table`'s.
    case related(column: String, table: TableSchema, key: String, Filter)

    /// Whether deciding it needs rows other than the one it is about (a `related` condition).
    public var reachesOtherRows: Bool {
        switch self {
        case .condition: false
        case .all(let parts), .any(let parts): parts.contains { $0.reachesOtherRows }
        case .not(let inner): inner.reachesOtherRows
        case .related: true
        }
    }

    /// Every row (`1 = 1`).
    public static let everything = Filter.all([])
    /// No row (`1 = 0`).
    public static let nothing = Filter.any([])

    public struct Condition: Sendable, Hashable {
        public var column: String
        public var op: FilterOperator
        /// One value for comparisons, several for `in`/`notIn`, none for `isNull`/`isNotNull`.
        public var values: [SQLValue]

        public init(column: String, op: FilterOperator, values: [SQLValue]) {
            self.column = column
            self.op = op
            self.values = values
        }
    }

    public static func && (lhs: Filter, rhs: Filter) -> Filter { .all([lhs, rhs]) }
    public static func || (lhs: Filter, rhs: Filter) -> Filter { .any([lhs, rhs]) }
}

/// `eq`, `gte`, `in`, `contains`, …: the vocabulary's, which the OpenAPI document lists and a client builds.
public typealias FilterOperator = LoomVocabulary.FilterOperator

/// A model's column as a typed value, so filters and sorts name only real columns and compare with values of the
/// column's type: `Product.Fields.stock.lte(5)`. Generated for every field.
public struct FieldRef<Model, Value: SQLValueConvertible>: Sendable {
    public let column: String

    public init(column: String) {
        self.column = column
    }

    private func condition(_ op: FilterOperator, _ values: [SQLValue]) -> Filter {
        .condition(.init(column: column, op: op, values: values))
    }

    public func eq(_ value: Value) -> Filter { condition(.eq, [value.sqlValue]) }
    public func ne(_ value: Value) -> Filter { condition(.ne, [value.sqlValue]) }
    public func gt(_ value: Value) -> Filter { condition(.gt, [value.sqlValue]) }
    public func gte(_ value: Value) -> Filter { condition(.gte, [value.sqlValue]) }
    public func lt(_ value: Value) -> Filter { condition(.lt, [value.sqlValue]) }
    public func lte(_ value: Value) -> Filter { condition(.lte, [value.sqlValue]) }
    public func `in`(_ values: [Value]) -> Filter { condition(.in, values.map(\.sqlValue)) }
    public func notIn(_ values: [Value]) -> Filter { condition(.notIn, values.map(\.sqlValue)) }
    public var isNull: Filter { condition(.isNull, []) }
    public var isNotNull: Filter { condition(.isNotNull, []) }
    public var ascending: SortKey { SortKey(column: column, direction: .ascending) }
    public var descending: SortKey { SortKey(column: column, direction: .descending) }
}

extension FieldRef where Value == String {
    public func like(_ pattern: String) -> Filter { condition(.like, [.string(pattern)]) }
    public func ilike(_ pattern: String) -> Filter { condition(.ilike, [.string(pattern)]) }
    public func contains(_ text: String) -> Filter { condition(.contains, [.string(text)]) }
    public func startsWith(_ text: String) -> Filter { condition(.startsWith, [.string(text)]) }
}

extension FieldRef where Value == String? {
    public func like(_ pattern: String) -> Filter { condition(.like, [.string(pattern)]) }
    public func ilike(_ pattern: String) -> Filter { condition(.ilike, [.string(pattern)]) }
    public func contains(_ text: String) -> Filter { condition(.contains, [.string(text)]) }
    public func startsWith(_ text: String) -> Filter { condition(.startsWith, [.string(text)]) }
}

/// One sort key. NULLs sort as the largest value in both directions and on both backends (last when ascending).
public struct SortKey: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case ascending = "asc"
        case descending = "desc"
    }

    public var column: String
    public var direction: Direction

    public init(column: String, direction: Direction) {
        self.column = column
        self.direction = direction
    }
}
