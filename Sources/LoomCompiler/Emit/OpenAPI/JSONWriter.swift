/// Renders a `JSONNode` into one UTF-8 buffer in a `JSONNode.Layout`. One buffer, appended to in place, because the
/// OpenAPI document of a big schema has hundreds of thousands of nodes: a string per node was most of `loomgen
/// generate`'s time.
struct JSONWriter {
    let layout: JSONNode.Layout
    var bytes: [UInt8] = []

    init(layout: JSONNode.Layout, capacity: Int = 4096) {
        self.layout = layout
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ node: JSONNode) {
        switch layout {
        case .compact: writeOneLine(node, spaced: false)
        case .expanded: writeBroken(node, indent: 0, column: 0, trailing: 0, width: nil)
        case .readable(let width): writeBroken(node, indent: 0, column: 0, trailing: 0, width: width)
        }
    }

    /// Breaks a non-empty object or array into one member a line, unless (`width` given) it fits on the rest of the
    /// line: `column` is where it starts, `trailing` what follows it on the line (a comma).
    private mutating func writeBroken(_ node: JSONNode, indent: Int, column: Int, trailing: Int, width: Int?) {
        if let width, Self.oneLineWidth(node, within: width - column - trailing) != nil {
            return writeOneLine(node, spaced: true)
        }
        switch node {
        case .object(let members) where !members.isEmpty:
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                newline(indent: indent + 2)
                let start = bytes.count
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                bytes.append(UInt8(ascii: " "))
                let last = index == members.count - 1
                writeBroken(value, indent: indent + 2, column: indent + 2 + bytes.count - start, trailing: last ? 0 : 1, width: width)
                if !last { bytes.append(UInt8(ascii: ",")) }
            }
            newline(indent: indent)
            bytes.append(UInt8(ascii: "}"))
        case .array(let items) where !items.isEmpty:
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                newline(indent: indent + 2)
                let last = index == items.count - 1
                writeBroken(item, indent: indent + 2, column: indent + 2, trailing: last ? 0 : 1, width: width)
                if !last { bytes.append(UInt8(ascii: ",")) }
            }
            newline(indent: indent)
            bytes.append(UInt8(ascii: "]"))
        default:
            writeOneLine(node, spaced: true)
        }
    }

    /// The node on one line: `{"a":1}` compact, `{ "a": 1 }` spaced.
    private mutating func writeOneLine(_ node: JSONNode, spaced: Bool) {
        switch node {
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            if members.isEmpty { return bytes.append(UInt8(ascii: "}")) }
            if spaced { bytes.append(UInt8(ascii: " ")) }
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { separator(spaced) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                if spaced { bytes.append(UInt8(ascii: " ")) }
                writeOneLine(value, spaced: spaced)
            }
            if spaced { bytes.append(UInt8(ascii: " ")) }
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { separator(spaced) }
                writeOneLine(item, spaced: spaced)
            }
            bytes.append(UInt8(ascii: "]"))
        case .string(let text): writeString(text)
        case .integer, .number, .bool, .null: bytes.append(contentsOf: Self.scalarText(node).utf8)
        }
    }

    private mutating func separator(_ spaced: Bool) {
        bytes.append(UInt8(ascii: ","))
        if spaced { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func newline(indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as its UTF-8.
    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.contains(where: Self.needsEscape) {
            for byte in text.utf8 { writeEscaped(byte) }
        } else {
            bytes.append(contentsOf: text.utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: #"\u00"#.utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    static func scalarText(_ node: JSONNode) -> String {
        switch node {
        case .integer(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): value ? "true" : "false"
        default: "null"
        }
    }

    /// The width of the node written on one line, spaced; nil once it passes `budget` (so measuring a big node
    /// costs no more than the budget).
    static func oneLineWidth(_ node: JSONNode, within budget: Int) -> Int? {
        var width = 0
        switch node {
        case .object(let members):
            width = members.isEmpty ? 2 : 4 + 2 * (members.count - 1)
            for (key, value) in members {
                guard width <= budget, let keyWidth = stringWidth(key, within: budget - width) else { return nil }
                width += keyWidth + 2
                guard let valueWidth = oneLineWidth(value, within: budget - width) else { return nil }
                width += valueWidth
            }
        case .array(let items):
            width = 2 + 2 * max(items.count - 1, 0)
            for item in items {
                guard width <= budget, let itemWidth = oneLineWidth(item, within: budget - width) else { return nil }
                width += itemWidth
            }
        case .string(let text):
            guard let textWidth = stringWidth(text, within: budget) else { return nil }
            width = textWidth
        default:
            width = scalarText(node).utf8.count
        }
        return width <= budget ? width : nil
    }

    /// The bytes of the quoted string (UTF-8, so a non-ASCII character counts more than one column: a line only
    /// breaks earlier).
    private static func stringWidth(_ text: String, within budget: Int) -> Int? {
        var width = 2
        for byte in text.utf8 {
            width += needsEscape(byte) ? (byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 ? 6 : 2) : 1
            if width > budget { return nil }
        }
        return width <= budget ? width : nil
    }
}
