import Foundation

/// The keys a JSON document names twice in one object. JSONSerialization and JSONDecoder both keep one of them
/// silently (the last), so `{"role":"customer","role":"admin"}` would pass every check made on what the client
/// appeared to send; no Foundation or package decoder reports them, hence this scan.
///
/// It runs on a document JSONSerialization has already accepted, so it only follows structure: strings (with their
/// escapes), objects and arrays. Keys are compared decoded, so `"full\u004eame"` repeats `"fullName"`.
enum DuplicateJSONKeys {
    /// Each repeated key once, as a path from the root (`email`, `lines[2].sku`), in document order.
    static func find(in data: Data) -> [String] {
        data.withUnsafeBytes { raw in scan(raw.bindMemory(to: UInt8.self)) }
    }

    private struct Container {
        var path: String
        var isObject: Bool
        var keys: Set<String> = []
        var expectingKey: Bool
        var lastKey = ""
        var index = 0

        func childPath() -> String {
            if isObject { return path.isEmpty ? lastKey : path + "." + lastKey }
            return path + "[\(index)]"
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var stack: [Container] = []
        var repeated: [String] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let path = stack.last?.childPath() ?? ""
                stack.append(Container(path: path, isObject: byte == UInt8(ascii: "{"), expectingKey: byte == UInt8(ascii: "{")))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if stack.last?.isObject == true { stack[stack.count - 1].expectingKey = true } else if !stack.isEmpty {
                    stack[stack.count - 1].index += 1
                }
            case UInt8(ascii: "\""):
                let start = position
                var escaped = false
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == UInt8(ascii: "\\") {
                        escaped = true
                        position += 1
                    }
                    position += 1
                }
                guard let top = stack.last, top.isObject, top.expectingKey else { break }
                let key = decodeKey(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<min(position, bytes.count)]), escaped: escaped,
                                    literal: UnsafeBufferPointer(rebasing: bytes[start..<min(position + 1, bytes.count)]))
                stack[stack.count - 1].expectingKey = false
                stack[stack.count - 1].lastKey = key
                if !stack[stack.count - 1].keys.insert(key).inserted {
                    let path = stack[stack.count - 1].childPath()
                    if !repeated.contains(path) { repeated.append(path) }
                }
            default:
                break
            }
            position += 1
        }
        return repeated
    }

    /// A key without escapes is its bytes; one with escapes is decoded by JSONSerialization, which knows them all.
    private static func decodeKey(_ content: UnsafeBufferPointer<UInt8>, escaped: Bool, literal: UnsafeBufferPointer<UInt8>) -> String {
        guard escaped else { return String(decoding: content, as: UTF8.self) }
        let decoded = try? JSONSerialization.jsonObject(with: Data(buffer: literal), options: [.fragmentsAllowed]) as? String
        return decoded ?? String(decoding: content, as: UTF8.self)
    }
}
