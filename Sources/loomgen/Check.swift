import ArgumentParser
import LoomCompiler

/// `loomgen check DIR`: parse and check a schema. Exit 0 when clean, 1 on errors (all of them are printed).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and check a schema; exit 1 on any error.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: "Diagnostics as text (stderr) or json (stdout).")
    var format: DiagnosticPrinter.Format = .text

    func run() throws {
        let (name, files) = try schema.load()
        let result = Frontend.compile(name: name, files: files)
        DiagnosticPrinter.print(result.diagnostics, files: files, format: format)
        if result.schema == nil { throw ExitCode(1) }
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
