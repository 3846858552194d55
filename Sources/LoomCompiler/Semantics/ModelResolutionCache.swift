/// The models an `AnalysisSession` resolved last time, by declaration and by what else `ModelResolver` reads (the
/// schema's model names, enums and key names, the file's name): an editor's next analysis after an edit resolves the
/// edited models again and reuses the rest. Resolving a model is a pure function of that key, so a hit is what a
/// fresh resolution would give. Not thread-safe: one analysis at a time uses it.
final class ModelResolutionCache: @unchecked Sendable {
    struct Context: Hashable {
        var modelNames: Set<String>
        var enums: [String: EnumType]
        var primaryKeyNames: [String: String]
    }

    private struct Key: Hashable {
        var declaration: ModelDeclaration
        var fileName: String
    }

    struct Entry {
        var model: Model
        var diagnostics: [Diagnostic]
        var pendingRelations: [PendingRelation]
        var pendingThroughRelations: [PendingThroughRelation]
    }

    private var context: Context?
    private var entries: [Key: Entry] = [:]
    private var used: [Key: Entry] = [:]
    /// How many models the last analysis resolved (the others came from the cache).
    private(set) var lastResolvedCount = 0

    /// Starts an analysis: entries made under another context are dropped.
    func begin(_ context: Context) {
        if self.context != context { entries = [:] }
        self.context = context
        used = [:]
        lastResolvedCount = 0
    }

    func entry(for declaration: ModelDeclaration, fileName: String, resolve: () -> Entry) -> Entry {
        let key = Key(declaration: declaration, fileName: fileName)
        if let entry = entries[key] {
            used[key] = entry
            return entry
        }
        lastResolvedCount += 1
        let entry = resolve()
        used[key] = entry
        return entry
    }

    /// Ends an analysis: only what it used is kept, so the cache holds one schema's models.
    func end() { entries = used }
}
