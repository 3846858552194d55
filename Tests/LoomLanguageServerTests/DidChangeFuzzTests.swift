import Foundation
import LoomLanguageServer
import Testing
import TestSupport

/// The schema fuzzer's random edits sent as `didChange`, whole and as ranges (some past the end of the text), each
/// followed by requests at random positions: every request is answered, and the session ends cleanly.
@Suite("didChange fuzz")
struct DidChangeFuzzTests {
    @Test func randomEditsNeverCrashOrHangTheServer() throws {
        let schema = try ScratchSchema(copying: "helpdesk")
        let original = Array(try schema.text("tickets.loom"))
        let client = LSPTestClient(debounce: .milliseconds(0))
        try client.initialize()
        try schema.open("tickets.loom", in: client)
        var generator = SeededGenerator(seed: 0x15_0D)
        var lineCount = 120
        let methods = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
                       "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/formatting",
                       "textDocument/codeAction", "textDocument/prepareRename"]
        for round in 0..<400 {
            let change: JSONValue
            if generator.chance(70) {
                let text = SchemaMutator.mutate(original, using: &generator)
                lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
                change = .object(["text": .string(text)])
            } else {
                func position() -> JSONValue {
                    .object(["line": .integer(generator.int(0...lineCount + 2)), "character": .integer(generator.int(0...90))])
                }
                let (a, b) = (position(), position())
                let ordered = (a["line"]!.int!, a["character"]!.int!) <= (b["line"]!.int!, b["character"]!.int!) ? (a, b) : (b, a)
                change = .object([
                    "range": .object(["start": ordered.0, "end": ordered.1]),
                    "text": .string(String(SchemaMutator.interesting.shuffled(using: &generator).prefix(generator.int(0...6)))),
                ])
            }
            client.notify("textDocument/didChange", .object([
                "textDocument": .object(["uri": .string(schema.uri("tickets.loom")), "version": .integer(round + 2)]),
                "contentChanges": .array([change]),
            ]))
            let position: JSONValue = .object(["line": .integer(generator.int(0...lineCount)), "character": .integer(generator.int(0...60))])
            let method = generator.pick(methods)
            var params: JSONValue = .object(["textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]), "position": position])
            if method == "textDocument/references" {
                params = .object(["textDocument": params["textDocument"]!, "position": position, "context": .object(["includeDeclaration": true])])
            } else if method == "textDocument/codeAction" {
                params = .object(["textDocument": params["textDocument"]!, "range": .object(["start": position, "end": position]), "context": .object(["diagnostics": .array([])])])
            }
            let response = try client.request(method, params, timeout: .seconds(30))
            // An answer, or a reasoned refusal (nothing to rename, a file the formatter cannot read), never an internal error.
            #expect(response["result"] != nil || response["error"]?["code"] == -32803, "round \(round): \(method) → \(response)")
        }
        #expect(try client.shutdown() == 0)
    }
}
