import LoomVocabulary

extension ColumnType {
    /// The vocabulary's kind of the column's values: what a list filters and sorts it with.
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
