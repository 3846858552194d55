/// Checks the values an input writes against the table's declared limits, the same way on every backend (SQLite
/// does not enforce VARCHAR lengths, so the runtime must).
enum InputValidator {
    /// Every violation, in column order, so a client fixes them all at once.
    static func violations(of assignments: [ColumnAssignment], in table: TableSchema) -> [LoomError.Violation] {
        assignments.flatMap { assignment -> [LoomError.Violation] in
            guard let column = table.column(named: assignment.column) else { return [] }
            switch (column.type, assignment.value) {
            case (_, .null):
                return column.isOptional ? [] : [.init(field: column.field, message: "must not be null")]
            case (.string(let maxLength), .string(let text)) where text.count > maxLength:
                return [.init(field: column.field, message: "must be at most \(maxLength) characters")]
            default:
                return column.constraints.compactMap { constraint in
                    constraint.violation(for: assignment.value).map { .init(field: column.field, message: $0) }
                }
            }
        }
    }
}
