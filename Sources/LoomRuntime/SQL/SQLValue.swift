import Foundation

/// A value bound to a statement or read from a row, independent of the backend. Every value reaches the database as
/// a bind parameter; none is ever spliced into SQL text.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case date(Date)
}

/// A Swift type stored in one column. (Not refining `Sendable`, so that `Array` can conform conditionally.)
public protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    init(sqlValue: SQLValue) throws
}

/// A row value that does not fit the Swift type the schema promised: a schema/database mismatch, never user input.
public struct SQLDecodingError: Error, CustomStringConvertible {
    public var expected: String
    public var found: SQLValue
    public var description: String { "expected \(expected), found \(found)" }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .int(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .int(let value): self = value
        // `exactly`: a REAL that another tool wrote (infinite, or past Int's range) is a decoding error, not a trap.
        case .double(let value) where Int(exactly: value) != nil: self = Int(exactly: value)!
        case .string(let text) where Int(text) != nil: self = Int(text)!
        default: throw SQLDecodingError(expected: "Int", found: sqlValue)
        }
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .double(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        default: throw SQLDecodingError(expected: "Double", found: sqlValue)
        }
    }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .bool(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .bool(let value): self = value
        case .int(let value): self = value != 0  // SQLite stores booleans as 0/1
        default: throw SQLDecodingError(expected: "Bool", found: sqlValue)
        }
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .string(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .string(let value) = sqlValue else { throw SQLDecodingError(expected: "String", found: sqlValue) }
        self = value
    }
}

extension Date: SQLValueConvertible {
    public var sqlValue: SQLValue { .date(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .date(let value): self = value
        case .string(let text):  // SQLite keeps timestamps as ISO-8601 text
            guard let date = Timestamp.parse(text) else { throw SQLDecodingError(expected: "DateTime", found: sqlValue) }
            self = date
        default: throw SQLDecodingError(expected: "DateTime", found: sqlValue)
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public init(sqlValue: SQLValue) throws {
        self = sqlValue == .null ? nil : try Wrapped(sqlValue: sqlValue)
    }
}
