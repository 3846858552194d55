import Foundation
import LoomCompiler

/// The generator's `FileReader` over the real file system (for loomgen and the language server; the compiler
/// library itself does without Foundation).
public struct DiskFileReader: FileReader {
    public init() {}

    public func entries(ofFolder path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func text(ofFile path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `snapshot.json`: sorted keys, indented, ending in a newline, so the same tables always give the same bytes.
public enum SnapshotJSON {
    public static func decode(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }

    public static func encode(_ snapshot: SchemaSnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(snapshot) + Data("\n".utf8)
    }
}
