/// Maps a refused write to the client error it stands for, naming fields rather than columns: by the constraint's
/// name when the database reports one of the table's named constraints, else by the columns it names.
struct ConstraintErrorMapper {
    let table: TableSchema
    /// The values being written, if any: they tell which field a data exception (too long a string) is about.
    var assignments: [ColumnAssignment] = []

    func map(_ error: DatabaseError) -> LoomError {
        switch error {
        case .uniqueViolation(_, let constraint, let columns):
            let fields = fields(of: constraint, kind: .unique) ?? columns.map(field(forColumn:))
            let list = fields.joined(separator: ", ")
            return .conflict(message: "a \(table.model) with this \(list) already exists", fields: fields)
        case .statementTimeout:
            return .unavailable(message: "the database did not answer in time; try again")
        case .foreignKeyViolation:
            // Inserts and updates resolve a missing parent to a 404 before this; what is left is a delete (or a key
            // change) of a row that others still reference.
            return .conflict(message: "this \(table.model) is still referenced by other rows", fields: [])
        case .notNullViolation(_, let column):
            return .validation([.init(field: column.map(field(forColumn:)) ?? "body", message: "must not be null")])
        case .checkViolation(_, let constraint, let detail):
            let fields = fields(of: constraint, kind: .check) ?? columns(mentionedIn: detail).map(\.field)
            let message = "violates the check constraint \(constraint ?? detail)"
            return .ruleViolations((fields.isEmpty ? ["body"] : fields).map { .init(field: $0, message: message) })
        case .dataException(_, let column, let detail):
            return .validation(dataViolations(column: column, detail: detail))
        }
    }

    private func fields(of constraint: String?, kind: TableConstraint.Kind) -> [String]? {
        guard let constraint, let found = table.constraint(named: constraint), found.kind == kind else { return nil }
        return found.fields
    }

    private func field(forColumn column: String) -> String {
        table.column(named: column)?.field ?? column
    }

    /// Columns an unnamed constraint's text mentions (`CHECK constraint failed: "stock" >= 0`).
    private func columns(mentionedIn detail: String) -> [ColumnSchema] {
        table.columns.filter { detail.contains("\"\($0.column)\"") }
    }

    /// PostgreSQL does not say which column a class-22 error is about: find the written strings too long for their
    /// `VARCHAR(n)` (counted in code points, as PostgreSQL counts), else name the column if reported.
    private func dataViolations(column: String?, detail: String) -> [LoomError.Violation] {
        var violations: [LoomError.Violation] = []
        for assignment in assignments {
            guard let schema = table.column(named: assignment.column), case .string(let maxLength) = schema.type,
                  case .string(let text) = assignment.value, text.unicodeScalars.count > maxLength
            else { continue }
            violations.append(.init(field: schema.field, message: "must be at most \(maxLength) characters"))
        }
        if violations.isEmpty {
            violations.append(.init(field: column.map(field(forColumn:)) ?? "body", message: "is not a valid value (\(detail))"))
        }
        return violations
    }
}
