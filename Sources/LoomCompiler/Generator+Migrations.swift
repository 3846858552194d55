/// `loomgen check` and `loomgen migrate new`: the schema against its `migrations/` folder. `decodeSnapshot` parses a
/// `snapshot.json` (JSON needs Foundation, which the library does without).
extension Generator {
    /// The schema and the last migration's tables, when the schema uses migrations.
    public struct MigrationState: Sendable {
        /// Nil when the schema has errors.
        public var schema: ResolvedSchema?
        /// Whether the folder exists: without one the server creates its tables at start, and nothing is diffed.
        public var inUse: Bool
        public var entries: [MigrationFolder.Entry]
        /// The last migration's snapshot; nil when there is no migration yet.
        public var lastSnapshot: SchemaSnapshot?
        /// The schema's, then the folder's, in display order.
        public var diagnostics: [Diagnostic]

        /// The changes from the last migration to the schema; nil when they cannot be known (errors, no folder).
        public var drift: MigrationPlan? {
            guard inUse, let schema, !diagnostics.hasErrors else { return nil }
            return MigrationDiff.plan(from: lastSnapshot ?? .empty, to: SchemaSnapshot(schema))
        }
    }

    /// `migrationsFolder` is nil for a schema given as files (no folder, so no migrations).
    public static func migrationState(
        schemaName: String, files: [SourceFile], migrationsFolder: String?, reader: some FileReader,
        decodeSnapshot: (String) throws -> SchemaSnapshot
    ) -> MigrationState {
        migrationState(
            compiled: Frontend.compile(name: schemaName, files: files), migrationsFolder: migrationsFolder, reader: reader,
            decodeSnapshot: decodeSnapshot)
    }

    /// The same for a schema compiled already (the language server's analysis).
    public static func migrationState(
        compiled: Frontend.Result, migrationsFolder: String?, reader: some FileReader,
        decodeSnapshot: (String) throws -> SchemaSnapshot
    ) -> MigrationState {
        let loaded = migrationsFolder.map { MigrationFolder.load($0, reader: reader) } ?? (entries: [], diagnostics: [])
        let last = MigrationFolder.lastSnapshot(loaded.entries, reader: reader, decode: decodeSnapshot)
        return MigrationState(
            schema: compiled.schema, inUse: migrationsFolder.map(reader.isFolder) ?? false, entries: loaded.entries,
            lastSnapshot: last.snapshot,
            diagnostics: (compiled.diagnostics + loaded.diagnostics + last.diagnostics).sortedForDisplay())
    }

    /// The next migration of `migrate new`, ready to write.
    public struct MigrationDraft: Sendable {
        /// `0002_add_phone`: the folder to create.
        public var id: String
        public var plan: MigrationPlan
        /// `postgres.sql` and `sqlite.sql`.
        public var files: [GeneratedFile]
        /// The tables after the migration, to record as `snapshot.json`.
        public var snapshot: SchemaSnapshot
    }

    /// What `migrate new` does with a clean schema.
    public enum NewMigration: Sendable {
        case write(MigrationDraft)
        /// Nothing changed since `since` (nil: there is no migration and no table).
        case unchanged(since: String?)
        /// Changes the diff writes no SQL for: the migration is written by hand (`--empty`).
        case unsupported([String])
        /// Nothing usable is left of the name once it is lower-cased letters, digits and underscores.
        case unusableName
    }

    /// `loomgen migrate new NAME`: nil when `state` has errors (its diagnostics say why). `empty` writes the current
    /// snapshot with SQL files that hold only their header.
    public static func newMigration(named name: String, schemaName: String, state: MigrationState, empty: Bool) -> NewMigration? {
        guard let schema = state.schema, !state.diagnostics.hasErrors else { return nil }
        guard let id = MigrationScript.nextID(after: state.entries.last?.id, name: name) else { return .unusableName }
        let current = SchemaSnapshot(schema)
        let plan = empty ? MigrationPlan() : MigrationDiff.plan(from: state.lastSnapshot ?? .empty, to: current)
        if !plan.unsupported.isEmpty { return .unsupported(plan.unsupported) }
        if plan.isEmpty && !empty { return .unchanged(since: state.entries.last?.id) }
        let files = SQLDialect.allCases.map {
            GeneratedFile(name: MigrationScript.fileName(for: $0), contents: plan.script(for: $0, id: id, schemaName: schemaName))
        }
        return .write(MigrationDraft(id: id, plan: plan, files: files, snapshot: current))
    }
}
