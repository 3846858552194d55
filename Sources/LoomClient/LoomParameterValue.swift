import Foundation
import LoomValues

/// A value a path segment or a query parameter carries, as the server parses it: an id, a filter's operand. A
/// generated enum conforms by its raw value (`extension OrderStatus: LoomParameterValue {}`).
public protocol LoomParameterValue: Sendable {
    /// The value as text, before percent-encoding.
    var parameterText: String { get }
}

extension LoomParameterValue where Self: RawRepresentable, RawValue == String {
    public var parameterText: String { rawValue }
}

extension String: LoomParameterValue {
    public var parameterText: String { self }
}

extension Substring: LoomParameterValue {
    public var parameterText: String { String(self) }
}

extension Int: LoomParameterValue {
    public var parameterText: String { String(self) }
}

extension Int32: LoomParameterValue {
    public var parameterText: String { String(self) }
}

extension Int64: LoomParameterValue {
    public var parameterText: String { String(self) }
}

extension Double: LoomParameterValue {
    public var parameterText: String { String(self) }
}

extension Decimal: LoomParameterValue {
    /// Plain digits and a point (`12.50` as `12.5`): the server takes a decimal filter without an exponent.
    public var parameterText: String { description }
}

extension Bool: LoomParameterValue {
    /// `true` or `false`, as `is_null` and a Bool field's filters take them.
    public var parameterText: String { self ? "true" : "false" }
}

extension UUID: LoomParameterValue {
    /// Lower case, as the server writes ids in paths (`Location: /loom/jobs/…`); it reads either case.
    public var parameterText: String { lowercasedText }
}

extension Date: LoomParameterValue {
    /// `LoomTimestamp`'s text: the instant to the microsecond, in UTC.
    public var parameterText: String { LoomTimestamp.format(self) }
}
