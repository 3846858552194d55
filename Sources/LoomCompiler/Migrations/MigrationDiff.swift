/// What changed between two snapshots, and the SQL that makes the older schema the newer one, per dialect.
public struct MigrationPlan: Sendable, Hashable {
    /// One schema-level change, as `loomgen migrate new` and `loomgen check` list it.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var summary: String
        /// Why the change can lose data or fail on existing rows; nil when it cannot.
        public var destructive: String?

        public init(_ summary: String, destructive: String? = nil) {
            self.summary = summary
            self.destructive = destructive
        }

        public var description: String { destructive.map { "\(summary) (DESTRUCTIVE: \($0))" } ?? summary }
    }

    /// A group of statements and the comments written above them.
    struct Step: Sendable, Hashable {
        var comments: [String] = []
        var statements: [String]
    }

    /// In a fixed order: created tables, dropped tables, then each changed table by name.
    public var changes: [Change] = []
    /// Changes the diff writes no SQL for (a primary key change): such a migration is written by hand.
    public var unsupported: [String] = []
    var postgresSteps: [Step] = []
    var sqliteSteps: [Step] = []

    public init() {}

    public var isEmpty: Bool { changes.isEmpty && unsupported.isEmpty }

    /// A migration name for these changes: the change itself when there is one (`add_column_users_phone`), else
    /// `update`.
    public var suggestedName: String {
        guard changes.count == 1, unsupported.isEmpty else { return "update" }
        let words = changes[0].summary.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        var name = ""
        for word in words.prefix(4) where name.count + word.count < 48 {
            name += (name.isEmpty ? "" : "_") + word.lowercased()
        }
        return name.isEmpty ? "update" : name
    }
    public var destructiveChanges: [Change] { changes.filter { $0.destructive != nil } }

    func steps(_ dialect: SQLDialect) -> [Step] {
        switch dialect {
        case .postgres: postgresSteps
        case .sqlite: sqliteSteps
        }
    }

    /// The statements, without comments or semicolons.
    public func statements(for dialect: SQLDialect) -> [String] { steps(dialect).flatMap(\.statements) }

    /// The migration file: a header comment, then each step (its comments, then its statements ending in `;`),
    /// separated by blank lines.
    public func script(for dialect: SQLDialect, id: String, schemaName: String) -> String {
        var text = MigrationScript.header(id: id, schemaName: schemaName, dialect: dialect)
        for step in steps(dialect) {
            text += "\n"
            for comment in step.comments { text += "-- \(comment)\n" }
            for statement in step.statements { text += statement + ";\n" }
        }
        return text
    }
}

/// Diffs two snapshots. Tables and columns are matched by name: a rename is a drop plus an add (flagged destructive).
public enum MigrationDiff {
    public static func plan(from old: SchemaSnapshot, to new: SchemaSnapshot) -> MigrationPlan {
        let oldNames = Set(old.tables.map(\.name))
        let newNames = Set(new.tables.map(\.name))
        let created = DDLRenderer.creationOrder(new.tables.filter { !oldNames.contains($0.name) })
        let dropped = Array(DDLRenderer.creationOrder(old.tables.filter { !newNames.contains($0.name) }).reversed())
        let altered = new.tables.sorted { $0.name < $1.name }.compactMap { table in
            old.table(named: table.name).map { TableDiff(old: $0, new: table) }
        }.filter { !$0.isEmpty }

        var plan = MigrationPlan()
        for table in created.sorted(by: { $0.name < $1.name }) {
            plan.changes.append(.init("create table \(q(table.name))"))
        }
        for table in dropped.sorted(by: { $0.name < $1.name }) {
            plan.changes.append(.init("drop table \(q(table.name))", destructive: "drops the table and all its rows"))
        }
        for diff in altered {
            plan.changes += diff.changes
            plan.unsupported += diff.unsupported
        }

        // PostgreSQL: constraints that go away first, then tables, then new tables, then each table's changes.
        for diff in altered { plan.postgresSteps += diff.postgresRemovals() }
        for table in dropped { plan.postgresSteps.append(dropTable(table)) }
        for table in created { plan.postgresSteps.append(.init(statements: DDLRenderer.create(table, dialect: .postgres))) }
        for diff in altered { plan.postgresSteps += diff.postgresChanges() }

        // SQLite: the same order; a table it cannot alter in place is rebuilt.
        for diff in altered where !diff.sqliteNeedsRebuild { plan.sqliteSteps += diff.sqliteIndexRemovals() }
        for table in dropped { plan.sqliteSteps.append(dropTable(table)) }
        for table in created { plan.sqliteSteps.append(.init(statements: DDLRenderer.create(table, dialect: .sqlite))) }
        for diff in altered { plan.sqliteSteps += diff.sqliteChanges() }
        return plan
    }

    static func dropTable(_ table: TableSnapshot) -> MigrationPlan.Step {
        .init(comments: ["DESTRUCTIVE: drop table \(q(table.name)): drops the table and all its rows"],
              statements: ["DROP TABLE \(q(table.name))"])
    }

    static func q(_ name: String) -> String { DDLRenderer.quote(name) }

    /// Whether every value of the PostgreSQL type `from` fits `to` unchanged.
    static func isWidening(from: String, to: String) -> Bool {
        if from == to { return true }
        if let before = varcharLength(from) {
            if let after = varcharLength(to) { return after >= before }
            return to == "TEXT"
        }
        if from == "INTEGER" && (to == "BIGINT" || to == "DOUBLE PRECISION") { return true }
        let integerDigits = ["INTEGER": 10, "BIGINT": 19]
        if let digits = integerDigits[from], let after = numeric(to) { return after.precision - after.scale >= digits }
        if let before = numeric(from), let after = numeric(to) {
            return after.scale >= before.scale && after.precision - after.scale >= before.precision - before.scale
        }
        return false
    }

    /// Whether PostgreSQL converts `from` to `to` by itself (an assignment cast within the text or the number family);
    /// otherwise the type change says `USING "column"::TYPE`.
    static func convertsImplicitly(from: String, to: String) -> Bool {
        func family(_ type: String) -> Int? {
            if type == "TEXT" || varcharLength(type) != nil { return 0 }
            if ["INTEGER", "BIGINT", "DOUBLE PRECISION"].contains(type) || numeric(type) != nil { return 1 }
            return nil
        }
        guard let a = family(from), let b = family(to) else { return false }
        return a == b
    }

    static func varcharLength(_ type: String) -> Int? {
        guard type.hasPrefix("VARCHAR("), type.hasSuffix(")") else { return nil }
        return Int(type.dropFirst("VARCHAR(".count).dropLast())
    }

    static func numeric(_ type: String) -> (precision: Int, scale: Int)? {
        guard type.hasPrefix("NUMERIC("), type.hasSuffix(")") else { return nil }
        let parts = type.dropFirst("NUMERIC(".count).dropLast().split(separator: ",").map { $0.filter { $0 != " " } }
        guard parts.count == 2, let precision = Int(parts[0]), let scale = Int(parts[1]) else { return nil }
        return (precision, scale)
    }
}

/// The differences of one table present in both snapshots.
struct TableDiff {
    let old: TableSnapshot
    let new: TableSnapshot
    /// In the old table's order.
    let droppedColumns: [ColumnSnapshot]
    /// In the new table's order.
    let addedColumns: [ColumnSnapshot]
    /// Columns in both whose definitions differ, in the new table's order.
    let changedColumns: [(old: ColumnSnapshot, new: ColumnSnapshot)]
    /// Constraints and indexes are matched by name: a changed one is dropped and added.
    let droppedUniques: [KeySnapshot]
    let addedUniques: [KeySnapshot]
    let droppedChecks: [CheckSnapshot]
    let addedChecks: [CheckSnapshot]
    let droppedIndexes: [KeySnapshot]
    let addedIndexes: [KeySnapshot]

    init(old: TableSnapshot, new: TableSnapshot) {
        self.old = old
        self.new = new
        droppedColumns = old.columns.filter { new.column(named: $0.name) == nil }
        addedColumns = new.columns.filter { old.column(named: $0.name) == nil }
        changedColumns = new.columns.compactMap { column in
            old.column(named: column.name).flatMap { $0 == column ? nil : ($0, column) }
        }
        func removed<T: Hashable>(_ before: [T], _ after: [T]) -> [T] { before.filter { !after.contains($0) } }
        droppedUniques = removed(old.uniques, new.uniques)
        addedUniques = removed(new.uniques, old.uniques)
        droppedChecks = removed(old.checks, new.checks)
        addedChecks = removed(new.checks, old.checks)
        droppedIndexes = removed(old.indexes, new.indexes)
        addedIndexes = removed(new.indexes, old.indexes)
    }

    var isEmpty: Bool {
        droppedColumns.isEmpty && addedColumns.isEmpty && changedColumns.isEmpty && droppedUniques.isEmpty
            && addedUniques.isEmpty && droppedChecks.isEmpty && addedChecks.isEmpty && droppedIndexes.isEmpty
            && addedIndexes.isEmpty
    }

    private var table: String { q(new.name) }
    private func q(_ name: String) -> String { DDLRenderer.quote(name) }
    private func column(_ name: String) -> String { "\(table).\(q(name))" }

    // MARK: Changes

    var unsupported: [String] {
        let before = old.columns.filter(\.primaryKey)
        let after = new.columns.filter(\.primaryKey)
        let same = before.map(\.name) == after.map(\.name)
            && zip(before, after).allSatisfy { $0.type == $1.type && $0.autoIncrement == $1.autoIncrement }
        if same { return [] }
        func describe(_ columns: [ColumnSnapshot]) -> String {
            columns.map { "\(q($0.name)) \($0.type.postgres)\($0.autoIncrement ? " auto-increment" : "")" }.joined(separator: ", ")
        }
        return ["primary key of \(table) changes (\(describe(before)) -> \(describe(after)))"]
    }

    var changes: [MigrationPlan.Change] {
        var changes: [MigrationPlan.Change] = []
        for added in addedColumns {
            changes.append(.init(
                "add column \(column(added.name)) \(added.type.postgres)\(added.nullable ? "" : " NOT NULL")",
                destructive: Self.addDestructive(added)))
        }
        for dropped in droppedColumns {
            changes.append(.init("drop column \(column(dropped.name))", destructive: "drops the column and its data"))
        }
        for (before, after) in alteredColumns {
            if before.type != after.type {
                let narrowing = !MigrationDiff.isWidening(from: before.type.postgres, to: after.type.postgres)
                changes.append(.init(
                    "change type of \(column(after.name)): \(before.type.postgres) -> \(after.type.postgres)",
                    destructive: narrowing ? "narrowing type: fails or loses data when a value does not fit" : nil))
            }
            if before.nullable && !after.nullable {
                changes.append(.init("make \(column(after.name)) NOT NULL", destructive: "fails if the column holds NULLs"))
            } else if !before.nullable && after.nullable {
                changes.append(.init("make \(column(after.name)) nullable"))
            }
            if before.defaultValue != after.defaultValue {
                func show(_ value: DefaultSnapshot?) -> String { value.flatMap { $0.postgres ?? $0.sqlite } ?? "none" }
                changes.append(.init("change default of \(column(after.name)): \(show(before.defaultValue)) -> \(show(after.defaultValue))"))
            }
            if before.references != after.references {
                func show(_ reference: ReferenceSnapshot?) -> String {
                    reference.map { "\(q($0.table)).\(q($0.column)) ON DELETE \($0.onDelete)" } ?? "none"
                }
                changes.append(.init("change foreign key of \(column(after.name)): \(show(before.references)) -> \(show(after.references))"))
            }
        }
        func keys(_ kind: String, _ dropped: [KeySnapshot], _ added: [KeySnapshot]) -> [MigrationPlan.Change] {
            let droppedNames = Set(dropped.map(\.name))
            let addedNames = Set(added.map(\.name))
            return dropped.filter { !addedNames.contains($0.name) }.map { .init("drop \(kind) \(q($0.name)) on \(table)") }
                + added.map {
                    .init("\(droppedNames.contains($0.name) ? "change" : "add") \(kind) \(q($0.name)) on \(table) (\($0.columns.joined(separator: ", ")))")
                }
        }
        changes += keys("unique", droppedUniques, addedUniques)
        let droppedCheckNames = Set(droppedChecks.map(\.name))
        let addedCheckNames = Set(addedChecks.map(\.name))
        changes += droppedChecks.filter { !addedCheckNames.contains($0.name) }.map { .init("drop check \(q($0.name)) on \(table)") }
        changes += addedChecks.map {
            .init("\(droppedCheckNames.contains($0.name) ? "change" : "add") check \(q($0.name)) on \(table): \($0.condition.postgres)")
        }
        changes += keys("index", droppedIndexes, addedIndexes)
        return changes
    }

    /// Why adding this column can fail: NOT NULL without a default on a table that has rows.
    static func addDestructive(_ column: ColumnSnapshot) -> String? {
        guard !column.nullable, !column.primaryKey else { return nil }
        let missing = SQLDialect.allCases.filter { column.defaultSQL($0) == nil }
        if missing.isEmpty { return nil }
        let scope = missing.count == SQLDialect.allCases.count ? "" : " on \(missing.map(\.rawValue).joined(separator: ", "))"
        return "NOT NULL without a default\(scope): fails if the table has rows"
    }

    private func destructiveComments() -> [String] {
        changes.compactMap { change in change.destructive.map { "DESTRUCTIVE: \(change.summary): \($0)" } }
    }

    private func comment(for summary: String) -> [String] {
        changes.filter { $0.summary == summary }.compactMap { change in change.destructive.map { "DESTRUCTIVE: \(change.summary): \($0)" } }
    }

    /// Primary-key columns are left alone (a change to them is unsupported).
    private var alteredColumns: [(old: ColumnSnapshot, new: ColumnSnapshot)] {
        changedColumns.filter { !$0.old.primaryKey && !$0.new.primaryKey }
    }

    // MARK: PostgreSQL

    /// Foreign keys of kept columns that change or go, and constraints and indexes that change or go.
    func postgresRemovals() -> [MigrationPlan.Step] {
        var statements: [String] = []
        for (before, after) in alteredColumns where before.references != nil && before.references != after.references {
            statements.append("ALTER TABLE \(table) DROP CONSTRAINT \(q(ConstraintNaming.foreignKey(table: new.name, column: before.name)))")
        }
        for unique in droppedUniques { statements.append("ALTER TABLE \(table) DROP CONSTRAINT \(q(unique.name))") }
        for check in droppedChecks { statements.append("ALTER TABLE \(table) DROP CONSTRAINT \(q(check.name))") }
        for index in droppedIndexes { statements.append("DROP INDEX \(q(index.name))") }
        return statements.isEmpty ? [] : [.init(statements: statements)]
    }

    func postgresChanges() -> [MigrationPlan.Step] {
        var steps: [MigrationPlan.Step] = []
        for dropped in droppedColumns {
            steps.append(.init(comments: comment(for: "drop column \(column(dropped.name))"),
                               statements: ["ALTER TABLE \(table) DROP COLUMN \(q(dropped.name))"]))
        }
        for added in addedColumns {
            let summary = "add column \(column(added.name)) \(added.type.postgres)\(added.nullable ? "" : " NOT NULL")"
            steps.append(.init(comments: comment(for: summary),
                               statements: ["ALTER TABLE \(table) ADD COLUMN \(DDLRenderer.columnDefinition(added, dialect: .postgres))"]))
        }
        for (before, after) in alteredColumns {
            var comments: [String] = []
            var statements: [String] = []
            let name = q(after.name)
            let oldDefault = before.defaultSQL(.postgres)
            let newDefault = after.defaultSQL(.postgres)
            var defaultDropped = false
            if before.type.postgres != after.type.postgres {
                comments += comment(for: "change type of \(column(after.name)): \(before.type.postgres) -> \(after.type.postgres)")
                // The old default may not convert to the new type: it is dropped first and set again after.
                if oldDefault != nil {
                    statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) DROP DEFAULT")
                    defaultDropped = true
                }
                let type = after.type.postgres
                let using = MigrationDiff.convertsImplicitly(from: before.type.postgres, to: type) ? "" : " USING \(name)::\(type)"
                statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) TYPE \(type)\(using)")
            }
            if oldDefault != newDefault || defaultDropped {
                if let newDefault {
                    statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) SET DEFAULT \(newDefault)")
                } else if !defaultDropped {
                    statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) DROP DEFAULT")
                }
            }
            if before.nullable && !after.nullable {
                comments += comment(for: "make \(column(after.name)) NOT NULL")
                statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) SET NOT NULL")
            } else if !before.nullable && after.nullable {
                statements.append("ALTER TABLE \(table) ALTER COLUMN \(name) DROP NOT NULL")
            }
            if !statements.isEmpty { steps.append(.init(comments: comments, statements: statements)) }
        }
        var additions: [String] = []
        for (before, after) in alteredColumns where after.references != nil && before.references != after.references {
            let constraint = q(ConstraintNaming.foreignKey(table: new.name, column: after.name))
            additions.append("ALTER TABLE \(table) ADD CONSTRAINT \(constraint) FOREIGN KEY (\(q(after.name))) "
                + DDLRenderer.referencesClause(after.references!))
        }
        for unique in addedUniques {
            additions.append("ALTER TABLE \(table) ADD CONSTRAINT \(q(unique.name)) UNIQUE (\(SQLSyntax.quotedList(unique.columns)))")
        }
        for check in addedChecks {
            additions.append("ALTER TABLE \(table) ADD CONSTRAINT \(q(check.name)) CHECK (\(check.condition.postgres))")
        }
        for index in addedIndexes { additions.append(DDLRenderer.createIndex(index, on: new.name)) }
        if !additions.isEmpty { steps.append(.init(statements: additions)) }
        return steps
    }

    // MARK: SQLite

    /// SQLite alters a table in place only to add a plain column (nullable or with a constant default, no key, no
    /// reference, no check) and to add or drop an index; anything else rebuilds the table.
    var sqliteNeedsRebuild: Bool {
        !droppedColumns.isEmpty
            || changedColumns.contains { DDLRenderer.columnDefinition($0.old, dialect: .sqlite) != DDLRenderer.columnDefinition($0.new, dialect: .sqlite) }
            || !droppedUniques.isEmpty || !addedUniques.isEmpty
            || droppedChecks.contains { dropped in !addedChecks.contains { $0.name == dropped.name && $0.condition.sqlite == dropped.condition.sqlite } }
            || addedChecks.contains { added in !droppedChecks.contains { $0.name == added.name && $0.condition.sqlite == added.condition.sqlite } }
            || addedColumns.contains { !addsInPlace($0) }
    }

    func addsInPlace(_ column: ColumnSnapshot) -> Bool {
        let defaultSQL = column.defaultSQL(.sqlite)
        return !column.primaryKey && column.references == nil
            && !new.uniques.contains { $0.columns.contains(column.name) }
            && !new.checks.contains { $0.column == column.name }
            && (column.nullable || defaultSQL != nil)
            && !(defaultSQL?.hasPrefix("(") ?? false)
    }

    func sqliteIndexRemovals() -> [MigrationPlan.Step] {
        droppedIndexes.isEmpty ? [] : [.init(statements: droppedIndexes.map { "DROP INDEX \(q($0.name))" })]
    }

    func sqliteChanges() -> [MigrationPlan.Step] {
        guard sqliteNeedsRebuild else {
            var statements = addedColumns.map { "ALTER TABLE \(table) ADD COLUMN \(DDLRenderer.columnDefinition($0, dialect: .sqlite))" }
            statements += addedIndexes.map { DDLRenderer.createIndex($0, on: new.name) }
            return statements.isEmpty ? [] : [.init(statements: statements)]
        }
        // https://www.sqlite.org/lang_altertable.html#otheralter: the migrator turns foreign keys off around the
        // transaction and runs PRAGMA foreign_key_check before committing.
        let temporary = "loom_new_\(new.name)"
        let copied = new.columns.filter { old.column(named: $0.name) != nil }.map { q($0.name) }.joined(separator: ", ")
        var statements = [DDLRenderer.createTable(new, dialect: .sqlite, as: temporary)]
        if !copied.isEmpty {
            statements.append("INSERT INTO \(q(temporary)) (\(copied)) SELECT \(copied) FROM \(table)")
        }
        let oldKey = old.columns.first(where: \.primaryKey)
        let newKey = new.columns.first(where: \.primaryKey)
        if let oldKey, let newKey, oldKey.autoIncrement, newKey.autoIncrement, oldKey.name == newKey.name {
            // AUTOINCREMENT never reuses an id: the new table continues the old one's sequence.
            statements.append("DELETE FROM \"sqlite_sequence\" WHERE \"name\" = \(SQLSyntax.stringLiteral(temporary))")
            statements.append("INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\") SELECT \(SQLSyntax.stringLiteral(temporary)), \"seq\" "
                + "FROM \"sqlite_sequence\" WHERE \"name\" = \(SQLSyntax.stringLiteral(new.name))")
        }
        statements.append("DROP TABLE \(table)")
        statements.append("ALTER TABLE \(q(temporary)) RENAME TO \(table)")
        statements += new.indexes.map { DDLRenderer.createIndex($0, on: new.name) }
        return [.init(comments: ["rebuild \(table): SQLite cannot alter the table in place"] + destructiveComments(), statements: statements)]
    }
}
