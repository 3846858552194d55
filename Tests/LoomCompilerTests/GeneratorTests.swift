import Foundation
@testable import LoomCompiler
import Testing

/// `Generator`, the library entry point every `loomgen` command runs, over an in-memory `migrations/` folder: the
/// folder's problems as diagnostics (exact output, like every code), and what a run produces.
@Suite("Generator")
struct GeneratorTests {
    static let schema = [SourceFile(path: "s/demo.loom", text: MigrationDiffTests.base)]

    static let initSQL = "-- init\nCREATE TABLE a (b TEXT);\n"

    static func decode(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }

    static func encode(_ snapshot: SchemaSnapshot) throws -> String {
        String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
    }

    /// A migration folder's three files.
    static func migration(_ id: String, snapshot: String? = nil, skip: Set<String> = []) -> [String: String] {
        var files = ["s/migrations/\(id)/postgres.sql": initSQL, "s/migrations/\(id)/sqlite.sql": initSQL]
        if let snapshot { files["s/migrations/\(id)/snapshot.json"] = snapshot }
        return files.filter { !skip.contains(String($0.key.split(separator: "/").last!)) }
    }

    static func run(_ files: [String: String], folders: Set<String> = []) -> Generator.Output {
        Generator.run(
            schemaName: "demo", files: schema, migrationsFolder: "s/migrations", reader: InMemoryFileReader(files: files, folders: folders))
    }

    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.flatMap { $0.description.split(separator: "\n").map(String.init) }
    }

    // MARK: The migrations folder, one code each

    @Test func badlyNamedFolder() {
        let output = Self.run(Self.migration("0001_init"), folders: ["s/migrations/add-phone"])
        #expect(Self.lines(output.diagnostics) == [
            "s/migrations/add-phone:1:1: error[L006]: migration folder 'add-phone' is not named <number>_<name>",
            "s/migrations/add-phone:1:1: note: rename it like 0001_init; 'loomgen migrate new NAME DIR' writes the next one",
        ])
        #expect(output.files.isEmpty)
    }

    @Test func duplicateNumber() {
        let output = Self.run(Self.migration("0001_init").merging(Self.migration("0001_other")) { a, _ in a })
        #expect(Self.lines(output.diagnostics) == [
            "s/migrations/0001_other:1:1: error[L007]: migrations '0001_init' and '0001_other' have the same number",
            "s/migrations/0001_other:1:1: note: renumber the one that is not applied anywhere yet",
        ])
        #expect(output.files.isEmpty)
    }

    @Test func missingFile() {
        let output = Self.run(Self.migration("0001_init", skip: ["sqlite.sql"]))
        #expect(Self.lines(output.diagnostics) == [
            "s/migrations/0001_init/sqlite.sql:1:1: error[L008]: migration '0001_init' has no sqlite.sql",
            "s/migrations/0001_init/sqlite.sql:1:1: note: a migration holds postgres.sql, sqlite.sql and snapshot.json; restore it from version control",
        ])
        #expect(output.files.isEmpty)
    }

    @Test func unreadableSnapshot() throws {
        func state(_ snapshot: String?) -> Generator.MigrationState {
            Generator.migrationState(
                schemaName: "demo", files: Self.schema, migrationsFolder: "s/migrations",
                reader: InMemoryFileReader(files: Self.migration("0001_init", snapshot: snapshot)), decodeSnapshot: Self.decode)
        }
        #expect(Self.lines(state(nil).diagnostics) == [
            "s/migrations/0001_init/snapshot.json:1:1: error[L008]: migration '0001_init' has no snapshot.json",
            "s/migrations/0001_init/snapshot.json:1:1: note: a migration holds postgres.sql, sqlite.sql and snapshot.json; restore it from version control",
        ])
        let newer = try Self.encode(SchemaSnapshot(format: 99, tables: []))
        #expect(Self.lines(state(newer).diagnostics) == [
            "s/migrations/0001_init/snapshot.json:1:1: error[L009]: the snapshot of migration '0001_init' has format 99; this loomgen reads up to 1",
            "s/migrations/0001_init/snapshot.json:1:1: note: use the loomgen that wrote it, or a newer one",
        ])
        let garbled = state("{").diagnostics
        #expect(garbled.map(\.code) == [.unreadableMigrationSnapshot])
        #expect(garbled.first?.message.hasPrefix("the snapshot of migration '0001_init' cannot be read: ") == true)
        #expect(state(nil).drift == nil)
    }

    /// Every problem of the run at once, the schema's and the folder's, in display order.
    @Test func reportsSchemaAndFolderTogether() {
        let broken = [SourceFile(path: "s/demo.loom", text: "model User {\n  id Int @id\n  name Strng(4)\n}\n")]
        let reader = InMemoryFileReader(files: Self.migration("0001_init", skip: ["postgres.sql"]), folders: ["s/migrations/x"])
        let output = Generator.run(schemaName: "demo", files: broken, migrationsFolder: "s/migrations", reader: reader)
        #expect(output.diagnostics.map(\.code) == [.unknownType, .missingMigrationFile, .invalidMigrationName])
        #expect(output.files.isEmpty)
    }

    // MARK: Runs

    @Test func generateEmbedsTheMigrations() throws {
        let files = Self.migration("0002_b").merging(Self.migration("0001_a")) { a, _ in a }
            .merging(["s/migrations/.DS_Store": "", "s/migrations/README": "notes"]) { a, _ in a }
        let output = Self.run(files)
        #expect(output.diagnostics.isEmpty)
        let schema = try #require(Frontend.compile(name: "demo", files: Self.schema).schema)
        let sources = ["0001_a", "0002_b"].map { MigrationSource(id: $0, postgres: Self.initSQL, sqlite: Self.initSQL) }
        #expect(output.files == SwiftEmitter.generate(schema, migrations: sources))
        // No folder (or a schema given as files): no migrations.
        let without = Generator.run(schemaName: "demo", files: Self.schema, migrationsFolder: nil, reader: InMemoryFileReader(files: files))
        #expect(without.files == SwiftEmitter.generate(schema))
    }

    @Test func sqlIsTheCreateScript() throws {
        let output = Generator.sql(schemaName: "demo", files: Self.schema, dialect: .sqlite)
        let schema = try #require(Frontend.compile(name: "demo", files: Self.schema).schema)
        #expect(output.files.map(\.name) == ["sqlite.sql"])
        #expect(output.files.first?.contents == SQLEmitter.createScript(schema, dialect: .sqlite))
        #expect(Generator.sql(schemaName: "demo", files: [SourceFile(path: "x.loom", text: "model {")], dialect: .sqlite).files.isEmpty)
    }

    @Test func newMigrationThenNoDrift() throws {
        func state(_ files: [String: String]) -> Generator.MigrationState {
            Generator.migrationState(
                schemaName: "demo", files: Self.schema, migrationsFolder: "s/migrations",
                reader: InMemoryFileReader(files: files, folders: ["s/migrations"]), decodeSnapshot: Self.decode)
        }
        let first = state([:])
        #expect(first.inUse && first.drift?.isEmpty == false)
        guard case .write(let draft) = Generator.newMigration(named: "Init!", schemaName: "demo", state: first, empty: false) else {
            Issue.record("expected a migration to write")
            return
        }
        #expect(draft.id == "0001_init")
        #expect(draft.files.map(\.name) == ["postgres.sql", "sqlite.sql"])
        var files: [String: String] = ["s/migrations/0001_init/snapshot.json": try Self.encode(draft.snapshot)]
        for file in draft.files { files["s/migrations/0001_init/\(file.name)"] = file.contents }
        let second = state(files)
        #expect(second.diagnostics.isEmpty && second.drift?.isEmpty == true)
        guard case .unchanged(since: "0001_init") = Generator.newMigration(named: "again", schemaName: "demo", state: second, empty: false) else {
            Issue.record("expected no changes")
            return
        }
        guard case .unusableName = Generator.newMigration(named: "--", schemaName: "demo", state: second, empty: false) else {
            Issue.record("expected an unusable name")
            return
        }
        guard case .write(let handWritten) = Generator.newMigration(named: "data", schemaName: "demo", state: second, empty: true) else {
            Issue.record("expected an empty migration")
            return
        }
        #expect(handWritten.id == "0002_data" && handWritten.plan.isEmpty)
    }

    @Test func checkAddsFormatting() {
        let unformatted = [SourceFile(path: "s/demo.loom", text: "model User {\nid Int @id\n}\n")]
        let report = Generator.check(
            schemaName: "demo", files: unformatted, migrationsFolder: nil, committedFolder: nil,
            reader: InMemoryFileReader(files: [:]), decodeSnapshot: Self.decode, encodeSnapshot: { _ in "" },
            commands: CheckCommands(format: "loomgen fmt s", generate: nil, newMigration: { "loomgen migrate new \($0) s" }))
        #expect(report.diagnostics.isEmpty && report.findings.map(\.code) == [.notFormatted])
        #expect(report.findings.map(\.description) == ["s/demo.loom:2:1: error[L005]: file is not formatted"])
        #expect(report.findings.first?.diff == "--- s/demo.loom\n+++ s/demo.loom (formatted)\n@@ -1,3 +1,3 @@\n model User {\n-id Int @id\n+  id Int @id\n }\n")
        #expect(report.exitStatus == 2 && !report.state.inUse && report.state.drift == nil)
    }

    @Test func inMemoryReader() {
        let reader = InMemoryFileReader(files: ["a/b/c.sql": "x", "a/d": "y"], folders: ["a/e"])
        #expect(reader.entries(ofFolder: "a") == ["b", "d", "e"])
        #expect(reader.entries(ofFolder: "a/b/") == ["c.sql"])
        #expect(reader.entries(ofFolder: "a/e") == [])
        #expect(reader.entries(ofFolder: "a/d") == nil && reader.entries(ofFolder: "z") == nil)
        #expect(reader.text(ofFile: "a/d") == "y" && reader.text(ofFile: "a/b") == nil)
    }
}

/// Two schema files of one name in different folders would write one generated file twice: an error naming both.
@Suite("Schema file names")
struct SchemaFileNameTests {
    @Test func twoFilesOfOneNameAreRefused() {
        let model = "model A {\n  id Int @id\n}\n"
        let result = Frontend.compile(name: "shop", files: [
            SourceFile(path: "schemas/shop/users.loom", text: model),
            SourceFile(path: "schemas/shop/old/users.loom", text: "model B {\n  id Int @id\n}\n"),
        ])
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "schemas/shop/users.loom:1:1: error[L021]: a second schema file named 'users.loom' (the first is schemas/shop/old/users.loom)\n"
                + "schemas/shop/users.loom:1:1: note: rename one of them: generated files are named after their schema file",
        ])
    }
}
