import Foundation
import LoomCompiler
import LoomCompilerDisk

/// A schema folder with a `migrations/` folder gets, as you type, the warning `loomgen check` would fail on (L093: no
/// migration for the schema's changes), on the model whose table changed, with a quick fix that writes the
/// migration (`loomgen migrate new`'s files) through the `loom.newMigration` command.
extension LanguageServer {
    static let newMigrationCommand = "loom.newMigration"

    /// The folder's `migrations/` and the analysed schema against it (not `inUse` when the folder has none).
    static func migrationState(folder: String, analysis: Analysis, reader: CachedFileReader) -> (folder: String, state: Generator.MigrationState) {
        let migrations = (folder as NSString).appendingPathComponent(MigrationScript.folderName)
        let state = Generator.migrationState(
            compiled: Frontend.Result(schema: analysis.schema, diagnostics: analysis.diagnostics), migrationsFolder: migrations,
            reader: reader, decodeSnapshot: reader.decodeSnapshot)
        return (migrations, state)
    }

    /// L093 when the schema compiles and differs from its last migration; nothing otherwise.
    static func migrationDiagnostics(folder: String, analysis: Analysis, reader: CachedFileReader) -> [Diagnostic] {
        guard !analysis.diagnostics.hasErrors else { return [] }
        let state = migrationState(folder: folder, analysis: analysis, reader: reader).state
        guard let plan = state.drift, !plan.isEmpty else { return [] }
        let since = state.entries.last.map { "the last migration (\($0.id))" } ?? "the migrations (there is none yet)"
        let changes = plan.changes.map(\.description) + plan.unsupported.map { "\($0) (write this migration by hand)" }
        // On the first model whose table a change names; else on the first declaration.
        let changed = analysis.schema.models.first { model in plan.changes.contains { $0.summary.contains("\"\(model.table)\"") || $0.summary.contains(" \(model.table) ") || $0.summary.hasSuffix(" \(model.table)") } }
        guard let range = changed?.range ?? analysis.files.first?.declarations.first?.range else { return [] }
        let head = SourceRange(file: range.file, start: range.start, end: range.start)
        return [.warning(
            .migrationMissing, "no migration for the schema's changes since \(since): " + changes.joined(separator: "; "),
            at: changed.map { _ in Self.nameRange(of: range, in: analysis) ?? head } ?? head,
            hint: "write it: loomgen migrate new \(state.entries.isEmpty ? "init" : plan.suggestedName) \(folder)")]
    }

    /// The model's name within its declaration's range.
    private static func nameRange(of range: SourceRange, in analysis: Analysis) -> SourceRange? {
        for file in analysis.files where file.file.path == range.file {
            for case .model(let model) in file.declarations where model.range == range { return model.name.range }
        }
        return nil
    }

    func migrationAction(for diagnostic: LSPDiagnostic, folder: String) -> CodeAction? {
        guard diagnostic.code == DiagnosticCode.migrationMissing.rawValue,
              let name = diagnostic.message.components(separatedBy: "loomgen migrate new ").last?.split(separator: " ").first
        else { return nil }
        return CodeAction(
            title: "Write the migration \(name)", kind: "quickfix", diagnostics: [diagnostic], isPreferred: true, edit: nil,
            command: Command(title: "Write the migration", command: Self.newMigrationCommand, arguments: [.string(folder), .string(String(name))]))
    }

    /// `loom.newMigration FOLDER NAME`: writes the next migration and answers the paths written.
    func executeCommand(_ params: ExecuteCommandParams) throws -> JSONValue {
        guard params.command == Self.newMigrationCommand, case .string(let folder)? = params.arguments?.first,
              case .string(let name)? = params.arguments?.dropFirst().first
        else { throw ResponseError.invalidParams("usage: \(Self.newMigrationCommand) FOLDER NAME") }
        let snapshot = workspace.snapshot(folder: folder)
        let (migrations, state) = Self.migrationState(
            folder: folder, analysis: snapshot.analysis, reader: workspace.migrationsReader(folder: folder))
        switch Generator.newMigration(named: name, schemaName: snapshot.analysis.name, state: state, empty: false) {
        case .write(let draft)?:
            let written = try MigrationFiles.write(draft, into: migrations)
            workspace.invalidate(folder: folder)
            publishDiagnostics(folder: folder)
            notify("Wrote the migration \(draft.id): \(draft.plan.changes.count) changes, \(draft.plan.destructiveChanges.count) destructive.", type: 3)
            return .array(written.map { .string($0) })
        case .unchanged?:
            throw ResponseError.requestFailed("no change since the last migration")
        case .unsupported(let changes)?:
            throw ResponseError.requestFailed("write this migration by hand (loomgen migrate new \(name) \(folder) --empty): " + changes.joined(separator: "; "))
        case .unusableName?:
            throw ResponseError.requestFailed("'\(name)' is not a usable migration name")
        case nil:
            throw ResponseError.requestFailed("the schema has errors: fix them first")
        }
    }
}
