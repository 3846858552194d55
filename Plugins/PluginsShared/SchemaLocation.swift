import Foundation
import PackagePlugin

// Shared by the build plugin (LoomPlugin) and the command plugin (LoomGenerateCommand) through a symbolic link in
// each plugin's folder: plugins cannot depend on a library target.

struct SchemaNotFound: Error, CustomStringConvertible {
    var target: String

    var description: String {
        "LoomPlugin: target '\(target)' uses the Loom plugin but has no schema: add .loom files to the target, or a "
            + "folder schemas/\(target.lowercased())/ (or .loom files in schemas/) at the package root"
    }
}

struct SchemaLocation {
    var name: String
    /// What loomgen is given: the schema folder, or the target's own files.
    var arguments: [String]
    var files: [URL]
    /// Migration scripts, embedded in the generated code: inputs, but without outputs of their own.
    var migrationFiles: [URL] = []
    /// Folders whose listing is an input too, so adding or removing a file re-runs loomgen.
    var folders: [URL] = []
    /// Whether the schema is the target's own `.loom` files (rule 1), rather than a schema of the package's `schemas/`.
    var isInTarget = false

    static func find(for target: SourceModuleTarget, packageDirectory: URL) throws -> SchemaLocation? {
        let own = target.sourceFiles(withSuffix: "loom").map(\.url).sorted { $0.path < $1.path }
        if !own.isEmpty {
            // Named after the target; a `…Models` or `…Client` target shares its schema's name with the server's.
            var name = target.name
            for suffix in ["Models", "Client"] where name.hasSuffix(suffix) && name.count > suffix.count { name.removeLast(suffix.count) }
            return SchemaLocation(name: name, arguments: own.map(\.path), files: own, isInTarget: true)
        }
        let schemas = packageDirectory.appending(path: "schemas")
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: schemas.path) else { return nil }
        let wanted = candidateKeys(for: target.name)
        for entry in entries.sorted() where wanted.contains(key(entry)) {
            let folder = schemas.appending(path: entry)
            let files = loomFiles(in: folder)
            if !files.isEmpty {
                // Migrations (`migrations/NNNN_name/*.sql`) are embedded in the generated code: watch them too.
                let migrations = folder.appending(path: "migrations")
                let migrationFiles = Self.files(in: migrations, withSuffix: ".sql")
                let migrationFolders = Self.subfolders(of: migrations)
                return SchemaLocation(
                    name: entry, arguments: [folder.path], files: files, migrationFiles: migrationFiles,
                    folders: [folder] + migrationFolders)
            }
        }
        let rootFiles = entries.sorted().filter { $0.hasSuffix(".loom") }.map { schemas.appending(path: $0) }
        if !rootFiles.isEmpty {
            return SchemaLocation(name: packageDirectory.lastPathComponent, arguments: rootFiles.map(\.path), files: rootFiles)
        }
        return nil
    }

    /// What SwiftPM should watch. Files inside the target: themselves. Files outside it (a `schemas/` folder): their
    /// folders, whose listing changes when a file is added, removed or saved by rename, plus a hard link to each file,
    /// which shares the file's modification time through in-place edits but, unlike the file's own path, survives
    /// the file's deletion. SwiftPM does not re-plan for changes outside targets, and a planned input that has
    /// disappeared is a build error ("missing inputs"); the links avoid that. Where a link cannot be made (another
    /// file system), the file itself is watched. Known gap: once a file has been replaced by rename (which the
    /// folder input catches), its link points at the old file, so a later *in-place* edit of it is seen only when
    /// SwiftPM next plans (any change to the package's targets or manifest). Keeping schemas in the target avoids it.
    func trackedInputs(linkingInto linkFolder: URL) -> [URL] {
        guard !folders.isEmpty else { return files }
        let manager = FileManager.default
        try? manager.removeItem(at: linkFolder)
        try? manager.createDirectory(at: linkFolder, withIntermediateDirectories: true)
        let links = (files + migrationFiles).enumerated().map { index, file in
            let link = linkFolder.appending(path: "\(index)-\(file.lastPathComponent)")
            return (try? manager.linkItem(at: file, to: link)) != nil ? link : file
        }
        return folders + links
    }

    static func key(_ name: String) -> String {
        name.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    static func candidateKeys(for targetName: String) -> Set<String> {
        let full = key(targetName)
        var keys: Set<String> = [full]
        for suffix in ["server", "app", "api", "models", "client"] where full.hasSuffix(suffix) && full.count > suffix.count {
            keys.insert(String(full.dropLast(suffix.count)))
        }
        return keys
    }

    static func loomFiles(in folder: URL) -> [URL] {
        files(in: folder, withSuffix: ".loom")
    }

    static func files(in folder: URL, withSuffix suffix: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.sorted().map { folder.appending(path: $0) }
    }

    /// The folder itself and every folder below it, when it exists.
    static func subfolders(of folder: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        let nested = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        return [folder] + nested.sorted().map { folder.appending(path: $0) }
    }
}

extension SchemaLocation {
    /// The models the schema's files declare, by a line scan for `model Name` (the plugin cannot run loomgen while
    /// SwiftPM plans, and must name every output then). A scan that is wrong costs nothing but a file: a model it
    /// misses is written into its source's output, a name it finds that is no model gets a header-only file.
    func modelNames() -> [String] {
        files.flatMap { file -> [String] in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard words.count >= 2, words[0] == "model" else { return nil }
                let name = words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                return name.first?.isLetter == true ? String(name) : nil
            }
        }
    }
}
