@testable import LoomCompiler
import Testing

/// The OpenAPI translation of small schemas, whole fragments compared (the full store document is a reference file,
/// `Generated/store/openapi.json`).
@Suite("OpenAPI snippets")
struct OpenAPISnippetTests {
    @Test func jsonStringsAreEscapedAndRenderingIsStable() {
        let node = JSONNode.object([("a\"b", .string("line\nnext\t\\ \u{1}")), ("n", .array([.integer(1), .number(2.5), .null, .bool(false)])), ("e", .object([]))])
        #expect(node.rendered() == """
            {
              "a\\"b": "line\\nnext\\t\\\\ \\u0001",
              "n": [
                1,
                2.5,
                null,
                false
              ],
              "e": {}
            }

            """)
    }

    @Test func aCreateInputKeepsConstraintsPresenceAndDefaults() throws {
        let source = """
            /// A thing.
            model Thing {
              id Int @id @autoincrement
              /// Shown to people.
              name String(40) @notBlank
              size Int @range(1, 10) @default(3)
              note String(80)?
            }
            resource Thing at "/things" {
              crud create, get, list, update, delete
            }
            """
        let schema = try #require(Frontend.compile(name: "demo", files: [SourceFile(path: "t.loom", text: source)]).schema)
        let document = TranslateOpenAPI.document(schema, origin: "demo (t.loom)").rendered()
        #expect(document.contains("""
                  "ThingCreate": {
                    "type": "object",
                    "description": "The fields a client sends to create a `Thing`.",
                    "properties": {
                      "name": {
                        "type": "string",
                        "maxLength": 40,
                        "pattern": "\\\\S",
                        "description": "Shown to people."
                      },
                      "size": {
                        "type": "integer",
                        "format": "int64",
                        "minimum": 1,
                        "maximum": 10,
                        "default": 3
                      },
                      "note": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "maxLength": 80
                      }
                    },
                    "required": [
                      "name"
                    ],
                    "additionalProperties": false
                  }
            """), "\(document)")
        #expect(document.contains(#""x-generated-by": "loomgen from demo (t.loom) — do not edit""#))
    }

    /// A line of the embedded document longer than the renderer's limit is wrapped with escaped newlines, so the
    /// string's value is the line unchanged.
    @Test func longLinesOfTheEmbeddedDocumentAreWrapped() {
        let line = "  \"description\": \"" + Array(repeating: "word", count: 40).joined(separator: " ") + "\","
        let pieces = SwiftEmitter.literalLines(line, indent: "        ", continuation: "\\#")
        #expect(pieces.count == 2)
        #expect(pieces.allSatisfy { $0.count <= 120 })
        #expect(pieces[0].hasSuffix("word\\#") && pieces[1].hasPrefix("         word"))
        let value = pieces.map { String($0.dropFirst(8)) }.joined().replacingOccurrences(of: "\\#", with: "")
        #expect(value == line)
        #expect(SwiftEmitter.literalLines("    \"short\": 1,", indent: "        ", continuation: "\\#") == ["        " + "    \"short\": 1,"])
    }
}
