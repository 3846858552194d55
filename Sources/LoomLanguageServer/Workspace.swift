import Foundation
import LoomCompiler

/// The open documents and the schemas they belong to. A schema is the `.loom` files of one folder and its
/// subfolders, as `loomgen check FOLDER` reads them: the open documents' text as the editor has it, the others' as on
/// disk. Each schema keeps an `AnalysisSession`, so an edit re-parses the edited file only.
final class Workspace {
    struct Document {
        var uri: String
        var version: Int
        var lines: LineTable
    }

    /// One schema's latest analysis and what the features look things up in.
    final class Snapshot {
        let folder: String
        let analysis: Analysis
        let texts: [String: LineTable]
        private let indexCache: SchemaIndex.Cache
        private(set) lazy var index = SchemaIndex(files: analysis.files, cache: indexCache)

        init(folder: String, analysis: Analysis, texts: [String: LineTable], indexCache: SchemaIndex.Cache) {
            self.folder = folder
            self.analysis = analysis
            self.texts = texts
            self.indexCache = indexCache
        }
    }

    private(set) var documents: [String: Document] = [:]
    /// Per folder: the texts of its files on disk (re-read when a file is opened, closed or saved, or the editor says
    /// a file changed).
    private var disk: [String: [String: String]] = [:]
    private var sessions: [String: AnalysisSession] = [:]
    private var indexCaches: [String: SchemaIndex.Cache] = [:]
    /// Per folder, its `migrations/` as last read (dropped whenever the folder is read again).
    private var migrationsReaders: [String: CachedFileReader] = [:]
    /// Line tables of files on disk, kept while their text is unchanged.
    private var diskTables: [String: LineTable] = [:]
    private var snapshots: [String: Snapshot] = [:]
    /// Folders edited since their last analysis.
    private(set) var stale: Set<String> = []
    /// Analyses replaced by newer ones, freed once the newer one's diagnostics are out (freeing a schema's syntax and
    /// IR takes milliseconds an edit's diagnostics need not wait for).
    private var retired: [Snapshot] = []

    func releaseRetired() { retired.removeAll() }

    // MARK: Documents

    func open(uri: String, version: Int, text: String) {
        let path = Self.path(of: uri)
        documents[path] = Document(uri: uri, version: version, lines: LineTable(text))
        rereadDisk(Self.folder(of: path))
    }

    func change(uri: String, version: Int?, changes: [TextDocumentContentChangeEvent]) {
        let path = Self.path(of: uri)
        guard var document = documents[path] else { return }
        for change in changes {
            let text = change.range.map { document.lines.replacing($0, with: change.text) } ?? change.text
            document.lines = LineTable(text)
        }
        if let version { document.version = version }
        documents[path] = document
        stale.insert(Self.folder(of: path))
    }

    func close(uri: String) {
        let path = Self.path(of: uri)
        documents[path] = nil
        rereadDisk(Self.folder(of: path))
    }

    /// A file changed on disk (saved, created or deleted outside the editor).
    /// The folder read again, when it is one the server has open.
    @discardableResult
    func diskChanged(uri: String) -> String? {
        let folder = Self.folder(of: Self.path(of: uri))
        guard disk[folder] != nil else { return nil }
        rereadDisk(folder)
        return folder
    }

    func document(uri: String) -> Document? { documents[Self.path(of: uri)] }

    /// At most this many entries are looked at under a folder: a file opened in `/` or a home folder must not make
    /// the server walk the disk.
    static let walkLimit = 20_000

    private func rereadDisk(_ folder: String) {
        var texts: [String: String] = [:]
        // A document that is no file (`untitled:…`) is a schema of its own.
        if folder.hasPrefix("/"), let walker = FileManager.default.enumerator(atPath: folder) {
            var seen = 0
            for case let relative as String in walker {
                seen += 1
                if seen > Self.walkLimit { break }
                let name = relative.split(separator: "/").last ?? ""
                // Build output, dependencies and hidden folders hold no schema of this folder.
                if name.hasPrefix(".") || name == "node_modules" {
                    walker.skipDescendants()
                    continue
                }
                guard relative.hasSuffix(".loom") else { continue }
                let path = folder + "/" + relative
                if let data = FileManager.default.contents(atPath: path) { texts[path] = String(decoding: data, as: UTF8.self) }
            }
        }
        disk[folder] = texts
        migrationsReaders[folder] = nil
        stale.insert(folder)
    }

    func migrationsReader(folder: String) -> CachedFileReader {
        if let reader = migrationsReaders[folder] { return reader }
        let reader = CachedFileReader()
        migrationsReaders[folder] = reader
        return reader
    }

    // MARK: Analysis

    /// The folder's analysis, redone first if anything in it changed.
    func snapshot(folder: String) -> Snapshot {
        if let snapshot = snapshots[folder], !stale.contains(folder) { return snapshot }
        var texts: [String: String] = disk[folder] ?? [:]
        for (path, document) in documents where Self.folder(of: path) == folder || (folder.hasPrefix("/") && path.hasPrefix(folder == "/" ? "/" : folder + "/")) {
            texts[path] = document.lines.text
        }
        let files = texts.map { SourceFile(path: $0.key, text: $0.value) }
        let session = sessions[folder] ?? AnalysisSession()
        sessions[folder] = session
        let name = folder.hasPrefix("/") ? URL(fileURLWithPath: folder).lastPathComponent : "untitled"
        var analysis = session.analyze(name: name, files: files)
        analysis.diagnostics += LanguageServer.migrationDiagnostics(folder: folder, analysis: analysis, reader: migrationsReader(folder: folder))
        var tables: [String: LineTable] = [:]
        for (path, text) in texts {
            if let lines = documents[path]?.lines {
                tables[path] = lines
            } else if let lines = diskTables[path], lines.text == text {
                tables[path] = lines
            } else {
                tables[path] = LineTable(text)
                diskTables[path] = tables[path]
            }
        }
        let indexCache = indexCaches[folder] ?? SchemaIndex.Cache()
        indexCaches[folder] = indexCache
        let snapshot = Snapshot(folder: folder, analysis: analysis, texts: tables, indexCache: indexCache)
        if let old = snapshots[folder] { retired.append(old) }
        snapshots[folder] = snapshot
        stale.remove(folder)
        return snapshot
    }

    /// Forgets the folder's analysis and disk contents (after the server wrote into it).
    func invalidate(folder: String) { rereadDisk(folder) }


    /// The URI to name `path` by: the editor's own for an open document.
    func uri(of path: String) -> String { documents[path]?.uri ?? URL(fileURLWithPath: path).absoluteString }

    // MARK: Paths

    static func path(of uri: String) -> String {
        guard let url = URL(string: uri), url.isFileURL else { return uri }
        return url.standardizedFileURL.path
    }

    /// The schema folder of a file: the folder it is in; a document that is no file is its own.
    static func folder(of path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }
}
