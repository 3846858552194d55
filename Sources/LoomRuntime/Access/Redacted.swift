/// An entity encoded without some of its fields: what a caller gets of a row whose fields it may not all read (a
/// colleague's `email`). The entity's own `encode(to:)` runs unchanged through an encoder that drops those keys, so
/// the JSON is the entity's, key for key, less the hidden ones.
public struct Redacted<Value: Encodable & Sendable>: Encodable, Sendable {
    public let value: Value
    public let hidden: Set<String>

    public init(_ value: Value, hiding hidden: Set<String>) {
        self.value = value
        self.hidden = hidden
    }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: KeyDroppingEncoder(base: encoder, hidden: hidden))
    }
}

/// Passes everything to `base` except the top-level keys in `hidden`.
private struct KeyDroppingEncoder: Encoder {
    let base: any Encoder
    let hidden: Set<String>

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyDroppingContainer(base: base.container(keyedBy: type), hidden: hidden))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { base.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { base.singleValueContainer() }
}

private struct KeyDroppingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var base: KeyedEncodingContainer<Key>
    let hidden: Set<String>

    var codingPath: [any CodingKey] { base.codingPath }

    private func keep(_ key: Key) -> Bool { !hidden.contains(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { if keep(key) { try base.encodeNil(forKey: key) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if keep(key) { try base.encode(value, forKey: key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        base.nestedContainer(keyedBy: keyType, forKey: key)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        base.nestedUnkeyedContainer(forKey: key)
    }

    mutating func superEncoder() -> any Encoder { base.superEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { base.superEncoder(forKey: key) }
}

extension Redacted: JSONWritable where Value: LoomModel {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object(hiding: hidden) { value.writeJSONFields(to: &$0) }
    }
}
