import ArgumentParser
import Foundation
import LoomCompiler
import LoomCompilerDisk

/// `loomgen init DIR [--name N] [--path CHECKOUT]`: a new package that builds, serves and passes its test — a
/// schema with a model, a resource, a use case and a job, their Swift, its first migration, a test that runs the real
/// server, a Makefile, CI and a README. Refuses a folder that has anything in it (but `.git`).
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new Loom package in an empty folder.")

    @Argument(help: "The folder to create the package in (created if missing; must be empty).")
    var directory: String

    @Option(help: "The package's name: letters, digits, - and _, starting with a letter (default: the folder's name).")
    var name: String?

    @Option(help: ArgumentHelp(
        "A local checkout of Loom for Swift to depend on (default: \(LoomVersion.repositoryURL), from \(LoomVersion.current)).",
        valueName: "checkout"))
    var path: String?

    func run() throws {
        let folder = URL(fileURLWithPath: directory).standardized
        let project = try ProjectTemplate(
            name: name ?? folder.lastPathComponent, loom: try dependency())
        let manager = FileManager.default
        if let entries = try? manager.contentsOfDirectory(atPath: folder.path), !entries.filter({ $0 != ".git" }).isEmpty {
            throw InitError("\(directory) is not empty: loomgen init creates a package in a new or empty folder")
        }
        let migration = try firstMigration(of: project)
        var written: [String] = []
        for (relative, contents) in project.files() {
            let file = folder.appending(path: relative)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file, options: .withoutOverwriting)
            if relative.hasPrefix(".ci/") {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            }
            written.append(relative)
        }
        // Written as `loomgen migrate new init` writes a migration.
        let migrations = "schemas/\(project.schemaName)/\(MigrationScript.folderName)"
        for path in try MigrationFiles.write(migration, into: folder.appending(path: migrations).path) {
            written.append(migrations + "/" + path.split(separator: "/").suffix(2).joined(separator: "/"))
        }
        print("created \(project.packageName) in \(directory):")
        for relative in written { print("  \(relative)") }
        print("""
            next:
              cd \(ShellWords.quoted(directory))
              make run     # serves http://127.0.0.1:8000 on SQLite (the first build takes a few minutes)
              make test    # the schema's check, then the tests
            """)
    }

    /// Loom for Swift, as the new package's `Package.swift` names it.
    func dependency() throws -> ProjectTemplate.Dependency {
        guard let path else { return .url(LoomVersion.repositoryURL, from: LoomVersion.current) }
        let checkout = URL(fileURLWithPath: path).standardized
        guard FileManager.default.fileExists(atPath: checkout.appending(path: "Package.swift").path) else {
            throw InitError("--path \(path): no Package.swift there (give the folder of a Loom for Swift checkout)")
        }
        return .path(checkout.path)
    }

    /// `0001_init`: the tables of the first schema.
    func firstMigration(of project: ProjectTemplate) throws -> Generator.MigrationDraft {
        let schema = SourceFile(path: project.schemaPath, text: project.schema)
        let state = Generator.migrationState(
            schemaName: project.schemaName, files: [schema], migrationsFolder: nil, reader: DiskFileReader(),
            decodeSnapshot: SnapshotJSON.decode)
        guard case .write(let draft) = Generator.newMigration(named: "init", schemaName: project.schemaName, state: state, empty: false)
        else { throw InitError("the starter schema does not compile: \(state.diagnostics.map(\.description))") }
        return draft
    }
}
