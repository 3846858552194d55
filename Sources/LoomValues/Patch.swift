/// A PATCH field: absent (leave the column alone), null (write NULL; only for nullable columns) or a value.
///
/// (The column assignment a patch asks for, `append(to:column:)`, is LoomRuntime's: it speaks SQL.)
public enum Patch<Value: Sendable & Equatable>: Sendable, Equatable {
    case absent
    case null
    case value(Value)

    public var isAbsent: Bool { self == .absent }

    /// Sent with a value: what a use case's `when body.field != null` asks of a `@patch` field.
    public var hasValue: Bool {
        if case .value = self { return true }
        return false
    }
}

extension KeyedDecodingContainer {
    /// Decodes a three-state field. A null for a non-nullable column is refused here, so it never reaches SQL.
    /// (Generated inputs use `Violations.patch`, which reports instead of throwing; this stays for hand-written code.)
    public func decodePatch<Value: Decodable & Sendable & Equatable>(
        _ type: Value.Type, forKey key: Key, nullable: Bool
    ) throws -> Patch<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) {
            guard nullable else {
                throw DecodingError.valueNotFound(
                    Value.self, .init(codingPath: codingPath + [key], debugDescription: "must not be null"))
            }
            return .null
        }
        return .value(try decode(Value.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Encodes a three-state field the way it is decoded: absent is omitted, null is `null`.
    public mutating func encodePatch<Value: Encodable & Sendable & Equatable>(
        _ patch: Patch<Value>, forKey key: Key
    ) throws {
        switch patch {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let value): try encode(value, forKey: key)
        }
    }
}
