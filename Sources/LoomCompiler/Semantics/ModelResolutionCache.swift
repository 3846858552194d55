/// The models an `AnalysisSession` resolved last time, per file: an editor's next analysis after an edit resolves
/// the models of the re-parsed file again and reuses the others. Resolving a model reads its declaration, its file's
/// name and the schema's model names, enums and key names (the context); a file's entries go when the file is parsed
/// again, all of them when the context changes, so a hit is what a fresh resolution would give. Keyed by file and
/// position rather than by declaration: hashing a declaration costs about what resolving it does.
/// Not thread-safe: one analysis at a time uses it.
final class ModelResolutionCache: @unchecked Sendable {
    struct Context: Equatable {
        var modelNames: Set<String>
        var enums: [String: EnumType]
        var primaryKeyNames: [String: String]
    }

    struct Entry {
        var model: Model
        var diagnostics: [Diagnostic]
        var pendingRelations: [PendingRelation]
        var pendingThroughRelations: [PendingThroughRelation]
    }

    private var context: Context?
    /// Per file path, its models' entries in declaration order.
    private var files: [String: [Entry]] = [:]
    /// How many models the last analysis resolved (the others came from the cache).
    private(set) var lastResolvedCount = 0

    /// The file was parsed again: its models are resolved again.
    func invalidate(_ path: String) { files[path] = nil }

    /// Starts an analysis of the schema made of `paths`: entries made under another context, or of files no longer
    /// in the schema, are dropped.
    func begin(_ context: Context, paths: Set<String>) {
        if self.context != context { files = [:] }
        self.context = context
        files = files.filter { paths.contains($0.key) }
        lastResolvedCount = 0
    }

    /// The `ordinal`th model declaration of the file at `path`; ordinals of one file come in order.
    func entry(path: String, ordinal: Int, resolve: () -> Entry) -> Entry {
        if let entries = files[path], ordinal < entries.count { return entries[ordinal] }
        lastResolvedCount += 1
        let entry = resolve()
        files[path, default: []].append(entry)
        return entry
    }
}
