import ArgumentParser
import Foundation
import LoomLanguageServer

/// `loomgen lsp`: the language server for editors, over stdin and stdout (docs/editors.md).
struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp", abstract: "Serve the Language Server Protocol over stdin/stdout for editors (docs/editors.md)."
    )

    @Option(help: "Milliseconds diagnostics wait after an edit for the next one (edits that arrive during an analysis are taken together anyway).")
    var debounce = 5

    @Flag(help: "Accepted for editors that pass it; the server always speaks over stdin/stdout.")
    var stdio = false

    func run() throws {
        let code = LanguageServer.serve(
            input: .standardInput, output: .standardOutput, options: .init(debounce: .milliseconds(max(0, debounce))))
        throw ExitCode(code)
    }
}
