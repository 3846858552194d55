import ArgumentParser
import Foundation
import LoomCompiler

/// `loomgen migrate new NAME DIR`: versioned SQL migrations in the schema folder's `migrations/` (docs/migrations.md).
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Versioned SQL migrations (in the schema folder's migrations/).",
        subcommands: [New.self]
    )

    /// `loomgen migrate new NAME DIR`: diffs the schema against the last migration's snapshot and writes the next
    /// migration, `migrations/NNNN_NAME/{postgres.sql,sqlite.sql,snapshot.json}`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the next migration: the SQL from the last migration's snapshot to the schema, per dialect.",
            discussion: "Destructive steps are flagged with a -- DESTRUCTIVE: comment in the SQL and listed here."
        )

        @Argument(help: "The migration's name (init, add_phone, …): the folder is NNNN_name.")
        var migrationName: String

        @OptionGroup var schema: SchemaInputs

        @Flag(help: "Write the current snapshot and SQL files with no statements, to write by hand.")
        var empty = false

        func run() throws {
            let (name, files) = try schema.load()
            let result = Frontend.compile(name: name, files: files)
            DiagnosticPrinter.print(result.diagnostics, files: files, format: .text)
            guard let resolved = result.schema else { throw ExitCode(1) }
            guard let folder = MigrationFiles.folder(for: schema.inputs) else {
                throw ValidationError("migrations live in a schema folder: pass the folder, not files")
            }
            let existing = try MigrationFiles.load(folder)
            let previous = try MigrationFiles.lastSnapshot(existing)
            guard let id = MigrationScript.nextID(after: existing.last?.id, name: migrationName) else {
                throw ValidationError("'\(migrationName)' is not a usable migration name: use letters, digits and underscores")
            }
            let current = SchemaSnapshot(resolved)
            let plan = empty ? MigrationPlan() : MigrationDiff.plan(from: previous ?? .empty, to: current)
            if !plan.unsupported.isEmpty {
                var text = "error: loomgen cannot write SQL for:\n"
                for item in plan.unsupported { text += "  \(item)\n" }
                text += "write this migration by hand: loomgen migrate new \(migrationName) \(schema.inputs.joined(separator: " ")) --empty\n"
                FileHandle.standardError.write(Data(text.utf8))
                throw ExitCode(1)
            }
            if plan.isEmpty && !empty {
                let since = existing.last.map { "since \($0.id)" } ?? "(the schema has no tables)"
                print("no changes \(since): nothing written")
                return
            }
            let target = (folder as NSString).appendingPathComponent(id)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            var written: [String] = []
            for dialect in SQLDialect.allCases {
                let path = (target as NSString).appendingPathComponent(MigrationScript.fileName(for: dialect))
                try Data(plan.script(for: dialect, id: id, schemaName: name).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                written.append(path)
            }
            let snapshotPath = (target as NSString).appendingPathComponent(MigrationScript.snapshotFileName)
            try MigrationFiles.encode(current).write(to: URL(fileURLWithPath: snapshotPath), options: .atomic)
            written.append(snapshotPath)
            for path in written { print("wrote \(path)") }
            if empty {
                print("empty migration \(id): write its SQL by hand (the snapshot is the schema as it is now)")
                return
            }
            print("changes:")
            for change in plan.changes { print("  \(change)") }
            let destructive = plan.destructiveChanges.count
            print("\(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s"), \(destructive) destructive"
                + (destructive > 0 ? ": review the SQL (-- DESTRUCTIVE: comments) before it is applied" : ""))
        }
    }
}

/// Reading and writing `migrations/`.
enum MigrationFiles {
    struct Entry {
        var id: String
        var path: String
        var source: MigrationSource
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `<first folder input>/migrations`, or nil when the schema is given as files.
    static func folder(for inputs: [String]) -> String? {
        for input in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                return (input as NSString).appendingPathComponent(MigrationScript.folderName)
            }
        }
        return nil
    }

    /// Whether the schema uses migrations: its folder has a `migrations/` folder.
    static func inUse(_ folder: String?) -> Bool {
        guard let folder else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Every migration of the folder, in order (none when it does not exist). Each subfolder must be named
    /// `<number>_<name>`, numbers must be unique, and each must hold both SQL files.
    static func load(_ folder: String) throws -> [Entry] {
        guard inUse(folder) else { return [] }
        let manager = FileManager.default
        var ids: [String] = []
        for name in try manager.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let path = (folder as NSString).appendingPathComponent(name)
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard MigrationScript.number(of: name) != nil else {
                throw Failure(description: "\(path): a migration folder is named <number>_<name>, like 0001_init")
            }
            ids.append(name)
        }
        var entries: [Entry] = []
        var numbers: [Int: String] = [:]
        for id in MigrationScript.sorted(ids) {
            let number = MigrationScript.number(of: id)!
            if let other = numbers[number] {
                throw Failure(description: "\(folder): migrations \(other) and \(id) have the same number: renumber the one not applied yet")
            }
            numbers[number] = id
            let path = (folder as NSString).appendingPathComponent(id)
            func read(_ file: String) throws -> String {
                let filePath = (path as NSString).appendingPathComponent(file)
                guard let data = manager.contents(atPath: filePath) else {
                    throw Failure(description: "\(filePath): missing (a migration has postgres.sql, sqlite.sql and snapshot.json)")
                }
                return String(decoding: data, as: UTF8.self)
            }
            let source = MigrationSource(
                id: id, postgres: try read(MigrationScript.fileName(for: .postgres)), sqlite: try read(MigrationScript.fileName(for: .sqlite)))
            entries.append(Entry(id: id, path: path, source: source))
        }
        return entries
    }

    /// The snapshot of the last migration; nil when there is none.
    static func lastSnapshot(_ entries: [Entry]) throws -> SchemaSnapshot? {
        guard let last = entries.last else { return nil }
        let path = (last.path as NSString).appendingPathComponent(MigrationScript.snapshotFileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): missing; every migration records the schema's tables it leads to")
        }
        do {
            let snapshot = try JSONDecoder().decode(SchemaSnapshot.self, from: data)
            guard snapshot.format <= SchemaSnapshot.currentFormat else {
                throw Failure(description: "\(path): written by a newer loomgen (format \(snapshot.format))")
            }
            return snapshot
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "\(path): not a snapshot: \(error)")
        }
    }

    /// Sorted keys, indented, ending in a newline: the same tables always give the same bytes.
    static func encode(_ snapshot: SchemaSnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(snapshot) + Data("\n".utf8)
    }
}
