/// A condition a row must also meet to be written: the parent key of a nested route (`user_id = 7`), checked in the
/// same statement as the write, so a row that moved to another parent between a read and the write is never touched.
public struct RowScope: Sendable, Hashable {
    /// The SQL column (`user_id`).
    public var column: String
    public var value: SQLValue

    public init(column: String, value: SQLValue) {
        self.column = column
        self.value = value
    }

    /// Whether `row` has the scope's value.
    public func contains<Model: LoomModel>(_ row: Model) -> Bool {
        guard let index = Model.table.columns.firstIndex(where: { $0.column == column }) else { return false }
        return row.rowValues[index] == value
    }
}
