import Foundation
import LoomLanguageServer
import Testing

/// A schema with migrations: a change without a migration is flagged as you type (what `loomgen check` would fail on),
/// and the quick fix writes the migration, after which the warning goes.
@Suite("Missing migration")
struct MigrationActionTests {
    @Test func aNewFieldIsFlaggedAndTheQuickFixWritesItsMigration() throws {
        let schema = try ScratchSchema(copying: "store", keepingMigrations: true)
        let before = try FileManager.default.contentsOfDirectory(atPath: schema.folder.appendingPathComponent("migrations").path)
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("products.loom", in: client)
        #expect(try client.diagnostics(for: schema.uri("products.loom")).isEmpty)
        try FeatureTests.change(schema, "products.loom", version: 2, replacing: "  stock       Int", with: "  color       String(20)?\n  stock       Int", in: client)
        let warning = try #require(try client.diagnostics(for: schema.uri("products.loom")).first)
        #expect(warning["code"] == "L093")
        #expect(warning["severity"] == 2)
        #expect(warning["message"]?.string?.contains("color") == true)
        #expect(warning["range"]?["start"] == (try schema.position(of: "Product timestamps", in: "products.loom")))

        let actions = try client.request("textDocument/codeAction", .object([
            "textDocument": .object(["uri": .string(schema.uri("products.loom"))]),
            "range": warning["range"]!, "context": .object(["diagnostics": .array([warning])]),
        ]))["result"]!.array
        let command = try #require(actions.first?["command"])
        #expect(command["command"] == "loom.newMigration")
        let written = try client.request("workspace/executeCommand", .object(["command": command["command"]!, "arguments": command["arguments"]!]))
        let paths = written["result"]?.array.compactMap(\.string) ?? []
        #expect(paths.count == 3)
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let sql = try String(contentsOfFile: try #require(paths.first { $0.hasSuffix("postgres.sql") }), encoding: .utf8)
        #expect(sql.contains("\"color\""))
        let after = try FileManager.default.contentsOfDirectory(atPath: schema.folder.appendingPathComponent("migrations").path)
        #expect(after.count == before.count + 1)
        #expect(try client.diagnostics(for: schema.uri("products.loom")).isEmpty)
        #expect(try client.shutdown() == 0)
    }
}
