/// The compiler's front door: source files in, a resolved schema (when there are no errors) and every diagnostic out.
public enum Frontend {
    public struct Result: Sendable {
        /// Present when there are no errors.
        public var schema: ResolvedSchema?
        /// Every diagnostic, in display order.
        public var diagnostics: [Diagnostic]

        public init(schema: ResolvedSchema?, diagnostics: [Diagnostic]) {
            self.schema = schema
            self.diagnostics = diagnostics
        }
    }

    /// Lexes, parses and checks `files` as one schema called `name`. Never traps, whatever the input.
    public static func compile(name: String, files: [SourceFile]) -> Result {
        let analysis = analyze(name: name, files: files)
        return Result(schema: analysis.diagnostics.hasErrors ? nil : analysis.schema, diagnostics: analysis.diagnostics)
    }

    /// Lexes, parses and checks `files` as one schema, keeping the schema resolved so far even when there are errors
    /// (for an editor; `AnalysisSession` does the same, parsing only the files that changed).
    public static func analyze(name: String, files: [SourceFile]) -> Analysis {
        let ordered = schemaOrder(files)
        let parsed = ordered.map { Parser.parse($0) }
        return analyze(name: name, files: ordered, syntaxes: parsed.map(\.syntax), parseDiagnostics: parsed.flatMap(\.diagnostics))
    }

    /// Sorted so that output and "first declared" never depend on the order the files were listed in.
    static func schemaOrder(_ files: [SourceFile]) -> [SourceFile] {
        files.sorted { ($0.fileName, $0.path) < ($1.fileName, $1.path) }
    }

    /// `files` in schema order and their syntax trees.
    static func analyze(
        name: String, files: [SourceFile], syntaxes: [SourceFileSyntax], parseDiagnostics: [Diagnostic],
        models: ModelResolutionCache? = nil
    ) -> Analysis {
        // Checked even after syntax errors: the parser recovers, so semantic errors elsewhere are still worth
        // reporting in the same run.
        let checked = Checker.check(name: name, files: syntaxes, models: models)
        let diagnostics = parseDiagnostics + checked.diagnostics + duplicateFileNames(files)
        return Analysis(name: name, files: syntaxes, schema: checked.schema, diagnostics: diagnostics.sortedForDisplay())
    }

    /// Generated files are named after their schema file (`users.loom` → `users.loom.swift`), so two schema files of
    /// one name in different folders would write one output twice (L021, on the second); so would two names that
    /// differ only in case, on the file systems of macOS and Windows.
    static func duplicateFileNames(_ files: [SourceFile]) -> [Diagnostic] {
        var first: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for file in files {
            guard let earlier = first[file.fileName.lowercased()] else {
                first[file.fileName.lowercased()] = file.path
                continue
            }
            let start = SourceLocation(line: 1, column: 1, offset: 0)
            diagnostics.append(.error(
                .duplicateDeclaration, "a second schema file named '\(file.fileName)' (the first is \(earlier))",
                at: SourceRange(file: file.path, start: start, end: start),
                hint: "rename one of them: generated files are named after their schema file"
            ))
        }
        return diagnostics
    }

    /// The syntax tree of one file and its lexical and syntax diagnostics, for tools such as a formatter.
    public static func parse(_ file: SourceFile) -> (syntax: SourceFileSyntax, diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(file)
        return (parsed.syntax, parsed.diagnostics)
    }
}
