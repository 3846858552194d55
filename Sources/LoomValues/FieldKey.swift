import Foundation

/// The one coding key of every generated type: a field's JSON name.
///
/// Generated entities, inputs and commands once declared a `CodingKeys` enum each, which the Swift compiler turns into
/// some twenty functions (raw values, hashing, the `CodingKey` witnesses) per type: for a big schema, a large share of
/// what it compiled. One key type serves them all; the generated code names a key by its string.
public struct FieldKey: CodingKey, ExpressibleByStringLiteral, Hashable, Sendable {
    public let stringValue: String

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init(stringLiteral value: String) {
        self.stringValue = value
    }

    public var intValue: Int? { nil }

    public init?(intValue: Int) {
        nil
    }
}

// Distinct names, not more `encode`/`decode` overloads: the generated code calls these once per field, and a call the
// type checker need not resolve among the containers' sixteen overloads is one it checks quickly.

extension KeyedEncodingContainer where K == FieldKey {
    /// `encode(_:forKey:)`: a nil optional is written as `null`.
    public mutating func encodeField<T: Encodable>(_ value: T, _ key: FieldKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(_:forKey:)`: a nil optional is left out, as a synthesized `Encodable` does.
    public mutating func encodeFieldIfPresent<T: Encodable>(_ value: T?, _ key: FieldKey) throws {
        try encodeIfPresent(value, forKey: key)
    }
}

extension KeyedDecodingContainer where K == FieldKey {
    public func decodeField<T: Decodable>(_ key: FieldKey) throws -> T {
        try decode(T.self, forKey: key)
    }

    /// Absent or `null` → nil, as a synthesized `Decodable` reads an optional.
    public func decodeFieldIfPresent<T: Decodable>(_ key: FieldKey) throws -> T? {
        try decodeIfPresent(T.self, forKey: key)
    }
}

extension KeyedEncodingContainer where K == FieldKey {
    /// `encodePatch(_:forKey:)` with the generated code's string key.
    public mutating func encodePatch<Value: Encodable & Sendable & Equatable>(_ patch: Patch<Value>, _ key: FieldKey) throws {
        try encodePatch(patch, forKey: key)
    }
}

extension KeyedEncodingContainer where K == FieldKey {
    // UUIDs in lower case, as RFC 9562 asks and the Python framework writes them; Foundation's `UUID` encodes its
    // `uuidString`, which is upper case. The generated code calls these for a UUID field (or a list of UUIDs), so a
    // client comparing the `jobId` of a 202 with the id in its `Location` compares equal strings.

    /// A UUID field: a nil optional is written as `null`, as `encodeField` writes it.
    public mutating func encodeUUIDField(_ value: UUID?, _ key: FieldKey) throws {
        try encode(value?.lowercasedText, forKey: key)
    }

    /// A UUID field: a nil optional is left out, as `encodeFieldIfPresent` leaves it.
    public mutating func encodeUUIDFieldIfPresent(_ value: UUID?, _ key: FieldKey) throws {
        try encodeIfPresent(value?.lowercasedText, forKey: key)
    }

    /// A list of UUIDs: a nil optional is written as `null`.
    public mutating func encodeUUIDField(_ value: [UUID]?, _ key: FieldKey) throws {
        try encode(value?.map(\.lowercasedText), forKey: key)
    }

    /// A list of UUIDs: a nil optional is left out.
    public mutating func encodeUUIDFieldIfPresent(_ value: [UUID]?, _ key: FieldKey) throws {
        try encodeIfPresent(value?.map(\.lowercasedText), forKey: key)
    }
}

extension UUID {
    /// The UUID as Loom writes it everywhere on the wire (bodies, `Location`, job ids): lower-case hex with dashes.
    public var lowercasedText: String { uuidString.lowercased() }
}
