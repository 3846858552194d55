/// `loomgen fmt`: the one canonical layout of a `.loom` file.
///
/// The formatter works on the token stream and the comments the lexer keeps, never on the syntax tree, so it formats
/// any sequence of tokens the lexer accepts — constructs the parser does not know yet included — and cannot lose or
/// reorder anything: the formatted file lexes to the same tokens (kinds and texts) and the same comments, in order.
///
/// The layout (docs/formatting.md has the user-facing version):
///
/// - **Lines.** The user's line breaks decide where lines break: tokens on one line stay on one line, tokens on
///   different lines stay on different lines. Runs of blank lines become one blank line. There is no blank line at the
///   start or the end of the file, right after a line ending with `{` `(` `[`, before a line starting with `}` `)` `]`,
///   or right after a `///` doc comment line (doc comments stay attached to what they document). Exactly one blank line
///   follows a top-level block (a line that closes the last open bracket with a `}`). Every line, the last included,
///   ends with `\n`; no line ends with whitespace (outside `/* */` comments, which are kept byte for byte).
/// - **Indentation.** Two spaces per level. A line's level is one more than the level of the line holding the innermost
///   bracket (`{` `(` `[`) still open where the line starts; a line starting with closing brackets takes the level of the
///   line that opened the outermost of them. So a line opening several brackets indents the next line once.
/// - **FormatSpacing.** One space between tokens, except: none before `,` `)` `]` `?` `:`; none after `(` `[` `@` `!`;
///   none between a name and `(` (`String(120)`, `@default(1)`); none around `.` after a name, `)`, `]` or `?`
///   (`Role.admin`) and none after any `.`; none around the `<` and before the `>` of a generic argument list
///   (`Page<Product>`), that is a `<` right after a name whose matching `>` is on the same line with only names,
///   numbers, `,` `?` `.` and brackets between; and `{}` stays together. Comments are separated from their neighbours
///   by one space. So a rule reads `allow read when !hidden && (orgId == auth.orgId || role in [agent, admin])`.
/// - **Columns.** Inside a `{ }` block, consecutive field lines — `name Type @attributes…`: a name (with anything glued
///   to it, such as `:`), then a type (a capitalized name or `[`, followed only by `?`, `.name` and bracketed
///   arguments), then nothing or attributes from the first `@` outside brackets; no `{` `}` or `/* */` on the line —
///   are aligned when there are at least two of them: types start in one column, attributes in the next. Each column
///   is as wide as its widest entry plus two spaces (one space after the names when they all end with `:`). A blank
///   line, a `//` or `/* */` comment line, or any other line ends the run; `///` doc comment lines do not. Runs of
///   route lines (`GET "/path" -> Target …`) are aligned the same way with one space between columns: method, path,
///   `-> …`; the settings of a `jwt` block (`issuer "helpdesk"`: a name and one value) with two. Other members
///   (`crud`, `include items`, job options, rules) keep single spaces, and so does everything inside a block whose
///   header starts with `usecase`, `job` or `callback` (statements such as `invoke GetSummary` look like fields).
/// - **Comments.** Kept with their exact text (`//` and `///` lose trailing whitespace). A comment alone on its line is
///   indented like code at that point. Trailing `//` comments on adjacent lines of the same indentation line up one
///   space after the longest of those lines; a lone trailing comment is one space after the code.
/// - A file with lexical errors is not formatted: the result carries the lexer's diagnostics instead.
public enum Formatter {
    public static func format(_ file: SourceFile) -> FormatResult {
        let lexed = Lexer.tokenize(file)
        if lexed.diagnostics.hasErrors {
            return FormatResult(file: file, formatted: nil, diagnostics: lexed.diagnostics.sortedForDisplay())
        }
        let lines = FormatLine.split(tokens: lexed.tokens, comments: lexed.comments)
        let text = FormatLayout(lines: lines).render()
        return FormatResult(file: file, formatted: text, diagnostics: [])
    }

    /// The text formatted, or nil when it has lexical errors. A convenience for tests and tools.
    public static func format(_ text: String, path: String = "input.loom") -> String? {
        format(SourceFile(path: path, text: text)).formatted
    }
}

/// What `Formatter.format` returns: the canonical text, or the lexical errors that prevent formatting.
public struct FormatResult: Sendable, Hashable {
    public var file: SourceFile
    /// The formatted text; nil when the file has lexical errors.
    public var formatted: String?
    /// The lexical errors, when `formatted` is nil; otherwise empty.
    public var diagnostics: [Diagnostic]

    public init(file: SourceFile, formatted: String?, diagnostics: [Diagnostic]) {
        self.file = file
        self.formatted = formatted
        self.diagnostics = diagnostics
    }

    /// True when the file is already in canonical layout (false when it cannot be formatted).
    public var isFormatted: Bool {
        // Compared scalar by scalar: `String ==` would call canonically equivalent texts equal.
        formatted.map { $0.unicodeScalars.elementsEqual(file.text.unicodeScalars) } ?? false
    }
}
