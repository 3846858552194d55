import ArgumentParser
import Foundation
import LoomCompiler

/// `loomgen explain DIR UseCase [--format text|json]`: the steps a use case runs, in order, and the routes that reach
/// it. An unknown use case is an error naming the closest one (exit 1), as are schema errors.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the steps a use case runs, in order: its requirement, guards, rules, your code, its calls.")

    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: "The schema folder (every .loom file inside, recursively).")
    var schemaFolder: String

    @Argument(help: "The use case, by name (UpdateUser).")
    var useCase: String

    @Option(help: "text, or json (stable keys, for tools).")
    var format: Format = .text

    func run() throws {
        let schema = try SchemaInputs.parse([schemaFolder])
        let (name, files) = try schema.load()
        switch Generator.explain(schemaName: name, files: files, useCase: useCase) {
        case .schemaErrors(let diagnostics):
            DiagnosticPrinter.print(diagnostics, files: files, format: .text)
            throw ExitCode(1)
        case .unknownUseCase(let message):
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            throw ExitCode(1)
        case .explained(let explanation, let diagnostics):
            DiagnosticPrinter.print(diagnostics, files: files, format: .text)
            print(format == .json ? explanation.json : explanation.text, terminator: "")
        }
    }
}
