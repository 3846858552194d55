import Foundation

/// Where the cursor is, read from the text (a schema being typed rarely parses): the declaration around it, found by
/// the last line that starts one with its braces still open, the block inside it (a profile, a `jwt` block), and the
/// line up to the cursor.
struct CompletionContext {
    enum Block: Equatable {
        case topLevel
        /// Inside `model`, `command`, `resource`…; `name` is the declared name (the model for a resource).
        case declaration(keyword: String, name: String)
    }

    var block: Block = .topLevel
    /// `profile` or `jwt` when the cursor is in one of those blocks of a declaration.
    var innerBlock: String?
    /// The text of the cursor's line before the cursor.
    var linePrefix: String
    /// The declaration's header line, when the cursor is on it (`usecase X(a: Int) -> `, `resource User at "/u" under `).
    var isOnHeader = false

    init(lines: LineTable, position: Position) {
        let line = lines.line(position.line)
        let prefixEnd = line.utf16.index(line.startIndex, offsetBy: min(position.character, line.utf16.count), limitedBy: line.endIndex) ?? line.endIndex
        linePrefix = String(line[..<prefixEnd])
        // Walk back to the line that opens the declaration around the cursor.
        var depth = Self.braceBalance(linePrefix)
        var innerDepth = depth
        var index = position.line - 1
        if let header = Self.header(linePrefix) {
            block = .declaration(keyword: header.keyword, name: header.name)
            isOnHeader = true
            return
        }
        while index >= 0 {
            let text = String(lines.line(index))
            depth += Self.braceBalance(text)
            innerDepth += Self.braceBalance(text)
            if innerBlock == nil, innerDepth > 0, let word = Self.firstWord(text), word == "profile" || word == "jwt" {
                innerBlock = word
            }
            if let header = Self.header(text) {
                if depth > 0 { block = .declaration(keyword: header.keyword, name: header.name) } else { innerBlock = nil }
                return
            }
            index -= 1
        }
        innerBlock = nil
    }

    /// `model Product timestamps {` → ("model", "Product"); `resource Ticket at …` → ("resource", "Ticket").
    private static func header(_ line: String) -> (keyword: String, name: String)? {
        guard let first = line.unicodeScalars.first, !CharacterSet.whitespaces.contains(first) else { return nil }
        let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        guard let keyword = words.first.map(String.init), Self.declarationKeywords.contains(keyword) else { return nil }
        return (keyword, words.count > 1 ? String(words[1]) : "")
    }

    static let declarationKeywords: Set<String> = ["model", "enum", "resource", "command", "usecase", "job", "callback", "service", "auth"]

    /// Opening minus closing braces outside strings and comments.
    private static func braceBalance(_ line: String) -> Int {
        var balance = 0
        var inString = false
        var previous: Character = " "
        for character in line {
            if inString {
                if character == "\"" && previous != "\\" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "/" && previous == "/" {
                break
            } else if character == "{" {
                balance += 1
            } else if character == "}" {
                balance -= 1
            }
            previous = character
        }
        return balance
    }

    static func firstWord(_ line: String) -> String? {
        line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "@") }).first.map(String.init)
    }

    /// The words of the line before the cursor.
    var words: [String] { linePrefix.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// True when the cursor is after a space or at the start of a word (not in the middle of punctuation).
    var endsWithSpace: Bool { linePrefix.last.map { $0 == " " || $0 == "\t" } ?? true }
}
