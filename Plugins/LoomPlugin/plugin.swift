import Foundation
import PackagePlugin

/// Runs `loomgen generate` before a target compiles, so a plain `swift build` turns its schema into Swift.
///
/// Where a target's schema is found, first match wins:
/// 1. `.loom` files among the target's own sources (named after the target);
/// 2. a folder of the package's `schemas/` whose name is the target's, ignoring case, `-` and `_`, or the target's
///    without a `Server`, `App` or `API` suffix (`schemas/store/` serves `Store` and `StoreServer`);
/// 3. `.loom` files directly in the package's `schemas/` folder.
///
/// Output names come from input names (`users.loom` → `users.loom.swift`, plus `loom-schema.swift`) and from the
/// models the files declare (`User.model.swift`), so SwiftPM knows them before the tool runs; `loomgen` rewrites a
/// file only when its bytes change, so an edit to one model recompiles that model's file and what uses it. A schema
/// folder outside the target is an input too, so adding or removing a file there re-runs loomgen (SwiftPM re-plans only for changes
/// inside targets; see docs/plugin.md). Generated files: one per model, one per `.loom` file (its
/// enums and commands), `loom-schema.swift` (tables and migrations), `loom-application.swift` (use cases, finders and
/// the application facade), `loom-routes.swift` (the only one that imports HTTP) and `loom-openapi.swift`.
///
/// The models as a target of their own (for a client app to import): a target named `<Schema>Models` (`StoreModels`)
/// gets the types alone (models, inputs, enums, commands: no runtime, SQL or HTTP), and a target of the same schema
/// that depends on it gets the rest, importing it. The file names are the same in both, so only what they hold differs.
/// A target named `<Schema>Client` that depends on the models' target gets the typed client (`loom-client.swift`).
@main
struct LoomPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        guard let schema = try SchemaLocation.find(for: target, packageDirectory: context.package.directoryURL) else {
            // Generating nothing would surface later as an unexplained "cannot find 'StoreSchema' in scope".
            throw SchemaNotFound(target: target.name)
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        // One file per model as well as per source: an edit to one model changes one model's file, so the compiler
        // rebuilds that model and what uses it, not the other models of its `.loom` file.
        let perFile = schema.files.map { Self.outputName(forInput: $0.lastPathComponent) }
            + Set(schema.modelNames()).sorted().map(Self.outputName(forModel:))
        let part = try Self.part(of: target, schema: schema, packageDirectory: context.package.directoryURL)
        let outputs = part.outputs(perFile: perFile).map { output.appending(path: $0) }
        return [
            .buildCommand(
                displayName: "loomgen \(schema.name) (\(schema.files.count) file\(schema.files.count == 1 ? "" : "s"))",
                executable: try context.tool(named: "loomgen").url,
                // SwiftPM plans (and so fixes the outputs) less often than it runs the command: a file added to a
                // schema folder since the last plan has no declared output, so loomgen is told which ones exist and
                // writes any other model into loom-schema.swift.
                arguments: ["generate"] + schema.arguments + ["--name", schema.name, "--output", output.path]
                    + part.arguments(perFile: perFile, target: target),
                inputFiles: schema.trackedInputs(linkingInto: context.pluginWorkDirectoryURL.appending(path: "InputLinks")),
                outputFiles: outputs
            )
        ]
    }

    /// The part of the generated code a target holds (loomgen's `GeneratedPart`, which a plugin cannot import).
    enum Part: Equatable {
        /// Everything: one target for the schema.
        case all
        /// The types alone: a target named `…Models`.
        case models
        /// The rest, importing the models' module: a target of the schema depending on its `…Models` target.
        case server(modelsModule: String)
        /// The typed client: a `…Client` target depending on the models' target.
        case client(modelsModule: String)

        /// What SwiftPM is told the command writes: per-file outputs (not the client's) and the fixed files of the part.
        func outputs(perFile: [String]) -> [String] {
            switch self {
            case .all, .server: perFile + ["loom-schema.swift", "loom-application.swift", "loom-routes.swift", "loom-openapi.swift"]
            case .models: perFile + ["loom-schema.swift"]
            case .client: ["loom-client.swift"]
            }
        }

        /// `loomgen generate`'s arguments for the part: the declared outputs, the part, and where the user's use cases
        /// live (the server's target: one missing is reported with a stub to paste).
        func arguments(perFile: [String], target: SourceModuleTarget) -> [String] {
            let declared = perFile.flatMap { ["--declared-output", $0] }
            let implementations = ["--implementations", target.directoryURL.path]
            return switch self {
            case .all: declared + implementations
            case .models: declared + ["--models-only"]
            case .server(let module): declared + ["--models-module", module] + implementations
            case .client(let module): ["--client-of", module]
            }
        }
    }

    /// The models' part for a target named `…Models`; for a target depending on the models' target of the same schema,
    /// the client's (a `…Client` target) or the server's; everything otherwise.
    static func part(of target: SourceModuleTarget, schema: SchemaLocation, packageDirectory: URL) throws -> Part {
        if SchemaLocation.key(target.name).hasSuffix("models") { return .models }
        for case .target(let dependency) in target.dependencies {
            guard let models = dependency as? SourceModuleTarget, SchemaLocation.key(models.name).hasSuffix("models"),
                  try SchemaLocation.find(for: models, packageDirectory: packageDirectory)?.name == schema.name
            else { continue }
            return SchemaLocation.key(target.name).hasSuffix("client")
                ? .client(modelsModule: models.moduleName) : .server(modelsModule: models.moduleName)
        }
        return .all
    }

    static func outputName(forInput fileName: String) -> String {
        (fileName.hasSuffix(".loom") ? String(fileName.dropLast(5)) : fileName) + ".loom.swift"
    }

    /// `SwiftEmitter.outputName(forModel:)`: a plugin cannot import the compiler, so the two rules are written twice.
    static func outputName(forModel name: String) -> String {
        name + ".model.swift"
    }
}
