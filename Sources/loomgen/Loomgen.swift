import ArgumentParser
import LoomCompiler

/// `loomgen`: the Loom schema compiler.
@main
struct Loomgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loomgen",
        abstract: "Compile .loom schemas into Swift, SQL and checks.",
        version: LoomVersion.current,
        subcommands: [Init.self, Generate.self, Check.self, Explain.self, Scaffold.self, Fmt.self, Migrate.self, SQL.self, LSP.self],
        defaultSubcommand: nil
    )
}
