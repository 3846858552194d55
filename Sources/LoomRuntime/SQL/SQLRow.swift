/// One result row, its values in the order of the statement's select list.
public struct SQLRow: Sendable, Hashable {
    public var values: [SQLValue]

    public init(values: [SQLValue]) {
        self.values = values
    }

    public func decode<T: SQLValueConvertible>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw SQLDecodingError(expected: "\(T.self) at column \(index)", found: .null)
        }
        return try T(sqlValue: values[index])
    }
}
