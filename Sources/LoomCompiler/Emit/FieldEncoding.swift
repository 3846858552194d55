/// Which `KeyedEncodingContainer` method a generated `encode(to:)` writes a field with. UUIDs (alone or in a list) go
/// through `encodeUUIDField`, which writes them in lower case; Foundation's own encoding is upper case.
enum FieldEncoding {
    /// `encodeField`, `encodeFieldIfPresent`, or their UUID forms.
    static func method(holdsUUIDs: Bool, ifPresent: Bool) -> String {
        "encode" + (holdsUUIDs ? "UUID" : "") + "Field" + (ifPresent ? "IfPresent" : "")
    }
}

extension ScalarType {
    /// A UUID, or an array of them.
    var holdsUUIDs: Bool {
        switch self {
        case .uuid: true
        case .array(let element): element.holdsUUIDs
        default: false
        }
    }
}

extension ValueType {
    /// A UUID, or a list of them.
    var holdsUUIDs: Bool {
        switch self {
        case .scalar(let scalar): scalar.holdsUUIDs
        case .list(let element): element.holdsUUIDs
        case .model, .command: false
        }
    }
}
