import ArgumentParser
import Foundation
import LoomCompiler
import LoomCompilerDisk

/// `loomgen scaffold DIR --into Sources/App`: a stub file for every use case, job, callback, `check` predicate and
/// `compute` function of the schema that the target's Swift does not implement yet — `UseCases/`, `Jobs/`,
/// `Callbacks/`, `Checks/`, `Computes/` under the target's folder. Each compiles, and its body throws
/// `LoomError.notImplemented` (a route answers 501, a job fails), so a test that reaches it fails until it is written.
/// An existing file is never overwritten. With `--models-module StoreModels` (the schema's models in a target of their
/// own, docs/client.md), each stub imports that module too.
struct Scaffold: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a stub for every use case, job, callback, check and compute the target does not implement yet.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: ArgumentHelp("The target's source folder (where your use cases live).", valueName: "folder"))
    var into: String

    @Option(help: "The module of the schema's models, when they are a target of their own: each stub imports it.")
    var modelsModule: String?

    func run() throws {
        let (name, files) = try schema.load()
        let compiled = Frontend.compile(name: name, files: files)
        DiagnosticPrinter.print(compiled.diagnostics, files: files, format: .text)
        guard let resolved = compiled.schema, !compiled.diagnostics.hasErrors else { throw ExitCode(1) }
        guard DiskFileReader().isFolder(into) else { throw ValidationError("--into \(into): no such folder") }
        let missing = ImplementationStubs.missing(in: resolved, sources: SwiftSources.read(under: into), modelsModule: modelsModule)
        if missing.isEmpty {
            print("nothing to write: every use case, job, callback and check of \(name) is implemented in \(into)")
            return
        }
        let manager = FileManager.default
        for stub in missing {
            let path = (into as NSString).appendingPathComponent(stub.path)
            if manager.fileExists(atPath: path) {
                print("left alone: \(path) exists but does not implement \(stub.kind.rawValue) '\(stub.name)'")
                continue
            }
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(stub.stub.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            print("wrote \(path) (\(stub.kind.rawValue) '\(stub.name)')")
        }
    }
}
