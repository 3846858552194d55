import ArgumentParser
import Foundation
import LoomCompiler
import LoomCompilerDisk

/// `loomgen generate DIR --output OUT`: writes the Swift of a schema. Files are rewritten only when their bytes
/// change (so an unchanged schema recompiles nothing), and a file without loomgen's header is never overwritten.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate Swift from a schema.")

    @OptionGroup var schema: SchemaInputs

    @Option(name: .shortAndLong, help: "The folder to write into (created if missing).")
    var output: String

    @Option(help: "Diagnostics as text (stderr) or json (stdout).")
    var format: DiagnosticPrinter.Format = .text

    @Option(help: ArgumentHelp(
        "The outputs the build plan declared, per file (NAME.loom.swift) and per model (MODEL.model.swift); repeatable, the build plugin passes them.",
        discussion: "A model goes into its own declared file, else its file's, else loom-schema.swift; a declared output without a file or model is written empty."))
    var declaredOutput: [String] = []

    @Option(help: ArgumentHelp(
        "A folder of the target's own Swift (the build plugin passes the target's): each use case it does not implement is reported with a stub to paste."))
    var implementations: String?

    @Flag(help: ArgumentHelp(
        "Write only the models' part (the types a client imports: models, inputs, enums, commands) for a target of their own.",
        discussion: "With --models-module instead, the server's part: the rest, importing that module."))
    var modelsOnly = false

    @Option(help: "The module of the schema's models, when they are a target of their own: write the server's part, which imports it.")
    var modelsModule: String?

    @Option(help: "Write the typed client (loom-client.swift) over LoomClient, for a target that depends on this models module.")
    var clientOf: String?

    func run() throws {
        let (name, files) = try schema.load()
        let layout: SwiftEmitter.Layout = declaredOutput.isEmpty ? .filePerSource : .declared(Set(declaredOutput))
        if [modelsOnly, modelsModule != nil, clientOf != nil].filter({ $0 }).count > 1 {
            throw ValidationError("--models-only, --models-module and --client-of each name a different part: give one")
        }
        let part: GeneratedPart = modelsOnly ? .models
            : modelsModule.map { .server(modelsModule: $0) } ?? clientOf.map { .client(modelsModule: $0) } ?? .all
        let result = Generator.run(
            schemaName: name, files: files, migrationsFolder: schema.migrationsFolder, reader: DiskFileReader(), layout: layout, part: part)
        DiagnosticPrinter.print(result.diagnostics, files: files, format: format)
        if result.diagnostics.hasErrors { throw ExitCode(1) }
        try OutputWriter(folder: output).write(result.files)
        if let implementations, let schema = result.schema { reportMissing(in: schema, folder: implementations) }
    }

    /// A warning per use case, job, callback, predicate or compute function without an implementation, located at its
    /// declaration, with the file to add. The build fails on them anyway (the generated code names each one); this
    /// says what to write.
    func reportMissing(in schema: ResolvedSchema, folder: String) {
        let sources = SwiftSources.read(under: folder)
        for missing in ImplementationStubs.missing(in: schema, sources: sources, modelsModule: modelsModule) {
            let start = missing.range.start
            let message = "\(missing.range.file):\(start.line):\(start.column): warning: \(missing.kind.rawValue) '\(missing.name)' has no "
                + "implementation in this target; add \(missing.path) (or run loomgen scaffold):\n" + missing.stub
            FileHandle.standardError.write(Data(message.utf8))
        }
    }
}

/// The contents of the `.swift` files under a folder (not under `.build`), for finding implementations.
enum SwiftSources {
    static func read(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var contents: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".build") || path.contains("/.build/") { enumerator.skipDescendants(); continue }
            guard path.hasSuffix(".swift"), let text = try? String(contentsOfFile: (folder as NSString).appendingPathComponent(path), encoding: .utf8)
            else { continue }
            contents.append(text)
        }
        return contents
    }
}

/// Writes generated files into a folder, safely.
struct OutputWriter {
    let folder: String

    func write(_ files: [GeneratedFile]) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.name)
            let data = Data(file.contents.utf8)
            if let existing = manager.contents(atPath: path) {
                if existing == data { continue }
                guard Self.isGenerated(existing) else {
                    throw ValidationError("refusing to overwrite \(path): it was not written by loomgen")
                }
            }
            try Self.replace(path, with: data)
        }
        // Output of a schema file that no longer exists goes too; only files loomgen wrote are touched.
        let produced = Set(files.map(\.name))
        for name in try manager.contentsOfDirectory(atPath: folder).sorted() where !produced.contains(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            if let data = manager.contents(atPath: path), Self.isGenerated(data) {
                try manager.removeItem(atPath: path)
            }
        }
    }

    /// Written beside the file, then renamed over it: a reader (the compiler) sees the old bytes or the new, never a
    /// part. Not synced to disk, unlike `Data.write`: with a file per model the syncs were a tenth of `generate`'s
    /// time at 1,000 models, and a generated file lost in a crash is written again by the next run.
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".loomgen-tmp"
        // POSIX calls: Foundation's `Data.write` syncs to disk even without `.atomic`.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ValidationError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        // `write` may take fewer bytes than it is given: loop until all are written or it fails.
        let written = data.withUnsafeBytes { bytes -> Int in
            var offset = 0
            while offset < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard count > 0 else { break }
                offset += count
            }
            return offset
        }
        close(descriptor)
        guard written == data.count, rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw ValidationError("cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    /// A file loomgen wrote (its header, the OpenAPI document's `x-generated-by`, or the manifest).
    static func isGenerated(_ data: Data) -> Bool {
        CommittedOutput.isGenerated(String(decoding: data.prefix(200), as: UTF8.self))
    }
}
