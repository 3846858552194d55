import Foundation

/// JSON as a Loom server writes and reads it: camelCase members as declared, instants as `LoomTimestamp` text,
/// `Decimal` as a JSON number (Foundation's default, which the server's decoder reads), UUIDs in either case.
public enum LoomJSONCoding {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(LoomTimestamp.format(date))
        }
        // Sorted: one body for one value, which a recorded request or a log can be compared by.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = LoomTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 date-time such as 2026-12-05T10:00:00.123456Z, got '\(text)'")
            }
            return date
        }
        return decoder
    }
}
