import Foundation
import LoomCompiler
import LoomCompilerDisk

/// A schema folder's `migrations/` as last read from disk, and its snapshots as last decoded: the missing-migration
/// check runs on every analysis, and the folder changes only when a file is saved, opened or closed, the client says
/// a file changed, or the server writes a migration — when the workspace drops this reader.
final class CachedFileReader: FileReader {
    private let disk = DiskFileReader()
    private var entries: [String: [String]?] = [:]
    private var texts: [String: String?] = [:]
    private var snapshots: [String: SchemaSnapshot] = [:]

    func entries(ofFolder path: String) -> [String]? {
        if let cached = entries[path] { return cached }
        let read = disk.entries(ofFolder: path)
        entries[path] = .some(read)
        return read
    }

    func text(ofFile path: String) -> String? {
        if let cached = texts[path] { return cached }
        let read = disk.text(ofFile: path)
        texts[path] = .some(read)
        return read
    }

    /// `SnapshotJSON.decode`, once per text.
    func decodeSnapshot(_ text: String) throws -> SchemaSnapshot {
        if let decoded = snapshots[text] { return decoded }
        let decoded = try SnapshotJSON.decode(text)
        snapshots[text] = decoded
        return decoded
    }
}
