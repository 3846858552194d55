/// A generated schema enum, as JSON sees it: its case name. A string that names no case is a rule violation listing
/// the cases (`EnumMembershipError`), anything else a shape error.
///
/// LoomRuntime's `LoomEnum` refines it with what the server needs (the `SQLValue`, constraint checks).
public protocol SchemaEnum: RawRepresentable<String>, CaseIterable, Codable, Sendable, Hashable {}

/// Marks a decoding failure that is a value outside an enum's cases: a rule violation, not a shape error.
public struct EnumMembershipError: Error, Sendable {}

extension SchemaEnum {
    /// Decodes a case name; another string is a rule violation listing the cases (`EnumMembershipError`), anything
    /// else a shape error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            let cases = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath, debugDescription: "must be one of \(cases)",
                underlyingError: EnumMembershipError()
            ))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
