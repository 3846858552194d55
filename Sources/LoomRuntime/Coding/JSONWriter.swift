import Foundation
import LoomValues

/// A value that writes its own JSON, byte for byte what `LoomJSON.encoder` writes for it (keys sorted, timestamps
/// with microseconds, `/` unescaped), without going through `Encoder`'s containers. Generated models write their
/// fields through it (`writeJSONFields(to:)`), so a response is a single pass over the values into one buffer.
public protocol JSONWritable {
    func writeJSON(to writer: inout JSONWriter)
}

/// Appends JSON to a byte buffer. Written for the hot path of a response, where `JSONEncoder` went through a
/// container and an existential per field and through `String` for every timestamp (a quarter of a 25-row page's
/// CPU: docs/benchmarks.md); this writes each value's bytes once.
///
/// Objects need no stack: after a value ends, the next member of whatever encloses it always takes a comma.
public struct JSONWriter {
    public internal(set) var bytes: [UInt8]
    var needsComma = false
    /// Members a `Profiled` adds to the object being written, sorted by key, each written just before the first
    /// field whose key follows it: the one key order `JSONEncoder`'s `.sortedKeys` would give (byte order).
    var pendingExtras: [(key: String, write: (inout JSONWriter) -> Void)] = []
    /// Fields the caller may not read (`Redacted`): left out.
    var hidden: Set<String>? = nil

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes of `value`.
    public static func bytes(of value: some JSONWritable, capacity: Int = 1024) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        value.writeJSON(to: &writer)
        return writer.bytes
    }

    // MARK: Structure

    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Before an array element.
    public mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// `"key":`, with a comma before it when needed; false when the field is hidden and must not be written.
    @inline(__always)
    mutating func key(_ key: StaticString) -> Bool {
        if _slowPath(hidden != nil || !pendingExtras.isEmpty) {
            let name = key.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            if hidden?.contains(name) == true { return false }
            writeExtras(before: name)
        }
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        return true
    }

    /// A member whose key is only known at run time (a profile's include, a page's field).
    public mutating func key(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes the pending extras whose keys sort before `name` (all of them when nil).
    mutating func writeExtras(before name: String?) {
        while let extra = pendingExtras.first, name.map({ extra.key.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
            pendingExtras.removeFirst()
            // A nested value (an included row) is its own object: neither this object's extras nor its hidden fields.
            let (outerExtras, outerHidden) = (pendingExtras, hidden)
            (pendingExtras, hidden) = ([], nil)
            key(extra.key)
            extra.write(&self)
            (pendingExtras, hidden) = (outerExtras, outerHidden)
        }
    }

    /// An object whose fields `fields` writes, with `extras` merged in key order and `hidden` fields left out.
    public mutating func object(
        extras: [(key: String, write: (inout JSONWriter) -> Void)] = [], hiding hidden: Set<String> = [],
        _ fields: (inout JSONWriter) -> Void
    ) {
        beginObject()
        let (outerExtras, outerHidden) = (pendingExtras, self.hidden)
        pendingExtras = extras.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        self.hidden = hidden.isEmpty ? nil : hidden
        fields(&self)
        self.hidden = nil
        writeExtras(before: nil)
        (pendingExtras, self.hidden) = (outerExtras, outerHidden)
        endObject()
    }

    // MARK: Fields (what generated `writeJSONFields(to:)` calls, one per field, in key order)

    public mutating func int(_ key: StaticString, _ value: Int) {
        if self.key(key) { writeInt(value) }
    }

    public mutating func int32(_ key: StaticString, _ value: Int32) {
        if self.key(key) { writeInt(Int(value)) }
    }

    public mutating func bool(_ key: StaticString, _ value: Bool) {
        if self.key(key) { writeBool(value) }
    }

    public mutating func string(_ key: StaticString, _ value: String) {
        if self.key(key) { writeString(value) }
    }

    public mutating func dateTime(_ key: StaticString, _ value: Date) {
        if self.key(key) { writeDateTime(value) }
    }

    public mutating func enumeration<Value: RawRepresentable>(_ key: StaticString, _ value: Value) where Value.RawValue == String {
        if self.key(key) { writeString(value.rawValue) }
    }

    /// A UUID in lower case (`encodeUUIDField`'s spelling).
    public mutating func uuid(_ key: StaticString, _ value: UUID) {
        if self.key(key) { writeUUID(value) }
    }

    /// A list of UUIDs in lower case.
    public mutating func uuids(_ key: StaticString, _ values: [UUID]) {
        if self.key(key) { writeArray(values) { value, writer in writer.writeUUID(value) } }
    }

    /// Any other value (a double, a decimal, a calendar date, JSON, an array), as `LoomJSON.encoder` writes it.
    public mutating func value(_ key: StaticString, _ value: some Encodable) {
        if self.key(key) { writeEncoded(value) }
    }

    /// A nil optional field, which `encodeField` writes as `null` (`encodeFieldIfPresent`'s are left out).
    public mutating func null(_ key: StaticString) {
        if self.key(key) { writeNull() }
    }

    // MARK: Values

    public mutating func writeNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    public mutating func writeBool(_ value: Bool) {
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    public mutating func writeInt(_ value: Int) {
        // Digits backwards into a small buffer on the stack, then appended in order; the magnitude as UInt so that
        // Int.min has one.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `JSONEncoder` writes them (`\n`, `\u001f`, …), `/`
    /// and every other character as UTF-8.
    public mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func writeUUID(_ value: UUID) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.lowercasedText.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func writeDateTime(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        Timestamp.write(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// What `LoomJSON.encoder` writes for `value`: the path for the types this writer has no bytes of its own for.
    public mutating func writeEncodable(_ value: some Encodable) {
        if let writable = value as? any JSONWritable {
            writable.writeJSON(to: &self)
            return
        }
        writeEncoded(value)
    }

    /// `value` through `LoomJSON.encoder`: for a field's type the generated code knows has no writer of its own (no
    /// cast to try first on that path).
    mutating func writeEncoded(_ value: some Encodable) {
        // A value `JSONEncoder` refuses (a non-finite double) is `null`, as the encoder's caller would have had to
        // make it; models cannot hold one (their columns refuse it).
        guard let data = try? LoomJSON.encoder.encode(value) else { return writeNull() }
        bytes.append(contentsOf: data)
    }

    /// A page: `{"hasNext":…,"items":[…]`, the members `rest` writes (which sort after those two), then `}`.
    public mutating func page<Item: JSONWritable>(hasNext: Bool, items: [Item], _ rest: (inout JSONWriter) -> Void) {
        beginObject()
        key("hasNext")
        writeBool(hasNext)
        key("items")
        writeArray(items) { item, writer in item.writeJSON(to: &writer) }
        rest(&self)
        endObject()
    }

    /// Each element of `values`, written by `write`.
    public mutating func writeArray<Element>(_ values: [Element], _ write: (Element, inout JSONWriter) -> Void) {
        beginArray()
        for value in values {
            element()
            write(value, &self)
        }
        endArray()
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// A route's list of rows (a use case that answers `[Product]`).
    public func writeJSON(to writer: inout JSONWriter) {
        writer.writeArray(self) { element, writer in element.writeJSON(to: &writer) }
    }
}
