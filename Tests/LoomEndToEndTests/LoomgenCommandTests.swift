import Foundation
import TestSupport
import Testing

/// The `loomgen` binary as a user runs it, in temporary folders: `init` (and that it refuses a folder in use),
/// `scaffold` twice, and `check`'s drift gate — an edited schema exits 2 with a diff and the fix, the fix exits 0, and
/// a manifest from another loomgen version is not drift. (Building and serving what `init` writes is
/// scripts/test-tutorial.py's job: it follows docs/tutorial.md.)
@Suite("loomgen commands")
struct LoomgenCommandTests {
    struct Run: Sendable {
        var status: Int32
        var output: String
        var errors: String
    }

    static func loomgen(_ arguments: [String], in folder: URL) async throws -> Run {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.loomgenBinary)
            process.arguments = arguments
            process.currentDirectoryURL = folder
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            // Both read while it runs (a diff can fill a pipe), each to its end by a blocking read of its own. Not a
            // `readabilityHandler`: its Dispatch source could still watch the descriptor when the pipe closed it, and
            // the test process once crashed in Dispatch's event loop so.
            let errorText = OutputBuffer()
            let errorsRead = DispatchSemaphore(value: 0)
            try process.run()
            DispatchQueue.global().async {
                errorText.append(errors.fileHandleForReading.readDataToEndOfFile())
                errorsRead.signal()
            }
            let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            errorsRead.wait()
            return Run(status: process.terminationStatus, output: String(decoding: outputBytes, as: UTF8.self), errors: errorText.text)
        }
    }

    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "loomgen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func read(_ path: String, in folder: URL) throws -> String {
        try String(contentsOf: folder.appending(path: path), encoding: .utf8)
    }

    static func write(_ text: String, to path: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appending(path: path))
    }

    @Test func initWritesAPackageThatPassesItsCheckAndRefusesAFolderInUse() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try await Self.loomgen(["init", "shop", "--path", TestEnvironment.packageRoot.path], in: folder)
        #expect(created.status == 0, "\(created.errors)")
        let package = folder.appending(path: "shop")
        for path in [
            "Package.swift", "schemas/shop/notes.loom", "schemas/shop/migrations/0001_init/postgres.sql",
            "schemas/shop/migrations/0001_init/snapshot.json", "Sources/ShopServer/ShopServer.swift",
            "Sources/ShopServer/UseCases/ArchiveNote.swift", "Sources/ShopServer/Jobs/CountWords.swift",
            "Tests/ShopTests/ShopAPITests.swift", "Makefile", ".gitignore", ".ci/run", "README.md",
        ] {
            #expect(FileManager.default.fileExists(atPath: package.appending(path: path).path), "\(path) missing")
        }
        let manifest = try Self.read("Package.swift", in: package)
        #expect(manifest.contains(".package(path: \"\(TestEnvironment.packageRoot.path)\")"))
        #expect(manifest.contains(".plugin(name: \"LoomPlugin\", package: \"\(TestEnvironment.packageRoot.lastPathComponent)\")"))
        #expect(FileManager.default.isExecutableFile(atPath: package.appending(path: ".ci/run").path))
        // As created: formatted, migrated, every use case and job written.
        let check = try await Self.loomgen(["check", "schemas/shop"], in: package)
        #expect(check.status == 0, "\(check.errors)")
        // No committed output (the plugin generates under .build/): said, in one line, and not an error.
        #expect(check.errors == "note: committed output not checked: no Generated/shop/ here; pass --generated <folder> to check it\n")
        let scaffold = try await Self.loomgen(["scaffold", "schemas/shop", "--into", "Sources/ShopServer"], in: package)
        #expect(scaffold.output.hasPrefix("nothing to write"))

        let again = try await Self.loomgen(["init", "shop"], in: folder)
        #expect(again.status == 1)
        #expect(again.errors.contains("shop is not empty: loomgen init creates a package in a new or empty folder"))
        let badName = try await Self.loomgen(["init", "x", "--name", "9lives"], in: folder)
        #expect(badName.status == 1 && badName.errors.contains("'9lives' cannot name a package"))
        // Without --path: the published package.
        let published = try await Self.loomgen(["init", "other"], in: folder)
        #expect(published.status == 0)
        #expect(try Self.read("other/Package.swift", in: folder).contains(".package(url: \"https://github.com/loom-swift/loom-swift\", from: \""))
    }

    @Test func scaffoldWritesEachMissingStubOnceAndNeverOverwrites() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await Self.loomgen(["init", "app", "--path", TestEnvironment.packageRoot.path], in: folder)
        let package = folder.appending(path: "app")
        var schema = try Self.read("schemas/app/notes.loom", in: package)
        schema += """

            command Label {
              name  String(40)
            }

            usecase LabelNote(noteId: Int, body: Label) -> Note {
              load note = Note(noteId)
              check shortLabel(body.name) on name "too long"
            }

            callback ReportCount on failure of CountWords

            """
        try Self.write(schema, to: "schemas/app/notes.loom", in: package)
        try FileManager.default.createDirectory(at: package.appending(path: "Sources/AppServer/Callbacks"), withIntermediateDirectories: true)
        // A file of the stub's name that is the user's own: left alone.
        try Self.write("// mine\n", to: "Sources/AppServer/Callbacks/ReportCount.swift", in: package)

        let first = try await Self.loomgen(["scaffold", "schemas/app", "--into", "Sources/AppServer"], in: package)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output == """
            wrote Sources/AppServer/UseCases/LabelNote.swift (use case 'LabelNote')
            left alone: Sources/AppServer/Callbacks/ReportCount.swift exists but does not implement callback 'ReportCount'
            wrote Sources/AppServer/Checks/shortLabel.swift (check 'shortLabel')

            """)
        #expect(try Self.read("Sources/AppServer/Callbacks/ReportCount.swift", in: package) == "// mine\n")
        #expect(try Self.read("Sources/AppServer/UseCases/LabelNote.swift", in: package).contains(
            "throw LoomError.notImplemented(message: \"use case 'LabelNote' is not written yet\")"))

        try FileManager.default.removeItem(at: package.appending(path: "Sources/AppServer/Callbacks/ReportCount.swift"))
        let second = try await Self.loomgen(["scaffold", "schemas/app", "--into", "Sources/AppServer"], in: package)
        #expect(second.output == "wrote Sources/AppServer/Callbacks/ReportCount.swift (callback 'ReportCount')\n")
        let third = try await Self.loomgen(["scaffold", "schemas/app", "--into", "Sources/AppServer"], in: package)
        #expect(third.output == "nothing to write: every use case, job, callback and check of app is implemented in Sources/AppServer\n")

        // With the models in a target of their own (docs/client.md), each stub imports them.
        try FileManager.default.removeItem(at: package.appending(path: "Sources/AppServer/UseCases/LabelNote.swift"))
        let split = try await Self.loomgen(["scaffold", "schemas/app", "--into", "Sources/AppServer", "--models-module", "AppModels"], in: package)
        #expect(split.output == "wrote Sources/AppServer/UseCases/LabelNote.swift (use case 'LabelNote')\n", "\(split.errors)")
        let stub = try Self.read("Sources/AppServer/UseCases/LabelNote.swift", in: package)
        #expect(stub.hasPrefix("import LoomRuntime\nimport AppModels\n\n"), "\(stub)")
    }

    @Test func checkFailsOnDriftWithTheDiffAndTheFixThenPasses() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await Self.loomgen(["init", "app", "--path", TestEnvironment.packageRoot.path], in: folder)
        let package = folder.appending(path: "app")
        let generate = try await Self.loomgen(["generate", "schemas/app", "--output", "Generated/app"], in: package)
        #expect(generate.status == 0, "\(generate.errors)")
        let gate = ["check", "schemas/app", "--generated", "Generated/app"]
        #expect(try await Self.loomgen(gate, in: package).status == 0)

        // A version-only change: the manifest of another loomgen, the same code.
        let manifestPath = "Generated/app/loom-manifest.json"
        let manifest = try Self.read(manifestPath, in: package)
        try Self.write(
            manifest.replacing(#/"version": "[^"]+"/#, with: #""version": "0.0.1""#), to: manifestPath, in: package)
        let versionOnly = try await Self.loomgen(gate, in: package)
        #expect(versionOnly.status == 0 && versionOnly.errors.isEmpty, "\(versionOnly.errors)")

        // A new field: the committed code and the migrations are both behind.
        let schema = try Self.read("schemas/app/notes.loom", in: package)
        try Self.write(
            schema.replacingOccurrences(of: "  archived  Bool         @default(false)\n", with: "  archived  Bool         @default(false)\n  pinned    Bool         @default(false)\n"),
            to: "schemas/app/notes.loom", in: package)
        let drift = try await Self.loomgen(gate, in: package)
        #expect(drift.status == 2)
        // The model's own file (a file per model).
        #expect(drift.errors.contains("Generated/app/Note.model.swift:"))
        #expect(drift.errors.contains(": error[L090]: out of date: the schema now generates a different Note.model.swift\n--- Generated/app/Note.model.swift (committed)\n+++ Generated/app/Note.model.swift (generated)\n@@ "))
        #expect(drift.errors.contains("\n+    public var pinned: Bool\n"))
        #expect(drift.errors.contains("fix: loomgen generate schemas/app --output Generated/app\n"))
        #expect(drift.errors.contains("schemas/app/migrations/0001_init/snapshot.json:"))
        #expect(drift.errors.contains("error[L093]: no migration for the schema's changes since the last migration (0001_init): add column"))
        #expect(drift.errors.contains("fix: loomgen migrate new add_column_notes_pinned schemas/app\n"))
        #expect(drift.errors.hasSuffix("out of step with the schema (exit 2)\n"))

        // JSON for CI annotations: one object per finding.
        let json = try await Self.loomgen(gate + ["--format", "json"], in: package)
        #expect(json.status == 2)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        // In the order to run the fixes: the migration, then the generated code that embeds it.
        #expect(findings.map { $0["code"] as? String } == ["L093", "L090", "L090", "L090", "L090"])
        #expect(findings.allSatisfy { $0["file"] is String && $0["line"] is Int && $0["fix"] is String && $0["diff"] is String })

        // The fixes, exactly as printed: then the gate passes.
        #expect(try await Self.loomgen(["migrate", "new", "add_column_notes_pinned", "schemas/app"], in: package).status == 0)
        #expect(try await Self.loomgen(["generate", "schemas/app", "--output", "Generated/app"], in: package).status == 0)
        let fixed = try await Self.loomgen(gate, in: package)
        #expect(fixed.status == 0 && fixed.errors.isEmpty, "\(fixed.errors)")

        // Without --generated, Generated/<schema folder> is found by convention and checked.
        let routes = try Self.read("Generated/app/loom-routes.swift", in: package)
        try Self.write(routes + "// edited by hand\n", to: "Generated/app/loom-routes.swift", in: package)
        let conventional = try await Self.loomgen(["check", "schemas/app"], in: package)
        #expect(conventional.status == 2)
        #expect(conventional.errors.contains("error[L090]: out of date: the schema now generates a different loom-routes.swift"))
        #expect(conventional.errors.contains("fix: loomgen generate schemas/app --output Generated/app\n"))
        #expect(try await Self.loomgen(["generate", "schemas/app", "--output", "Generated/app"], in: package).status == 0)

        // A schema error exits 1, before any drift.
        try Self.write(schema + "model Broken {\n  id  Intt  @id\n}\n", to: "schemas/app/notes.loom", in: package)
        let broken = try await Self.loomgen(gate, in: package)
        #expect(broken.status == 1 && broken.errors.contains("error[L020]: unknown type 'Intt'"))
    }

    @Test func explainPrintsTheStepsOfAUseCaseAsTextAndJSON() async throws {
        let store = TestEnvironment.packageRoot
        let text = try await Self.loomgen(["explain", "schemas/store", "UpdateUser"], in: store)
        #expect(text.status == 0, "\(text.errors)")
        // The whole text and JSON are pinned by ExplainTests; here, that the command prints them.
        #expect(text.output.hasPrefix("usecase UpdateUser(userId: Int, body: UserChanges) -> User\n"))
        #expect(text.output.contains("\n  1. load user = User(userId) "))
        let json = try await Self.loomgen(["explain", "schemas/store", "RunRestockWorkflow", "--format", "json"], in: store)
        #expect(json.status == 0, "\(json.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["steps"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["require", "validateBody", "execute", "invoke", "dispatch"])

        let unknown = try await Self.loomgen(["explain", "schemas/store", "UpdateUsr"], in: store)
        #expect(unknown.status == 1)
        #expect(unknown.errors == "error: no use case 'UpdateUsr' in schema 'store'; did you mean 'UpdateUser'?\n")
    }
}
