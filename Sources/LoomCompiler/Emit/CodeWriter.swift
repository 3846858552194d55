/// Builds indented source text line by line. Emitters describe structure (`block`), the writer owns whitespace, so
/// every generated file is laid out the same way.
struct CodeWriter {
    private(set) var text = ""
    private var depth = 0
    private let indentUnit: String

    init(indent: String = "    ") {
        self.indentUnit = indent
    }

    mutating func line(_ content: String = "") {
        text += content.isEmpty ? "\n" : String(repeating: indentUnit, count: depth) + content + "\n"
    }

    mutating func lines(_ contents: [String]) {
        for content in contents { line(content) }
    }

    /// `opener {`, the body one level deeper, then `}` (plus `closerSuffix`).
    mutating func block(_ opener: String, closer: String = "}", _ body: (inout CodeWriter) -> Void) {
        line(opener + " {")
        indented(body)
        line(closer)
    }

    mutating func indented(_ body: (inout CodeWriter) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }

    /// `/// line` doc comments.
    mutating func doc(_ lines: [String]) {
        for content in lines { line(content.isEmpty ? "///" : "/// " + content) }
    }
}
