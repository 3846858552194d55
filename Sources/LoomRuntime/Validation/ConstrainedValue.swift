import Foundation

/// What a constraint looks at in a typed value: text (whose length is counted in Unicode scalars, like PostgreSQL
/// and SQLite count it), a number, a count of elements, or nothing a constraint applies to.
public enum ConstraintSubject: Sendable {
    case text(String)
    case number(Double)
    /// Kept exact, for the digits a `Decimal(p, s)` column holds.
    case decimal(Decimal)
    case count(Int)
    case none

    /// What `minLength`/`maxLength` measure: code points of text, elements of a list.
    var length: Int? {
        switch self {
        case .text(let text): text.unicodeScalars.count
        case .count(let count): count
        case .number, .decimal, .none: nil
        }
    }
}

/// A field type that constraints can be checked on (see `Violations.check`).
public protocol ConstrainedValue {
    var constraintSubject: ConstraintSubject { get }
}

extension String: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .text(self) }
}

extension Int: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .number(Double(self)) }
}

extension Int32: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .number(Double(self)) }
}

extension Double: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .number(self) }
}

extension Decimal: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .decimal(self) }
}

extension Array: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .count(count) }
}

extension Bool: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .none }
}

extension Date: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .none }
}

extension UUID: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .none }
}

extension CalendarDate: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .none }
}

extension JSONValue: ConstrainedValue {
    public var constraintSubject: ConstraintSubject { .none }
}
