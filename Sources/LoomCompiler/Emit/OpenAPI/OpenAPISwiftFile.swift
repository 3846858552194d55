extension SwiftEmitter {
    /// `extension StoreSchema { static var openAPIDocument: String { #"""…"""# } }`: the compact document, embedded
    /// once, as one raw string literal. No one reads it, so it is cut into lines of the renderer's width anywhere (not
    /// at spaces: compact JSON has none), each but the last ending in an escaped newline, so the value is the document
    /// byte for byte. Enough `#`s that no text inside can end the literal or start an escape.
    static func openAPISwiftFile(_ document: String, schema: ResolvedSchema, origin: String) -> String {
        let text = Array(document.utf8)
        let hashes = String(repeating: "#", count: rawLiteralHashes(text))
        var output: [UInt8] = []
        output.reserveCapacity(text.count + text.count / 8 + 512)
        output.append(contentsOf: (headerPrefix + origin + " — do not edit.\n// swift-format-ignore-file\n\n"
            + "extension " + Naming.schemaType(schema.name) + " {\n"
            + "    /// The OpenAPI 3.1 document of the schema's HTTP API, served at `GET /openapi.json`.\n"
            + "    public static var openAPIDocument: String {\n"
            + "        " + hashes + "\"\"\"\n").utf8)
        appendLiteralLines(text, indent: "        ", continuation: "\\" + hashes, to: &output)
        output.append(contentsOf: ("\n        \"\"\"" + hashes + "\n    }\n}\n").utf8)
        return String(decoding: output, as: UTF8.self)
    }

    /// How many `#`s a raw literal of `text` needs: one more than the longest run of `#` after a backslash (an
    /// escape) or after three quotes (the end).
    static func rawLiteralHashes(_ text: [UInt8]) -> Int {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), hash = UInt8(ascii: "#")
        var longest = 0
        var index = 0
        while index < text.count {
            var start: Int?
            if text[index] == backslash {
                start = index + 1
            } else if text[index] == quote, index + 2 < text.count, text[index + 1] == quote, text[index + 2] == quote {
                start = index + 3
            }
            if let runStart = start {
                var end = runStart
                while end < text.count, text[end] == hash { end += 1 }
                longest = max(longest, end - runStart)
            }
            index += 1
        }
        return longest + 1
    }

    /// `text` as the lines of a multi-line literal at `indent`, each at most the renderer's line limit: every line
    /// but the last ends with `continuation` (an escaped newline), and no line splits a UTF-8 character.
    static func appendLiteralLines(_ text: [UInt8], indent: String, continuation: String, to output: inout [UInt8]) {
        let room = SwiftRenderer().lineLimit - indent.utf8.count - continuation.utf8.count
        var start = 0
        repeat {
            var end = min(start + room, text.count)
            while end < text.count, end > start + 1, text[end] & 0xC0 == 0x80 { end -= 1 }
            output.append(contentsOf: indent.utf8)
            output.append(contentsOf: text[start..<end])
            if end < text.count {
                output.append(contentsOf: continuation.utf8)
                output.append(UInt8(ascii: "\n"))
            }
            start = end
        } while start < text.count
    }
}
