import Foundation
import Testing
@testable import LoomCompiler

/// The generated client, whole: `loom-client.swift` for the store (schemas/store) and for the naming-stress schema
/// (Tests/Fixtures/NamingStress: use cases, jobs and routes named like generated members), compared with
/// Fixtures/clients/. `LOOM_UPDATE_GOLDEN=1 swift test --filter ClientGolden` rewrites them; review the diff.
@Suite("Generated client, golden")
struct ClientGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(in folder: String) throws -> [SourceFile] {
        let url = root.appending(path: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".loom") }.sorted()
        return try names.map { SourceFile(path: $0, text: try String(contentsOf: url.appending(path: $0), encoding: .utf8)) }
    }

    @Test("store and naming-stress clients", arguments: [("store", "schemas/store", "StoreModels"), ("naming", "Tests/Fixtures/NamingStress", "NamingStressModels")])
    func client(name: String, folder: String, modelsModule: String) throws {
        let result = Frontend.compile(name: name == "store" ? "store" : "NamingStress", files: try Self.sources(in: folder))
        let schema = try #require(result.schema, "\(result.diagnostics.map(\.description))")
        let files = SwiftEmitter.generate(schema, part: .client(modelsModule: modelsModule))
        #expect(files.map(\.name) == [SwiftEmitter.clientFileName])
        let generated = try #require(files.first).contents
        let golden = Self.root.appending(path: "Tests/LoomCompilerTests/Fixtures/clients/\(name)-client.swift")
        if ProcessInfo.processInfo.environment["LOOM_UPDATE_GOLDEN"] == "1" {
            try generated.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(generated == expected, "\(LineDiff.unified(old: expected, new: generated, oldLabel: "golden", newLabel: "generated").prefix(4000))")
        // No line a reader must scroll for.
        for line in generated.split(separator: "\n") { #expect(line.count <= 150, "\(line)") }
    }
}
