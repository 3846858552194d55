import Foundation
import LoomValues
import LoomVocabulary

/// A model's field in a list query, typed by its value: the generated client declares one per field a list can filter
/// and sort on (`Product.Field.priceCents`), and its operators are the ones the server takes on that kind of value
/// (`ValueKind.filterOperators`): every field has `eq`, `ne`, `in`, `notIn`, `isNull`; ordered values add `gt`, `gte`,
/// `lt`, `lte`; text adds `like`, `ilike`, `contains`, `startsWith`. An operator the server would refuse does not
/// compile: `Product.Field.inStock.gt(true)`.
public struct LoomField<Model, Value: LoomParameterValue>: Sendable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public func eq(_ value: Value) -> LoomFilter { LoomFilter(name, .eq, value) }
    public func ne(_ value: Value) -> LoomFilter { LoomFilter(name, .ne, value) }
    public func `in`(_ values: [Value]) -> LoomFilter { LoomFilter(name, .in, values) }
    public func notIn(_ values: [Value]) -> LoomFilter { LoomFilter(name, .notIn, values) }
    /// `isNull(true)`: rows where the field is null; `isNull(false)`: where it is not.
    public func isNull(_ flag: Bool = true) -> LoomFilter { LoomFilter(name, .isNull, flag) }

    public var ascending: LoomSortKey { .ascending(name) }
    public var descending: LoomSortKey { .descending(name) }
}

/// A value the server orders: numbers, dates, instants, text.
public protocol LoomOrderedValue: LoomParameterValue {}
extension Int: LoomOrderedValue {}
extension Int32: LoomOrderedValue {}
extension Double: LoomOrderedValue {}
extension Decimal: LoomOrderedValue {}
extension Date: LoomOrderedValue {}
extension String: LoomOrderedValue {}
extension CalendarDate: LoomOrderedValue {}

extension CalendarDate: LoomParameterValue {
    public var parameterText: String { description }
}

extension LoomField where Value: LoomOrderedValue {
    public func gt(_ value: Value) -> LoomFilter { LoomFilter(name, .gt, value) }
    public func gte(_ value: Value) -> LoomFilter { LoomFilter(name, .gte, value) }
    public func lt(_ value: Value) -> LoomFilter { LoomFilter(name, .lt, value) }
    public func lte(_ value: Value) -> LoomFilter { LoomFilter(name, .lte, value) }
}

extension LoomField where Value == String {
    /// SQL `LIKE`: `%` and `_` are wildcards.
    public func like(_ pattern: String) -> LoomFilter { LoomFilter(name, .like, pattern) }
    /// `LIKE` without regard to case.
    public func ilike(_ pattern: String) -> LoomFilter { LoomFilter(name, .ilike, pattern) }
    public func contains(_ text: String) -> LoomFilter { LoomFilter(name, .contains, text) }
    public func startsWith(_ text: String) -> LoomFilter { LoomFilter(name, .startsWith, text) }
}
