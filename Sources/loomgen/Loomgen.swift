import ArgumentParser

/// `loomgen`: the Loom schema compiler.
@main
struct Loomgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loomgen",
        abstract: "Compile .loom schemas into Swift, SQL and checks.",
        subcommands: [Generate.self, Check.self, SQL.self, Fmt.self, Migrate.self],
        defaultSubcommand: nil
    )
}
