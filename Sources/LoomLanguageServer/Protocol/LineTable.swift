import LoomCompiler

/// Converts between the compiler's positions (UTF-8 offsets) and the protocol's (line and UTF-16 code unit) for one
/// text. Built once per text version; each conversion is a binary search over line starts plus a walk of one line.
public struct LineTable: Sendable {
    public let text: String
    private let bytes: [UInt8]
    /// UTF-8 offset of each line's first byte.
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    public func position(ofOffset offset: Int) -> Position {
        let offset = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        let line = max(0, low - 1)
        let prefix = String(decoding: bytes[lineStarts[line]..<offset], as: UTF8.self)
        return Position(line: line, character: prefix.utf16.count)
    }

    /// The UTF-8 offset of `position`; a position past the end of its line is the line's end, past the last line the
    /// text's end (as the protocol asks).
    public func offset(of position: Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        var end = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var units = 0
        var offset = start
        for scalar in String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars {
            if units >= position.character { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return min(offset, end)
    }

    public func range(of range: SourceRange) -> Range {
        Range(start: position(ofOffset: range.start.offset), end: position(ofOffset: range.end.offset))
    }

    /// The text of one line, without its line break.
    public func line(_ index: Int) -> Substring {
        guard index >= 0, index < lineStarts.count else { return "" }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// The text between two UTF-8 offsets.
    public func slice(_ start: Int, _ end: Int) -> String {
        let start = max(0, min(start, bytes.count)), end = max(start, min(end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text with `newText` in place of the text between two protocol positions (an incremental change).
    public func replacing(_ range: Range, with newText: String) -> String {
        let start = offset(of: range.start), end = max(start, offset(of: range.end))
        return String(decoding: bytes[0..<start], as: UTF8.self) + newText + String(decoding: bytes[end...], as: UTF8.self)
    }
}
