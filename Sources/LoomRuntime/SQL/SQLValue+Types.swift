import Foundation
import LoomValues

// Column types without a native SQLValue case travel as text: the PostgreSQL statements cast the placeholder to the
// column's type (`$1::uuid`) and select such columns as `::text`, SQLite stores the text. One representation, both
// backends.

extension Int32: SQLValueConvertible {
    public var sqlValue: SQLValue { .int(Int(self)) }
    public init(sqlValue: SQLValue) throws {
        guard let value = Int32(exactly: try Int(sqlValue: sqlValue)) else {
            throw SQLDecodingError(expected: "Int32", found: sqlValue)
        }
        self = value
    }
}

extension Decimal: SQLValueConvertible {
    public var sqlValue: SQLValue { .string(description) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .string(let text):
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw SQLDecodingError(expected: "Decimal", found: sqlValue)
            }
            self = value
        case .int(let value): self = Decimal(value)
        case .double(let value): self = Decimal(string: String(value)) ?? Decimal(value)
        default: throw SQLDecodingError(expected: "Decimal", found: sqlValue)
        }
    }
}

extension UUID: SQLValueConvertible {
    /// Lowercase, as PostgreSQL prints it, so both backends read back the same text.
    public var sqlValue: SQLValue { .string(lowercasedText) }
    public init(sqlValue: SQLValue) throws {
        guard case .string(let text) = sqlValue, let value = UUID(uuidString: text) else {
            throw SQLDecodingError(expected: "UUID", found: sqlValue)
        }
        self = value
    }
}

/// Arrays are stored as JSON text (`jsonb` on PostgreSQL).
extension Array: SQLValueConvertible where Element: Codable {
    public var sqlValue: SQLValue {
        .string(String(decoding: (try? JSONEncoder().encode(self)) ?? Data("[]".utf8), as: UTF8.self))
    }
    public init(sqlValue: SQLValue) throws {
        guard case .string(let text) = sqlValue, let value = try? JSONDecoder().decode([Element].self, from: Data(text.utf8)) else {
            throw SQLDecodingError(expected: "[\(Element.self)]", found: sqlValue)
        }
        self = value
    }
}

/// A value outside an enum's cases, as a decoding failure (LoomValues); `LoomRuntime.EnumMembershipError` still
/// names it.
public typealias EnumMembershipError = LoomValues.EnumMembershipError

/// A generated schema enum: stored as its case name. Its JSON coding (a case name; another string is a rule
/// violation) is `SchemaEnum`'s, in LoomValues.
public protocol LoomEnum: SchemaEnum, SQLValueConvertible, ConstrainedValue {}

extension LoomEnum {
    /// Constraints see the case name, as the database stores it.
    public var constraintSubject: ConstraintSubject { .text(rawValue) }

    public var sqlValue: SQLValue { .string(rawValue) }
    public init(sqlValue: SQLValue) throws {
        guard case .string(let text) = sqlValue, let value = Self(rawValue: text) else {
            throw SQLDecodingError(expected: "\(Self.self)", found: sqlValue)
        }
        self = value
    }
}
