import Foundation
import Hummingbird
import LoomRuntime

/// Decodes a JSON request body into an input or command, reporting every problem as a 422 with the field it concerns:
/// malformed JSON, a body that is not an object, a key named twice, unknown fields, then (all at once, from the generated `init(from:)`)
/// missing fields, wrong types, nulls where none are allowed.
public enum RequestBody {
    /// `overriding` sets fields from elsewhere (a nested route's parent key) whatever the body says; `fixed` names
    /// fields a body may not send (422).
    public static func decode<Input: LoomCommand>(
        _ type: Input.Type, from request: Request, context: some LoomRequestContext,
        overriding: [String: SQLValue] = [:], fixed: [String] = []
    ) async throws -> Input {
        try requireJSON(request.headers[.contentType])
        var request = request
        // Reading stops at the limit: a larger body is a 413 without the rest of it ever being buffered.
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try decode(type, from: Data(buffer: buffer), decoder: context.jsonDecoder, overriding: overriding, fixed: fixed)
    }

    /// A body must be JSON (`application/json` or a `+json` type): anything else is a 415. A request that names no
    /// type at all is read as JSON, as most clients that send JSON but forget the header mean it.
    static func requireJSON(_ contentType: String?) throws {
        guard let contentType else { return }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
            throw HTTPError(.unsupportedMediaType, message: "the body must be JSON (content-type: application/json), not '\(mediaType)'")
        }
    }

    public static func decode<Input: LoomCommand>(
        _ type: Input.Type, from data: Data, decoder: JSONDecoder = LoomJSON.decoder,
        overriding: [String: SQLValue] = [:], fixed: [String] = []
    ) throws -> Input {
        guard !data.isEmpty else { throw LoomError.validation([.init(field: "body", message: "is required")]) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw LoomError.validation([.init(field: "body", message: "is not valid JSON")])
        }
        guard let fields = object as? [String: Any] else {
            throw LoomError.validation([.init(field: "body", message: "must be a JSON object")])
        }
        let repeated = DuplicateJSONKeys.find(in: data)
        if !repeated.isEmpty {
            throw LoomError.validation(repeated.map { .init(field: $0, message: "is sent more than once") })
        }
        let known = Input.fieldNames  // generated as a computed property: read once, not per key
        let unknown = fields.keys.filter { !known.contains(camelCase($0)) }.sorted()
        if !unknown.isEmpty {
            throw LoomError.validation(unknown.map { .init(field: $0, message: "is not a known field") })
        }
        // `fullName` and `full_name` name one field: which one the decoder keeps would depend on dictionary order.
        let spellings = Dictionary(grouping: fields.keys, by: camelCase).filter { $0.value.count > 1 }
        if !spellings.isEmpty {
            throw LoomError.validation(spellings.keys.sorted().map { field in
                .init(field: field, message: "is sent more than once (as \(spellings[field]!.sorted().joined(separator: " and ")))")
            })
        }
        let sentFixed = fields.keys.filter { fixed.contains(camelCase($0)) || overriding.keys.contains(camelCase($0)) }.sorted()
        if !sentFixed.isEmpty {
            throw LoomError.validation(sentFixed.map { .init(field: $0, message: "is set by the route's path and cannot be sent") })
        }
        var body = data
        if !overriding.isEmpty {
            var object = fields
            for (field, value) in overriding { object[field] = jsonValue(value) }
            body = try JSONSerialization.data(withJSONObject: object)
        }
        do {
            return try decoder.decode(Input.self, from: body)
        } catch let invalid as InvalidInput {
            // What the generated `init(from:)` found, all at once: the 422 it has always been answered with.
            throw LoomError(invalid)
        } catch let error as DecodingError {
            throw LoomError.validation(DecodingErrorDescription.violations(for: error))
        }
    }

    static func jsonValue(_ value: SQLValue) -> Any {
        switch value {
        case .null: NSNull()
        case .int(let number): number
        case .double(let number): number
        case .bool(let flag): flag
        case .string(let text): text
        case .date(let date): Timestamp.format(date)
        }
    }

    /// The key `JSONDecoder.convertFromSnakeCase` would map this key to.
    /// Leading and trailing underscores are kept, as the decoder keeps them: `full_name_` is `fullName_`, an unknown
    /// field, not a second spelling of `fullName` that the decoder would then ignore.
    static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let leading = key.prefix { $0 == "_" }
        let trailing = key.reversed().prefix { $0 == "_" }
        guard leading.count < key.count else { return key }
        let core = key.dropFirst(leading.count).dropLast(trailing.count)
        let parts = core.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return key }
        let camel = first.lowercased() + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        return String(leading) + camel + String(trailing)
    }
}
