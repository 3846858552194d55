import Foundation
import Hummingbird
import LoomRuntime

/// Decodes a JSON request body into an input type, reporting every problem as a 422 with the field it concerns:
/// malformed JSON, a body that is not an object, unknown fields, missing fields, wrong types, nulls where none are
/// allowed.
public enum RequestBody {
    public static func decode<Input: LoomInput>(_ type: Input.Type, from request: Request, context: LoomRequestContext) async throws -> Input {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try decode(type, from: Data(buffer: buffer))
    }

    public static func decode<Input: LoomInput>(_ type: Input.Type, from data: Data) throws -> Input {
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
        let unknown = fields.keys.filter { !Input.fieldNames.contains(camelCase($0)) }.sorted()
        if !unknown.isEmpty {
            throw LoomError.validation(unknown.map { .init(field: $0, message: "is not a known field") })
        }
        do {
            return try LoomJSON.makeDecoder().decode(Input.self, from: data)
        } catch let error as DecodingError {
            throw LoomError.validation(DecodingErrorDescription.violations(for: error))
        }
    }

    /// The key `JSONDecoder.convertFromSnakeCase` would map this key to.
    static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let parts = key.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return key }
        return first.lowercased() + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }
}
