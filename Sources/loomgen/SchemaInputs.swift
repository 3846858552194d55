import ArgumentParser
import Foundation
import LoomCompiler

/// The schema a command works on: one or more folders and/or `.loom` files, read as one schema.
struct SchemaInputs: ParsableArguments {
    @Argument(help: "Schema folders (every .loom file inside, recursively) or .loom files.")
    var inputs: [String]

    @Option(help: "The schema's name (default: the first folder's name, or the first file's folder's name).")
    var name: String?

    func load() throws -> (name: String, files: [SourceFile]) {
        var paths: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(input)")
            }
            if isDirectory.boolValue {
                paths += try Self.loomFiles(in: input)
            } else {
                paths.append(input)
            }
        }
        var seen = Set<String>()
        var files: [SourceFile] = []
        for path in paths.sorted() where seen.insert(URL(fileURLWithPath: path).standardized.path).inserted {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            files.append(SourceFile(path: path, text: String(decoding: data, as: UTF8.self)))
        }
        if files.isEmpty { throw ValidationError("no .loom files in \(inputs.joined(separator: ", "))") }
        return (name ?? defaultName(), files)
    }

    private func defaultName() -> String { folderName }

    /// The first folder's name, or the first file's folder's name: `store` for `schemas/store`.
    var folderName: String {
        let first = URL(fileURLWithPath: inputs[0]).standardized
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first.path, isDirectory: &isDirectory)
        return isDirectory.boolValue ? first.lastPathComponent : first.deletingLastPathComponent().lastPathComponent
    }

    static func loomFiles(in folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw ValidationError("cannot list \(folder)")
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".loom") }.map { base + $0 }.sorted()
    }
}
