import ArgumentParser
import Foundation
import LoomCompiler
import LoomCompilerDisk

/// `loomgen migrate new NAME DIR`: versioned SQL migrations in the schema folder's `migrations/` (docs/migrations.md).
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Versioned SQL migrations (in the schema folder's migrations/).",
        subcommands: [New.self]
    )

    /// `loomgen migrate new NAME DIR`: diffs the schema against the last migration's snapshot and writes the next
    /// migration, `migrations/NNNN_NAME/{postgres.sql,sqlite.sql,snapshot.json}`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the next migration: the SQL from the last migration's snapshot to the schema, per dialect.",
            discussion: "Destructive steps are flagged with a -- DESTRUCTIVE: comment in the SQL and listed here."
        )

        @Argument(help: "The migration's name (init, add_phone, …): the folder is NNNN_name.")
        var migrationName: String

        @OptionGroup var schema: SchemaInputs

        @Flag(help: "Write the current snapshot and SQL files with no statements, to write by hand.")
        var empty = false

        func run() throws {
            let (name, files) = try schema.load()
            guard let folder = schema.migrationsFolder else {
                throw ValidationError("migrations live in a schema folder: pass the folder, not files")
            }
            let state = Generator.migrationState(
                schemaName: name, files: files, migrationsFolder: folder, reader: DiskFileReader(), decodeSnapshot: SnapshotJSON.decode)
            DiagnosticPrinter.print(state.diagnostics, files: files, format: .text)
            switch Generator.newMigration(named: migrationName, schemaName: name, state: state, empty: empty) {
            case nil:
                throw ExitCode(1)
            case .unusableName:
                throw ValidationError("'\(migrationName)' is not a usable migration name: use letters, digits and underscores")
            case .unsupported(let items):
                var text = "error: loomgen cannot write SQL for:\n"
                for item in items { text += "  \(item)\n" }
                text += "write this migration by hand: loomgen migrate new \(migrationName) \(schema.inputs.joined(separator: " ")) --empty\n"
                FileHandle.standardError.write(Data(text.utf8))
                throw ExitCode(1)
            case .unchanged(let since):
                print("no changes \(since.map { "since \($0)" } ?? "(the schema has no tables)"): nothing written")
            case .write(let draft):
                try write(draft, into: folder)
            }
        }

        func write(_ draft: Generator.MigrationDraft, into folder: String) throws {
            for path in try MigrationFiles.write(draft, into: folder) { print("wrote \(path)") }
            if empty {
                print("empty migration \(draft.id): write its SQL by hand (the snapshot is the schema as it is now)")
                return
            }
            let plan = draft.plan
            print("changes:")
            for change in plan.changes { print("  \(change)") }
            let destructive = plan.destructiveChanges.count
            print("\(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s"), \(destructive) destructive"
                + (destructive > 0 ? ": review the SQL (-- DESTRUCTIVE: comments) before it is applied" : ""))
        }
    }
}
