import Foundation
import LoomCompiler

/// The generator's `FileReader` over the disk, for the tests that read `schemas/` (the CLI has its own, as the test
/// target links only the library).
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
