/// Maps a refused constraint to the client error it stands for, naming fields rather than columns.
struct ConstraintErrorMapper {
    let table: TableSchema

    func map(_ error: DatabaseError) -> LoomError {
        switch error {
        case .uniqueViolation(_, let columns):
            let fields = columns.map { table.column(named: $0)?.field ?? $0 }
            let list = fields.joined(separator: ", ")
            return .conflict(message: "a \(table.model) with this \(list) already exists", fields: fields)
        case .foreignKeyViolation:
            // Inserts and updates resolve a missing parent to a 404 before this; what is left is a delete (or a key
            // change) of a row that others still reference.
            return .conflict(message: "this \(table.model) is still referenced by other rows", fields: [])
        case .notNullViolation(_, let column):
            let field = column.flatMap { table.column(named: $0)?.field } ?? column ?? "value"
            return .validation([.init(field: field, message: "must not be null")])
        case .checkViolation(_, let detail):
            return .validation([.init(field: table.model, message: "violates a check constraint (\(detail))")])
        }
    }
}
