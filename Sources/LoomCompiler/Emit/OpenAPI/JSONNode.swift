/// A JSON value with its object keys in the order they were added, rendered the same way every time, so the OpenAPI
/// document is byte-stable. The compiler uses no Foundation, so it renders JSON itself (`JSONWriter`).
indirect enum JSONNode: Sendable, Hashable {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    /// How a document is laid out.
    enum Layout: Sendable, Hashable {
        /// No whitespace at all: what a program reads (the document embedded in `loom-openapi.swift`).
        case compact
        /// Every non-empty object and array broken, one member a line, two-space indent (`loomgen explain --format
        /// json`).
        case expanded
        /// For people and diffs (`openapi.json`): an object or array stays on one line, `{ "type": "string" }`, when
        /// that line fits in `width` columns; a bigger one is broken as in `expanded`.
        case readable(width: Int)
    }

    static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.rendered(.compact) == rhs.rendered(.compact) }
    func hash(into hasher: inout Hasher) { hasher.combine(rendered(.compact)) }

    /// The text, ending in a newline unless compact.
    func rendered(_ layout: Layout = .expanded) -> String {
        var writer = JSONWriter(layout: layout)
        writer.write(self)
        if layout != .compact { writer.bytes.append(UInt8(ascii: "\n")) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(layout: .compact)
        writer.writeString(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
