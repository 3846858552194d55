import ArgumentParser
import Foundation
import LoomCompiler

/// `loomgen check DIR`: parse and check a schema, and check that its files are formatted (`loomgen fmt`). Exit 0 when
/// clean, 1 on errors (all of them are printed, the `migrations/` folder's too). When the schema folder has a
/// `migrations/` folder, a clean schema whose tables differ from the last migration's snapshot exits 2, listing the
/// differences.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and check a schema; exit 1 on any error.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: "Diagnostics as text (stderr) or json (stdout).")
    var format: DiagnosticPrinter.Format = .text

    func run() throws {
        let (name, files) = try schema.load()
        let folder = schema.migrationsFolder
        // A clean schema must also be in canonical layout (L005); see docs/formatting.md.
        let (state, diagnostics) = Generator.check(
            schemaName: name, files: files, migrationsFolder: folder, reader: DiskFileReader(),
            decodeSnapshot: SnapshotJSON.decode, fix: "loomgen fmt \(schema.inputs.joined(separator: " "))")
        DiagnosticPrinter.print(diagnostics, files: files, format: format)
        if state.schema == nil || diagnostics.hasErrors { throw ExitCode(1) }
        guard let plan = state.drift, !plan.isEmpty, let folder else { return }
        let last = state.entries.last.map { "the last migration (\($0.id))" } ?? "the migrations (there is none yet)"
        var text = "\(folder): the schema's tables differ from \(last):\n"
        for change in plan.changes { text += "  \(change)\n" }
        for item in plan.unsupported { text += "  \(item) (write this migration by hand: --empty)\n" }
        let suggested = state.entries.isEmpty ? "init" : plan.suggestedName
        text += "fix: loomgen migrate new \(suggested) \(schema.inputs.joined(separator: " "))\n"
        FileHandle.standardError.write(Data(text.utf8))
        throw ExitCode(2)
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
