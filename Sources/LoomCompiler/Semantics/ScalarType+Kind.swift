import LoomVocabulary

extension ScalarType {
    /// The vocabulary's kind of the type's values, which the runtime's column type maps onto the same way.
    public var kind: ValueKind {
        switch self {
        case .int: .int
        case .int32: .int32
        case .double: .double
        case .decimal: .decimal
        case .bool: .bool
        case .string: .string
        case .text: .text
        case .date: .date
        case .dateTime: .dateTime
        case .uuid: .uuid
        case .json: .json
        case .enumeration: .enumeration
        case .array: .array
        }
    }
}
