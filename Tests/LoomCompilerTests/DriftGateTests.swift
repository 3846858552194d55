import Foundation
@testable import LoomCompiler
import Testing

/// `loomgen check`'s drift gate over an in-memory package: committed generated code (`out/`) against the schema,
/// the manifest's version, and migrations. Exact findings, diffs and fixes.
@Suite("Drift gate")
struct DriftGateTests {
    static let schema = [SourceFile(path: "s/demo.loom", text: MigrationDiffTests.base)]
    static let commands = CheckCommands(
        format: "loomgen fmt s", generate: "loomgen generate s --output out", newMigration: { "loomgen migrate new \($0) s" })

    static func encode(_ snapshot: SchemaSnapshot) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try! encoder.encode(snapshot), as: UTF8.self) + "\n"
    }

    /// What `loomgen generate s --output out` writes, as committed files.
    static func committed() -> [String: String] {
        let output = Generator.run(schemaName: "demo", files: schema, migrationsFolder: nil, reader: InMemoryFileReader(files: [:]))
        return Dictionary(uniqueKeysWithValues: output.files.map { ("out/\($0.name)", $0.contents) })
    }

    static func check(_ files: [String: String], schema: [SourceFile] = schema, migrations: Bool = false) -> Generator.CheckReport {
        Generator.check(
            schemaName: "demo", files: schema, migrationsFolder: migrations ? "s/migrations" : nil, committedFolder: "out",
            reader: InMemoryFileReader(files: files, folders: migrations ? ["s/migrations"] : []),
            decodeSnapshot: GeneratorTests.decode, encodeSnapshot: encode, commands: commands)
    }

    @Test func committedOutputInStepPasses() {
        let report = Self.check(Self.committed())
        #expect(report.findings.isEmpty && report.exitStatus == 0)
        #expect(Self.committed().keys.sorted() == [
            "out/Post.model.swift", "out/User.model.swift", "out/demo.loom.swift", "out/loom-application.swift", "out/loom-manifest.json", "out/loom-openapi.swift",
            "out/loom-routes.swift", "out/loom-schema.swift", "out/openapi.json",
        ])
    }

    @Test func theManifestRecordsTheGeneratorAndTheFiles() {
        #expect(Self.committed()["out/loom-manifest.json"] == """
            {
              "generator": "loomgen",
              "version": "\(LoomVersion.current)",
              "schema": "demo",
              "sources": ["demo.loom"],
              "files": ["Post.model.swift", "User.model.swift", "demo.loom.swift", "loom-schema.swift", "loom-application.swift", "loom-routes.swift", "loom-openapi.swift", "openapi.json"]
            }

            """)
    }

    /// Upgrading loomgen alone changes the manifest's version and nothing else: not drift.
    @Test func aVersionOnlyChangePasses() {
        var files = Self.committed()
        files["out/loom-manifest.json"] = files["out/loom-manifest.json"]!
            .replacingOccurrences(of: "\"version\": \"\(LoomVersion.current)\"", with: "\"version\": \"0.0.1\"")
        #expect(GeneratedManifest.version(in: files["out/loom-manifest.json"]!) == "0.0.1")
        #expect(Self.check(files).exitStatus == 0)
        // No generated Swift names a version: the manifest is the only place it is written.
        #expect(Self.committed().filter { $0.value.contains(LoomVersion.current) }.keys.sorted() == ["out/loom-manifest.json"])
    }

    @Test func anEditedSchemaMakesTheCommittedCodeStale() {
        let edited = [SourceFile(path: "s/demo.loom", text: MigrationDiffTests.base.replacingOccurrences(
            of: "  age    Int?\n", with: "  age    Int?\n  phone  String(20)?\n"))]
        let report = Self.check(Self.committed(), schema: edited)
        #expect(report.exitStatus == 2)
        let stale = report.findings.filter { $0.code == .generatedFileOutOfDate }
        // The model's own file, not its source's: a file per model.
        #expect(stale.map(\.file) == [
            "out/User.model.swift", "out/loom-schema.swift", "out/loom-openapi.swift", "out/openapi.json",
        ])
        #expect(stale.allSatisfy { $0.fix == "loomgen generate s --output out" })
        let model = stale[0]
        #expect(model.description.hasPrefix("out/User.model.swift:") && model.description.hasSuffix(
            ": error[L090]: out of date: the schema now generates a different User.model.swift"))
        #expect(model.diff.hasPrefix("--- out/User.model.swift (committed)\n+++ out/User.model.swift (generated)\n@@ "))
        #expect(model.diff.contains("\n+    public var phone: String?\n"))
        // The finding points at the first line that differs.
        let lines = Self.committed()["out/User.model.swift"]!.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines[model.line - 1].contains("phone") && model.line > 3)
    }

    @Test func aMissingAndAStaleFileAreFindings() {
        var files = Self.committed()
        files["out/loom-routes.swift"] = nil
        files["out/old.loom.swift"] = "// Generated by loomgen from old.loom — do not edit.\n"
        files["out/Notes.swift"] = "// mine\n"
        let report = Self.check(files)
        #expect(report.findings.map(\.description) == [
            "out/loom-routes.swift:1:1: error[L091]: missing: the schema generates loom-routes.swift, which is not in out",
            "out/old.loom.swift:1:1: error[L092]: stale: loomgen wrote old.loom.swift, but the schema no longer generates it",
        ])
        #expect(report.findings[1].diff == "--- out/old.loom.swift (committed)\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-// Generated by loomgen from old.loom — do not edit.\n")
    }

    /// A committed folder that does not exist yet: every file is missing, each with the fix.
    @Test func aMissingFolderIsEveryFileMissing() {
        let report = Self.check([:])
        #expect(report.exitStatus == 2)
        #expect(report.findings.count == Self.committed().count && report.findings.allSatisfy { $0.code == .generatedFileMissing })
        #expect(report.findings.allSatisfy { $0.fix == "loomgen generate s --output out" })
    }

    /// In the manifest, a change past the version line is located on its own line, not on the version's.
    @Test func aManifestChangeIsLocatedPastTheVersion() {
        var files = Self.committed()
        files["out/loom-manifest.json"] = files["out/loom-manifest.json"]!
            .replacingOccurrences(of: "\"version\": \"\(LoomVersion.current)\"", with: "\"version\": \"0.0.1\"")
            .replacingOccurrences(of: "\"schema\": \"demo\"", with: "\"schema\": \"other\"")
        #expect(Self.check(files).findings.map(\.description) == ["out/loom-manifest.json:4:1: error[L090]: out of date: the schema now generates a different loom-manifest.json"])
    }

    @Test func tablesWithoutAMigrationAreAFinding() {
        let report = Self.check(Self.committed(), migrations: true)
        #expect(report.exitStatus == 2)
        #expect(report.findings.map(\.code) == [.migrationMissing])
        let finding = report.findings[0]
        #expect(finding.file == "s/migrations" && finding.fix == "loomgen migrate new init s")
        #expect(finding.message.hasPrefix("no migration for the schema's changes since the migrations (there is none yet): create table"))
        #expect(finding.diff.hasPrefix("--- (no migration)\n+++ the schema's tables\n"))
    }

    @Test func errorsComeFirstAndStopTheDriftChecks() {
        let broken = [SourceFile(path: "s/demo.loom", text: "model User {\nid Int @id\nname Strng\n}\n")]
        let report = Self.check([:], schema: broken)
        #expect(report.exitStatus == 1 && report.findings.isEmpty)
        #expect(report.diagnostics.map(\.code) == [.unknownType])
    }
}
