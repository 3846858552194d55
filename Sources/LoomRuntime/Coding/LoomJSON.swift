import Foundation

/// The JSON conventions of every Loom API: camelCase out; camelCase or snake_case in; instants as ISO-8601 with
/// microseconds.
public enum LoomJSON {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `convertFromSnakeCase` maps `full_name` to `fullName` and leaves `fullName` alone, so both spellings decode.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO-8601 date-time such as 2026-01-31T12:00:00Z")
            }
            return date
        }
        return decoder
    }
}

extension LoomJSON {
    /// One shared encoder and decoder (they are thread-safe once configured), so a request does not build its own.
    public static let encoder = makeEncoder()
    public static let decoder = makeDecoder()
}
