/// Checks the values an input writes against the table's declared limits, the same way on every backend (SQLite
/// does not enforce VARCHAR lengths, so the runtime must).
enum InputValidator {
    static func violations(of assignments: [ColumnAssignment], in table: TableSchema) -> [LoomError.Violation] {
        assignments.compactMap { assignment in
            guard let column = table.column(named: assignment.column) else { return nil }
            switch (column.type, assignment.value) {
            case (.string(let maxLength), .string(let text)) where text.count > maxLength:
                return .init(field: column.field, message: "must be at most \(maxLength) characters")
            case (_, .null) where !column.isOptional:
                return .init(field: column.field, message: "must not be null")
            default:
                return nil
            }
        }
    }
}
