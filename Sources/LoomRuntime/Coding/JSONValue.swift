import Foundation
import LoomVocabulary

/// Any JSON value (`JSON` in a schema); stored as JSON text (`jsonb` on PostgreSQL). The vocabulary's type, so a
/// client decodes the same values.
public typealias JSONValue = LoomVocabulary.JSONValue

extension JSONValue: SQLValueConvertible {
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
