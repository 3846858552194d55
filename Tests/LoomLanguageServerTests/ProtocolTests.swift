import Foundation
import LoomLanguageServer
import Testing

/// The session rules, over the real framing through pipes: nothing a client sends crashes the server or ends the
/// session early; every request gets exactly one answer.
@Suite("Language server protocol")
struct ProtocolTests {
    @Test func requestsBeforeInitializeAreRefusedAndTheSessionGoesOn() throws {
        let client = LSPTestClient()
        let early = try client.request("textDocument/hover", .object([:]))
        #expect(early["error"]?["code"] == -32002)
        try client.initialize()
        #expect(try client.shutdown() == 0)
    }

    @Test func malformedMessagesAreAnsweredOrDroppedAndTheSessionGoesOn() throws {
        let client = LSPTestClient()
        try client.initialize()
        // Not JSON: a parse error with a null id.
        client.sendRaw(MessageFramer.frame(Data("{not json".utf8)))
        let parseError = try client.next(waitingFor: "a parse error") { $0["error"]?["code"] == -32700 }
        #expect(parseError["id"] == .null)
        // A header without a length: dropped, logged.
        client.sendRaw(Data("Content-Type: x\r\n\r\n".utf8))
        _ = try client.next(waitingFor: "the log of the dropped message") { $0["method"] == "window/logMessage" }
        // Parameters of the wrong shape: invalid params.
        let wrong = try client.request("textDocument/hover", .object(["textDocument": 7]))
        #expect(wrong["error"]?["code"] == -32602)
        // An unknown method: method not found; an unknown notification: nothing.
        #expect(try client.request("loom/unknown")["error"]?["code"] == -32601)
        client.notify("loom/whatever", .object([:]))
        // A response to a request the server never sent, a change to a document never opened: ignored.
        client.send(.object(["jsonrpc": "2.0", "id": 999, "result": .null]))
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": "file:///nowhere/x.loom", "version": 2]), "contentChanges": .array([]),
        ]))
        // Still serving.
        let symbols = try client.request("textDocument/documentSymbol", .object(["textDocument": .object(["uri": "file:///nowhere/x.loom"])]))
        #expect(symbols["result"] == .array([]))
        #expect(try client.shutdown() == 0)
    }

    @Test func exitWithoutShutdownEndsWithOneAndTheEndOfInputToo() throws {
        let client = LSPTestClient()
        try client.initialize()
        client.notify("exit", .null)
        #expect(client.waitForExit() == 1)

        let other = LSPTestClient()
        try other.initialize()
        other.closeInput()
        #expect(other.waitForExit() == 1)
    }

    @Test func requestsAfterShutdownAreInvalid() throws {
        let client = LSPTestClient()
        try client.initialize()
        _ = try client.request("shutdown", .null)
        #expect(try client.request("textDocument/hover", .object([:]))["error"]?["code"] == -32600)
        client.notify("exit", .null)
        #expect(client.waitForExit() == 0)
    }

    /// A request still queued behind a slow one is withdrawn by `$/cancelRequest` and answered "cancelled" at once; a
    /// request already answered is not answered twice.
    @Test func aCancelledQueuedRequestIsAnsweredCancelled() throws {
        // A schema large enough that analysing it keeps the loop busy while the cancellation arrives.
        let models = (0..<1_500).map { "model M\($0) {\n  id Int @id @autoincrement\n  name String(40)\n  next M\(($0 + 1) % 1_500)?\n}\n" }
        let schema = try ScratchSchema(files: ["big.loom": models.joined()])
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("big.loom", in: client)
        let slow = client.sendRequest("textDocument/hover", schema.at("big.loom", try schema.position(of: "M7 ", in: "big.loom")))
        let queued = client.sendRequest("textDocument/documentSymbol", .object(["textDocument": .object(["uri": .string(schema.uri("big.loom"))])]))
        client.send(.object(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": .object(["id": .integer(queued)])]))
        let cancelled = try client.response(to: queued)
        #expect(cancelled["error"]?["code"] == -32800)
        #expect(try client.response(to: slow)["result"] != nil)
        // Cancelling what was answered already changes nothing.
        client.send(.object(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": .object(["id": .integer(slow)])]))
        #expect(try client.request("shutdown", .null)["result"] == .null)
        #expect(!(client.notifications.contains { $0["id"] == .integer(slow) }))
    }
}
