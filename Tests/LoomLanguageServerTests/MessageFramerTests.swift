import Foundation
import LoomLanguageServer
import Testing

/// The framing state machine, fed bytes as a pipe may deliver them: whole, split anywhere, several at once, and
/// malformed; a bad header block costs that message only.
@Suite("Message framing")
struct MessageFramerTests {
    static func framed(_ body: String) -> Data { MessageFramer.frame(Data(body.utf8)) }

    @Test func aMessageSplitAtEveryByteComesOutWhole() {
        let bytes = Self.framed(#"{"jsonrpc":"2.0","method":"a","params":{"text":"é😀"}}"#)
        for split in 1..<bytes.count {
            var framer = MessageFramer()
            let first = framer.feed(bytes.prefix(split))
            let second = framer.feed(bytes.dropFirst(split))
            #expect(first + second == [.message(Data(#"{"jsonrpc":"2.0","method":"a","params":{"text":"é😀"}}"#.utf8))])
        }
    }

    @Test func severalMessagesInOneChunkComeOutInOrder() {
        var framer = MessageFramer()
        let outputs = framer.feed(Self.framed("1") + Self.framed("22") + Self.framed("333"))
        #expect(outputs == [.message(Data("1".utf8)), .message(Data("22".utf8)), .message(Data("333".utf8))])
    }

    @Test func otherHeadersAndAnyCaseAreAccepted() {
        var framer = MessageFramer()
        let outputs = framer.feed(Data("content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-LENGTH:  2\r\n\r\n{}".utf8))
        #expect(outputs == [.message(Data("{}".utf8))])
    }

    @Test(arguments: [
        "Content-Type: x\r\n\r\n",
        "Content-Length: -3\r\n\r\n",
        "Content-Length: twelve\r\n\r\n",
        "no colon here\r\n\r\n",
    ])
    func aMalformedHeaderIsReportedAndTheNextMessageStillArrives(header: String) {
        var framer = MessageFramer()
        let outputs = framer.feed(Data(header.utf8) + Self.framed("{}"))
        #expect(outputs.count == 2)
        if case .malformedHeader = outputs.first {} else { Issue.record("expected a header problem, got \(outputs)") }
        #expect(outputs.last == .message(Data("{}".utf8)))
    }

    @Test func anOversizedBodyIsSkippedNotBuffered() {
        var framer = MessageFramer()
        let length = MessageFramer.maximumLength + 10
        var outputs = framer.feed(Data("Content-Length: \(length)\r\n\r\n".utf8))
        // The body arrives in pieces and is dropped as it comes.
        var remaining = length
        while remaining > 0 {
            let piece = min(remaining, 1 << 20)
            outputs += framer.feed(Data(count: piece))
            remaining -= piece
        }
        outputs += framer.feed(Self.framed("{}"))
        #expect(outputs.count == 2)
        #expect(outputs.last == .message(Data("{}".utf8)))
    }

    @Test func endlessHeaderGarbageIsDropped() {
        var framer = MessageFramer()
        let outputs = framer.feed(Data(repeating: UInt8(ascii: "x"), count: 10_000))
        #expect(outputs.count == 1)
        #expect(framer.feed(Self.framed("{}")) == [.message(Data("{}".utf8))])
    }
}

/// Protocol positions are UTF-16 code units; the compiler's offsets are UTF-8 bytes.
@Suite("Line table")
struct LineTableTests {
    @Test func positionsAndOffsetsRoundTripThroughWideCharacters() {
        let text = "model Café {\n  /// 😀 emoji\n  name String\r\n}"
        let table = LineTable(text)
        let bytes = Array(text.utf8)
        // Every offset at a character's start (not inside a UTF-8 sequence, nor between the \r and \n of a CRLF).
        for offset in 0...bytes.count where (offset == bytes.count || (bytes[offset] & 0xC0) != 0x80) && (offset == 0 || bytes[offset - 1] != 13) {
            #expect(table.offset(of: table.position(ofOffset: offset)) == offset, "offset \(offset)")
        }
        // "😀" is two UTF-16 units and four UTF-8 bytes.
        let after = table.position(ofOffset: Array("model Café {\n  /// 😀".utf8).count)
        #expect(after == Position(line: 1, character: 8))
    }

    @Test func positionsPastALineOrTheTextAreClamped() {
        let table = LineTable("ab\ncd")
        #expect(table.offset(of: Position(line: 0, character: 99)) == 2)
        #expect(table.offset(of: Position(line: 9, character: 0)) == 5)
        #expect(table.replacing(Range(start: Position(line: 0, character: 1), end: Position(line: 1, character: 1)), with: "X") == "aXd")
    }
}
