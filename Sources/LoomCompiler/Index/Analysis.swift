/// What an editor needs of a schema after each edit: every file's syntax, every diagnostic and the resolved schema
/// *even when there are errors* (built from what could be resolved), and an index of names for hover, definition,
/// references and rename. `Frontend.compile` is the same analysis for the generator, which drops a schema with
/// errors.
public struct Analysis: Sendable {
    public var name: String
    /// In schema order (by file name).
    public var files: [SourceFileSyntax]
    /// Partial when `diagnostics` has errors: a declaration that failed to resolve is missing from it.
    public var schema: ResolvedSchema
    /// In display order.
    public var diagnostics: [Diagnostic]

    public func syntax(of path: String) -> SourceFileSyntax? { files.first { $0.file.path == path } }
}

/// Analyses one schema again and again as its files change, parsing again only the files whose text changed and
/// resolving again only the models that changed (or all, when a model's name, key or an enum changed): an editor's
/// keystroke re-parses one file, then checks the whole schema with the other models as they were.
/// Not thread-safe: one owner (the language server's loop) uses it.
public final class AnalysisSession {
    private struct Parsed {
        var text: String
        var syntax: SourceFileSyntax
        var diagnostics: [Diagnostic]
    }

    private var parsed: [String: Parsed] = [:]
    private let models = ModelResolutionCache()
    /// How many files the last `analyze` parsed (the others came from the cache), for tests and the benchmark.
    public private(set) var lastParseCount = 0
    /// How many models the last `analyze` resolved (the others, unchanged and in an unchanged schema, came from the
    /// cache).
    public var lastResolvedModelCount: Int { models.lastResolvedCount }

    public init() {}

    public func analyze(name: String, files: [SourceFile]) -> Analysis {
        let ordered = Frontend.schemaOrder(files)
        var fresh: [String: Parsed] = [:]
        lastParseCount = 0
        for file in ordered {
            if let cached = parsed[file.path], cached.text == file.text {
                fresh[file.path] = cached
            } else {
                let result = Parser.parse(file)
                fresh[file.path] = Parsed(text: file.text, syntax: result.syntax, diagnostics: result.diagnostics)
                models.invalidate(file.path)
                lastParseCount += 1
            }
        }
        parsed = fresh
        let syntaxes = ordered.compactMap { fresh[$0.path] }
        return Frontend.analyze(
            name: name, files: ordered, syntaxes: syntaxes.map(\.syntax), parseDiagnostics: syntaxes.flatMap(\.diagnostics),
            models: models)
    }
}
