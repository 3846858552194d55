/// `loomgen check`, the CI gate: the schema's errors (exit 1), then every drift (exit 2) — formatting, committed
/// generated code, and migrations — each with its diff and fix.
extension Generator {
    public struct CheckReport: Sendable {
        public var state: MigrationState
        /// The schema's and the migrations folder's diagnostics.
        public var diagnostics: [Diagnostic]
        /// Empty while there are errors: drift is measured against a schema that compiles.
        public var findings: [DriftFinding]

        /// 1 with errors, 2 with drift, else 0.
        public var exitStatus: Int32 { diagnostics.hasErrors ? 1 : findings.isEmpty ? 0 : 2 }
    }

    /// `committedFolder`: where the generated code is committed (`Generated/store`), to compare; nil to skip.
    /// `encodeSnapshot` writes a `snapshot.json` (JSON needs Foundation, which the library does without).
    public static func check(
        schemaName: String, files: [SourceFile], migrationsFolder: String?, committedFolder: String?,
        reader: some FileReader, decodeSnapshot: (String) throws -> SchemaSnapshot,
        encodeSnapshot: (SchemaSnapshot) -> String, commands: CheckCommands
    ) -> CheckReport {
        let state = migrationState(
            schemaName: schemaName, files: files, migrationsFolder: migrationsFolder, reader: reader, decodeSnapshot: decodeSnapshot)
        guard let schema = state.schema, !state.diagnostics.hasErrors else {
            return CheckReport(state: state, diagnostics: state.diagnostics, findings: [])
        }
        // In the order their fixes are to be run: the generated code embeds the migrations, so a new migration comes
        // before regenerating.
        var findings = formattingFindings(files, fix: commands.format)
        if let plan = state.drift, !plan.isEmpty, let migrationsFolder {
            findings.append(migrationFinding(
                plan, state: state, schema: schema, folder: migrationsFolder, encodeSnapshot: encodeSnapshot, commands: commands))
        }
        if let committedFolder, let fix = commands.generate {
            let expected = SwiftEmitter.generate(schema, migrations: state.entries.map(\.source))
            findings += CommittedOutput.findings(expected: expected, folder: committedFolder, reader: reader, fix: fix)
        }
        return CheckReport(state: state, diagnostics: state.diagnostics, findings: findings)
    }

    /// L005 for each file `loomgen fmt` would change, with the change.
    static func formattingFindings(_ files: [SourceFile], fix: String) -> [DriftFinding] {
        files.compactMap { file in
            let result = Formatter.format(file)
            guard let formatted = result.formatted, !result.isFormatted else { return nil }
            return DriftFinding(
                code: .notFormatted, file: file.path, line: DriftFinding.firstDifferingLine(file.text, formatted),
                message: "file is not formatted",
                diff: LineDiff.unified(old: file.text, new: formatted, oldLabel: file.path, newLabel: "\(file.path) (formatted)"),
                fix: fix)
        }
    }

    /// L093: the tables as the last migration left them against the schema's, as `snapshot.json` would record them.
    static func migrationFinding(
        _ plan: MigrationPlan, state: MigrationState, schema: ResolvedSchema, folder: String,
        encodeSnapshot: (SchemaSnapshot) -> String, commands: CheckCommands
    ) -> DriftFinding {
        let last = state.entries.last
        let snapshotPath = last.map { FilePath.join($0.path, MigrationScript.snapshotFileName) }
        let old = encodeSnapshot(state.lastSnapshot ?? .empty)
        let new = encodeSnapshot(SchemaSnapshot(schema))
        var changes = plan.changes.map { "\($0)" }
        changes += plan.unsupported.map { "\($0) (write this migration by hand: --empty)" }
        let since = last.map { "the last migration (\($0.id))" } ?? "the migrations (there is none yet)"
        return DriftFinding(
            code: .migrationMissing, file: snapshotPath ?? folder, line: snapshotPath == nil ? 1 : DriftFinding.firstDifferingLine(old, new),
            message: "no migration for the schema's changes since \(since): " + changes.joined(separator: "; "),
            diff: LineDiff.unified(
                old: old, new: new, oldLabel: snapshotPath ?? "(no migration)", newLabel: "the schema's tables"),
            fix: commands.newMigration(last == nil ? "init" : plan.suggestedName))
    }
}
