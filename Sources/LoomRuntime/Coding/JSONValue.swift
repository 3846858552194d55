import Foundation

/// Any JSON value (`JSON` in a schema); stored as JSON text (`jsonb` on PostgreSQL).
public enum JSONValue: Sendable, Hashable, Codable, SQLValueConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var sqlValue: SQLValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return .string(String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self))
    }

    public init(sqlValue: SQLValue) throws {
        guard case .string(let text) = sqlValue, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            throw SQLDecodingError(expected: "JSON", found: sqlValue)
        }
        self = value
    }
}
