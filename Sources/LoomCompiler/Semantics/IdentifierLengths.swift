/// PostgreSQL keeps the first 63 bytes of an identifier and silently drops the rest, so two long names can become one
/// (a constraint the runtime then maps to the wrong fields, a table that collides with another). Every name the
/// generated DDL uses — table, column, constraint, index, foreign key — must fit (L037).
enum IdentifierLengths {
    static let maximumBytes = 63

    /// `deriveConstraints`: also check the derived names, which needs models without errors.
    static func check(
        _ models: [Model], enums: [EnumType], schemaName: String, files: [SourceFile], deriveConstraints: Bool
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ kind: String, _ name: String, at range: SourceRange, hint: String) {
            diagnostics.append(.error(
                .identifierTooLong,
                "\(kind) name '\(name)' is \(name.utf8.count) bytes; PostgreSQL keeps only the first \(maximumBytes)",
                at: range, hint: hint
            ))
        }
        for model in models {
            if model.table.utf8.count > maximumBytes {
                report("table", model.table, at: model.range, hint: "give the model a shorter table name: table \"…\"")
                continue
            }
            for field in model.fields where field.column.utf8.count > maximumBytes {
                report("column", field.column, at: field.range, hint: "shorten the field's name")
            }
        }
        guard diagnostics.isEmpty, deriveConstraints else { return diagnostics }
        // Derived names: constraints, indexes and foreign keys, as the DDL spells them; only for the tables whose
        // longest derived name may not fit (building every table's snapshot costs an editor's analysis a tenth).
        let lookup = SchemaLookup(ResolvedSchema(name: schemaName, files: files, models: models, resources: [], enums: enums))
        let ranges = Dictionary(models.map { ($0.table, $0.range) }) { first, _ in first }
        for table in models.filter(mayDeriveALongName).map({ TableSnapshot($0, lookup) }) {
            guard let range = ranges[table.name] else { continue }
            let derived = table.uniques.map(\.name) + table.indexes.map(\.name) + table.checks.map(\.name)
                + table.columns.compactMap { $0.references == nil ? nil : ConstraintNaming.foreignKey(table: table.name, column: $0.name) }
            for name in derived where name.utf8.count > maximumBytes {
                report("constraint", name, at: range, hint: "shorten the table or field names it is made of (a shorter table \"…\")")
            }
        }
        return diagnostics
    }

    /// The longest suffix `ConstraintNaming` adds after a column: `_min_length`.
    static let longestSuffix = "_min_length".utf8.count

    /// An upper bound of the model's derived names against the limit: `table_column_suffix` for one column, and
    /// `table_a_b_key` for each composite key.
    static func mayDeriveALongName(_ model: Model) -> Bool {
        let table = model.table.utf8.count
        let longestColumn = model.fields.map(\.column.utf8.count).max() ?? 0
        if table + 1 + longestColumn + longestSuffix > maximumBytes { return true }
        let columns = Dictionary(model.fields.map { ($0.name, $0.column.utf8.count) }) { first, _ in first }
        for key in model.uniqueConstraints + model.indexes {
            let lengths = key.map { columns[$0] ?? maximumBytes }
            if table + 1 + lengths.reduce(0, +) + lengths.count - 1 + "_key".utf8.count > maximumBytes { return true }
        }
        return false
    }
}
