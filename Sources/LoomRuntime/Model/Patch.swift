import LoomValues

/// A PATCH field: absent, null or a value (LoomValues); `LoomRuntime.Patch<Int>` still names it.
public typealias Patch<Value: Sendable & Equatable> = LoomValues.Patch<Value>

extension LoomValues.Patch where Value: SQLValueConvertible {
    /// Appends the assignment this field asks for, if any.
    public func append(to assignments: inout [ColumnAssignment], column: String) {
        switch self {
        case .absent: break
        case .null: assignments.append(ColumnAssignment(column, .null))
        case .value(let value): assignments.append(ColumnAssignment(column, value.sqlValue))
        }
    }
}
