import Foundation
import LoomCompiler

/// Writes a new migration's files: `loomgen migrate new` and the language server's "write the migration" action.
public enum MigrationFiles {
    /// `NNNN_name/postgres.sql`, `sqlite.sql` and `snapshot.json` under `folder`; the paths written.
    public static func write(_ draft: Generator.MigrationDraft, into folder: String) throws -> [String] {
        let target = (folder as NSString).appendingPathComponent(draft.id)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var written: [String] = []
        for file in draft.files {
            let path = (target as NSString).appendingPathComponent(file.name)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        let snapshotPath = (target as NSString).appendingPathComponent(MigrationScript.snapshotFileName)
        try SnapshotJSON.encode(draft.snapshot).write(to: URL(fileURLWithPath: snapshotPath), options: .atomic)
        written.append(snapshotPath)
        return written
    }
}
