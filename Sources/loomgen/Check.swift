import ArgumentParser
import LoomCompiler

/// `loomgen check DIR`: parse and check a schema, and check that its files are formatted (`loomgen fmt`). Exit 0 when
/// clean, 1 on errors (all of them are printed).
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
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
