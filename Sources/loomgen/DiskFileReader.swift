import Foundation
import LoomCompiler

/// The generator's `FileReader` over the real file system.
struct DiskFileReader: FileReader {
    func entries(ofFolder path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    func text(ofFile path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `snapshot.json`: sorted keys, indented, ending in a newline, so the same tables always give the same bytes.
enum SnapshotJSON {
    static func decode(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }

    static func encode(_ snapshot: SchemaSnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(snapshot) + Data("\n".utf8)
    }
}

extension SchemaInputs {
    /// `<first folder input>/migrations`, or nil when the schema is given as files.
    var migrationsFolder: String? {
        for input in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                return (input as NSString).appendingPathComponent(MigrationScript.folderName)
            }
        }
        return nil
    }
}
