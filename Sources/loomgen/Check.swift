import ArgumentParser
import Foundation
import LoomCompiler

/// `loomgen check DIR`: parse and check a schema, and check that its files are formatted (`loomgen fmt`). Exit 0 when
/// clean, 1 on errors (all of them are printed). When the schema folder has a `migrations/` folder, a clean schema
/// whose tables differ from the last migration's snapshot exits 2, listing the differences.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and check a schema; exit 1 on any error.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: "Diagnostics as text (stderr) or json (stdout).")
    var format: DiagnosticPrinter.Format = .text

    func run() throws {
        let (name, files) = try schema.load()
        let result = Frontend.compile(name: name, files: files)
        var diagnostics = result.diagnostics
        // A clean schema must also be in canonical layout (L005); see docs/formatting.md.
        if result.schema != nil {
            diagnostics += LoomCompiler.Formatter.notFormattedDiagnostics(files, fix: "loomgen fmt \(schema.inputs.joined(separator: " "))")
        }
        DiagnosticPrinter.print(diagnostics, files: files, format: format)
        if result.schema == nil || diagnostics.hasErrors { throw ExitCode(1) }
        if let resolved = result.schema { try checkMigrations(resolved) }
    }

    /// Exit 2 when the tables differ from the last migration's snapshot; nothing when `migrations/` does not exist.
    func checkMigrations(_ resolved: ResolvedSchema) throws {
        let folder = MigrationFiles.folder(for: schema.inputs)
        guard MigrationFiles.inUse(folder), let folder else { return }
        let entries: [MigrationFiles.Entry]
        let snapshot: SchemaSnapshot?
        do {
            entries = try MigrationFiles.load(folder)
            snapshot = try MigrationFiles.lastSnapshot(entries)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let plan = MigrationDiff.plan(from: snapshot ?? .empty, to: SchemaSnapshot(resolved))
        guard !plan.isEmpty else { return }
        let last = entries.last.map { "the last migration (\($0.id))" } ?? "the migrations (there is none yet)"
        var text = "\(folder): the schema's tables differ from \(last):\n"
        for change in plan.changes { text += "  \(change)\n" }
        for item in plan.unsupported { text += "  \(item) (write this migration by hand: --empty)\n" }
        let name = entries.isEmpty ? "init" : plan.suggestedName
        text += "fix: loomgen migrate new \(name) \(schema.inputs.joined(separator: " "))\n"
        FileHandle.standardError.write(Data(text.utf8))
        throw ExitCode(2)
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
