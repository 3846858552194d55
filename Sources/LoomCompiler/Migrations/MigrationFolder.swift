/// Reading a schema's `migrations/` folder: each subfolder `<number>_<name>` holds `postgres.sql`, `sqlite.sql` and
/// `snapshot.json`. Every problem is a diagnostic located at the offending folder or file, and all of them are
/// reported in one run, like the schema's own errors.
public enum MigrationFolder {
    /// One migration read from the folder.
    public struct Entry: Sendable, Hashable {
        /// `0001_init`: the subfolder's name.
        public var id: String
        /// The subfolder's path.
        public var path: String
        public var source: MigrationSource
    }

    /// The migrations of `folder`, in order, and what is wrong with it; none when the folder does not exist.
    /// Subfolders must be named `<number>_<name>` (L006) with unique numbers (L007) and hold both SQL files (L008).
    public static func load(_ folder: String, reader: some FileReader) -> (entries: [Entry], diagnostics: [Diagnostic]) {
        guard let names = reader.entries(ofFolder: folder) else { return ([], []) }
        var diagnostics: [Diagnostic] = []
        var ids: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && reader.isFolder(FilePath.join(folder, name)) {
            if MigrationScript.number(of: name) == nil {
                diagnostics.append(at(FilePath.join(folder, name), .invalidMigrationName,
                    "migration folder '\(name)' is not named <number>_<name>",
                    hint: "rename it like 0001_init; 'loomgen migrate new NAME DIR' writes the next one"))
            } else {
                ids.append(name)
            }
        }
        var entries: [Entry] = []
        var numbers: [Int: String] = [:]
        for id in MigrationScript.sorted(ids) {
            let path = FilePath.join(folder, id)
            let number = MigrationScript.number(of: id)!
            if let other = numbers[number] {
                diagnostics.append(at(path, .duplicateMigrationNumber, "migrations '\(other)' and '\(id)' have the same number",
                    hint: "renumber the one that is not applied anywhere yet"))
                continue
            }
            numbers[number] = id
            var texts: [SQLDialect: String] = [:]
            for dialect in SQLDialect.allCases {
                let file = MigrationScript.fileName(for: dialect)
                if let text = reader.text(ofFile: FilePath.join(path, file)) {
                    texts[dialect] = text
                } else {
                    diagnostics.append(missingFile(file, of: id, at: path))
                }
            }
            if let postgres = texts[.postgres], let sqlite = texts[.sqlite] {
                entries.append(Entry(id: id, path: path, source: MigrationSource(id: id, postgres: postgres, sqlite: sqlite)))
            }
        }
        return (entries, diagnostics)
    }

    /// The snapshot of the last migration (nil when there is none): what the schema is diffed against. Missing is
    /// L008; unreadable, or written by a newer loomgen, is L009. `decode` parses JSON (the CLI's Foundation).
    public static func lastSnapshot(
        _ entries: [Entry], reader: some FileReader, decode: (String) throws -> SchemaSnapshot
    ) -> (snapshot: SchemaSnapshot?, diagnostics: [Diagnostic]) {
        guard let last = entries.last else { return (nil, []) }
        let path = FilePath.join(last.path, MigrationScript.snapshotFileName)
        guard let text = reader.text(ofFile: path) else {
            return (nil, [missingFile(MigrationScript.snapshotFileName, of: last.id, at: last.path)])
        }
        let snapshot: SchemaSnapshot
        do {
            snapshot = try decode(text)
        } catch {
            return (nil, [at(path, .unreadableMigrationSnapshot, "the snapshot of migration '\(last.id)' cannot be read: \(error)",
                hint: "restore the file from version control; it records the tables the migration leads to")])
        }
        guard snapshot.format <= SchemaSnapshot.currentFormat else {
            return (nil, [at(path, .unreadableMigrationSnapshot,
                "the snapshot of migration '\(last.id)' has format \(snapshot.format); this loomgen reads up to \(SchemaSnapshot.currentFormat)",
                hint: "use the loomgen that wrote it, or a newer one")])
        }
        return (snapshot, [])
    }

    static func missingFile(_ file: String, of id: String, at folder: String) -> Diagnostic {
        at(FilePath.join(folder, file), .missingMigrationFile, "migration '\(id)' has no \(file)",
           hint: "a migration holds postgres.sql, sqlite.sql and snapshot.json; restore it from version control")
    }

    /// A diagnostic about a whole file or folder: at its first line.
    static func at(_ path: String, _ code: DiagnosticCode, _ message: String, hint: String) -> Diagnostic {
        let start = SourceLocation(line: 1, column: 1, offset: 0)
        return .error(code, message, at: SourceRange(file: path, start: start, end: start), hint: hint)
    }
}
