import Foundation

/// Turns a `DecodingError` from a request body into violations a client can act on: the field (dotted path, as sent
/// in camelCase) and what is wrong with it.
public enum DecodingErrorDescription {
    public static func violations(for error: DecodingError) -> [Violation] {
        switch error {
        case .keyNotFound(let key, let context):
            return [.init(field: path(context.codingPath + [key]), message: "is required")]
        case .valueNotFound(_, let context):
            return [.init(field: path(context.codingPath), message: "must not be null")]
        case .typeMismatch(let type, let context):
            return [.init(field: path(context.codingPath), message: "must be \(noun(for: type))")]
        case .dataCorrupted(let context):
            let field = context.codingPath.isEmpty ? "body" : path(context.codingPath)
            let underlying = context.underlyingError.flatMap { $0 is EnumMembershipError ? nil : " (\($0.localizedDescription))" } ?? ""
            return [.init(field: field, message: context.debugDescription + underlying)]
        @unknown default:
            return [.init(field: "body", message: "is not valid")]
        }
    }

    /// `address.city`, `items[0].quantity`; `body` for the body itself.
    static func path(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return path.isEmpty ? "body" : path
    }

    static func noun(for type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "a boolean"
        case is String.Type: "a string"
        default: "a valid \(type)"
        }
    }
}
