import Foundation
import LoomValues

extension PrincipalSchema {
    /// A claim the principal needs that a token lacks or carries with the wrong type or value: the token proves
    /// nothing, so the request is a 401, never an anonymous one.
    public struct ClaimError: Error, Sendable, Equatable, CustomStringConvertible {
        public var claim: String
        public var problem: String
        public var description: String { "claim '\(claim)' \(problem)" }
    }

    /// The principal a token's verified claims describe, each field typed as the schema declares it. A numeric id
    /// may come as a decimal string (`"sub": "3"`, as RFC 7519 makes `sub` a string).
    public func principal(fromClaims claims: [String: JSONValue]) throws(ClaimError) -> Principal {
        var values: [String: SQLValue] = [:]
        for field in fields {
            let claim = claims[field.claim] ?? .null
            if claim == .null {
                guard field.isOptional else { throw ClaimError(claim: field.claim, problem: "is missing") }
                values[field.name] = .null
                continue
            }
            guard let value = Self.value(claim, as: field.type) else {
                throw ClaimError(claim: field.claim, problem: "must be \(field.type.noun)")
            }
            values[field.name] = value
        }
        return Principal(values)
    }

    private static func value(_ claim: JSONValue, as type: ColumnType) -> SQLValue? {
        switch (type, claim) {
        case (.int, .integer(let integer)), (.int32, .integer(let integer)):
            return type != .int32 || Int32(exactly: integer) != nil ? .int(integer) : nil
        case (.int, .number(let number)), (.int32, .number(let number)):
            guard let integer = Int(exactly: number), type != .int32 || Int32(exactly: number) != nil else { return nil }
            return .int(integer)
        case (.int, .string(let text)), (.int32, .string(let text)):
            guard let integer = Int(text), String(integer) == text, type != .int32 || Int32(exactly: integer) != nil else {
                return nil
            }
            return .int(integer)
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.string(let maxLength), .string(let text)): return text.count <= maxLength && !text.containsNUL ? .string(text) : nil
        case (.text, .string(let text)): return text.containsNUL ? nil : .string(text)
        case (.uuid, .string(let text)): return UUID(uuidString: text).map { .string($0.lowercasedText) }
        case (.enumeration(let cases), .string(let text)): return cases.contains(text) ? .string(text) : nil
        default: return nil
        }
    }
}
