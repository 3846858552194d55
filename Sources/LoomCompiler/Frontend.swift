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
        // Sorted so that output and "first declared" never depend on the order the files were listed in.
        let ordered = files.sorted { ($0.fileName, $0.path) < ($1.fileName, $1.path) }
        var diagnostics: [Diagnostic] = []
        var syntaxes: [SourceFileSyntax] = []
        for file in ordered {
            let parsed = Parser.parse(file)
            syntaxes.append(parsed.syntax)
            diagnostics += parsed.diagnostics
        }
        // Checked even after syntax errors: the parser recovers, so semantic errors elsewhere are still worth
        // reporting in the same run.
        let checked = Checker.check(name: name, files: syntaxes)
        diagnostics += checked.diagnostics
        return Result(schema: diagnostics.hasErrors ? nil : checked.schema, diagnostics: diagnostics.sortedForDisplay())
    }

    /// The syntax tree of one file and its lexical and syntax diagnostics, for tools such as a formatter.
    public static func parse(_ file: SourceFile) -> (syntax: SourceFileSyntax, diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(file)
        return (parsed.syntax, parsed.diagnostics)
    }
}
