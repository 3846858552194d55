import ArgumentParser
import LoomCompiler

/// `loomgen sql DIR --dialect postgres|sqlite`: prints the DDL the server runs at start-up.
struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sql", abstract: "Print a schema's DDL.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: "postgres or sqlite.")
    var dialect: SQLDialect = .postgres

    func run() throws {
        let (name, files) = try schema.load()
        let result = Generator.sql(schemaName: name, files: files, dialect: dialect)
        DiagnosticPrinter.print(result.diagnostics, files: files, format: .text)
        guard let script = result.files.first else { throw ExitCode(1) }
        print(script.contents, terminator: "")
    }
}

extension SQLDialect: ExpressibleByArgument {}
