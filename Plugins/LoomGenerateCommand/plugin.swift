import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory loomgen-generate [--target T]… [--output FOLDER]`: committed
/// mode. Writes what the build plugin generates for a target into `Generated/<schema>/` (with `openapi.json` and
/// `loom-manifest.json`), for review in pull requests and for `loomgen check --generated`. It finds each target's
/// schema as the build plugin does and runs the same `loomgen generate`, so the Swift is byte for byte the build's
/// (scripts/test-plugin.sh compares them).
///
/// Without `--target`, every target whose schema is a folder or files of the package's `schemas/`; a target's own
/// `.loom` files are written only when it is named.
@main
struct LoomGenerateCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var options = ArgumentExtractor(arguments)
        let named = options.extractOption(named: "target")
        let outputFolder = options.extractOption(named: "output").last ?? "Generated"
        guard options.remainingArguments.isEmpty else {
            throw CommandError("unexpected arguments \(options.remainingArguments); usage: loomgen-generate [--target T]… [--output FOLDER]")
        }
        let loomgen = try context.tool(named: "loomgen").url
        let targets = named.isEmpty ? context.package.targets : try context.package.targets(named: named)
        var written = Set<String>()
        for case let target as SourceModuleTarget in targets {
            guard let schema = try SchemaLocation.find(for: target, packageDirectory: context.package.directoryURL) else {
                if !named.isEmpty { throw SchemaNotFound(target: target.name) }
                continue
            }
            // Several targets may build one schema (a server and its tests): it is written once.
            guard named.isEmpty ? !schema.isInTarget : true, written.insert(schema.name).inserted else { continue }
            let base = outputFolder.hasPrefix("/")
                ? URL(fileURLWithPath: outputFolder) : context.package.directoryURL.appending(path: outputFolder)
            let output = base.appending(path: schema.name)
            let process = Process()
            process.executableURL = loomgen
            process.arguments = ["generate"] + schema.arguments + ["--name", schema.name, "--output", output.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandError("loomgen generate failed for \(schema.name) (target \(target.name)); its errors are above")
            }
            print("loomgen-generate: \(target.name): \(outputFolder)/\(schema.name)/ is up to date with the schema")
        }
        if written.isEmpty { throw CommandError("no target of this package has a schema under schemas/: name one with --target") }
    }
}

struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
