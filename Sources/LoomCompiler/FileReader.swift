/// What the generator reads besides the `.loom` sources: the `migrations/` folder. Injected, so the library needs no
/// Foundation, and the CLI (the disk) and the tests (`InMemoryFileReader`) run the very same folder rules.
public protocol FileReader {
    /// The names of a folder's entries (files and folders; no `.`, `..`), or nil when `path` is not a folder.
    func entries(ofFolder path: String) -> [String]?
    /// A file's text, or nil when `path` is not a readable file.
    func text(ofFile path: String) -> String?
}

extension FileReader {
    public func isFolder(_ path: String) -> Bool { entries(ofFolder: path) != nil }
}

/// Paths as the CLI passes them: `/`-separated.
enum FilePath {
    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

/// A tree of files held in memory, for tests: folders are implied by the files' paths, and `folders` adds empty ones.
public struct InMemoryFileReader: FileReader, Sendable {
    public var files: [String: String]
    public var folders: Set<String>

    public init(files: [String: String], folders: Set<String> = []) {
        self.files = files
        self.folders = folders
    }

    public func entries(ofFolder path: String) -> [String]? {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var names = Set<String>()
        var exists = folders.contains(path)
        for candidate in Array(files.keys) + Array(folders) where candidate.hasPrefix(prefix) {
            exists = true
            if let name = candidate.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return exists ? names.sorted() : nil
    }

    public func text(ofFile path: String) -> String? { files[path] }
}
