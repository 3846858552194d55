import Foundation
import LoomCompiler
import Testing

/// Reference tests: every schema in `schemas/` generates exactly the files committed in `Generated/<schema>/`.
/// After an intended change to the emitters, `make generate` rewrites them; review the diff like code.
@Suite("Generated reference output")
struct EmitGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func schemaNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "schemas").path).sorted()
    }

    static func load(_ name: String) throws -> [SourceFile] {
        let folder = root.appending(path: "schemas/\(name)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".loom") }.sorted().map {
            SourceFile(path: "schemas/\(name)/\($0)", text: try String(contentsOf: folder.appending(path: $0), encoding: .utf8))
        }
    }

    @Test("schemas/ matches Generated/", arguments: try schemaNames())
    func matchesReference(name: String) throws {
        // The pipeline `loomgen generate` runs, migrations folder checks included.
        let result = Generator.run(
            schemaName: name, files: try Self.load(name), migrationsFolder: Self.root.appending(path: "schemas/\(name)/migrations").path,
            reader: DiskFileReader())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let generated = result.files
        try #require(!generated.isEmpty)
        let folder = Self.root.appending(path: "Generated/\(name)")
        let committed = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") || $0.hasSuffix(".json") }.sorted()
        #expect(generated.map(\.name).sorted() == committed, "run `make generate`")
        for file in generated {
            let expected = try? String(contentsOf: folder.appending(path: file.name), encoding: .utf8)
            #expect(file.contents == expected, "Generated/\(name)/\(file.name) is stale: run `make generate` and review the diff")
        }
    }

    @Test("output is byte-identical across runs and input order")
    func deterministic() throws {
        let files = try Self.load("store")
        let once = SwiftEmitter.generate(try #require(Frontend.compile(name: "store", files: files).schema))
        let again = SwiftEmitter.generate(try #require(Frontend.compile(name: "store", files: files.reversed()).schema))
        #expect(once == again)
    }
}
