/// One migration as read from `migrations/<id>/`: its id and the SQL text of each dialect's file. What `loomgen
/// generate` embeds in the generated schema (split into statements, with a checksum per dialect).
public struct MigrationSource: Sendable, Hashable {
    /// `0001_init`: the folder's name.
    public var id: String
    public var postgres: String
    public var sqlite: String

    public init(id: String, postgres: String, sqlite: String) {
        self.id = id
        self.postgres = postgres
        self.sqlite = sqlite
    }

    public func sql(for dialect: SQLDialect) -> String {
        switch dialect {
        case .postgres: postgres
        case .sqlite: sqlite
        }
    }
}

/// Migration ids, file headers, statement splitting and checksums.
public enum MigrationScript {
    /// The files of a migration folder.
    public static func fileName(for dialect: SQLDialect) -> String { "\(dialect.rawValue).sql" }
    public static let snapshotFileName = "snapshot.json"
    public static let folderName = "migrations"

    /// The number of a migration id (`0007_add_phone` → 7), or nil when the name is not `<digits>_<name>`.
    public static func number(of id: String) -> Int? {
        let digits = id.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, id.dropFirst(digits.count).first == "_", id.count > digits.count + 1 else { return nil }
        return Int(digits)
    }

    /// The id of the migration after `previous` (none: the first): the next number, four digits at least, then the
    /// name as lower-case letters, digits and underscores. Nil when nothing is left of the name.
    public static func nextID(after previous: String?, name: String) -> String? {
        var slug = ""
        for character in name.lowercased() {
            let keep = character.isASCII && (character.isLetter || character.isNumber)
            if keep {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "_" {
                slug.append("_")
            }
        }
        while slug.last == "_" { slug.removeLast() }
        guard !slug.isEmpty else { return nil }
        // A folder numbered Int.max has no successor: no id, as for an empty name, rather than a trap.
        let (number, overflowed) = (previous.flatMap(number(of:)) ?? 0).addingReportingOverflow(1)
        guard !overflowed else { return nil }
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + slug
    }

    /// Sorted by number, then id.
    public static func sorted(_ ids: [String]) -> [String] {
        ids.sorted { (number(of: $0) ?? 0, $0) < (number(of: $1) ?? 0, $1) }
    }

    static func header(id: String, schemaName: String, dialect: SQLDialect) -> String {
        var text = "-- Migration \(id) of schema \(schemaName), \(dialect.rawValue). Written by `loomgen migrate new`: review it and\n"
        text += "-- edit it if needed before it is applied anywhere; once applied, leave it unchanged (its checksum is checked).\n"
        text += "-- The Loom migrator runs it in one transaction"
        switch dialect {
        case .postgres: text += " under an advisory lock.\n"
        case .sqlite: text += " with foreign keys off, then runs PRAGMA foreign_key_check.\n"
        }
        return text
    }

    /// A stable hash of a migration file: FNV-1a, 64 bits, as 16 lower-case hex digits, over the UTF-8 bytes with
    /// CRLF line ends read as LF (so a checkout that converts line ends keeps the checksum).
    public static func checksum(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var pendingCR = false
        func feed(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in text.utf8 {
            if pendingCR {
                pendingCR = false
                if byte != 0x0A { feed(0x0D) }
            }
            if byte == 0x0D {
                pendingCR = true
                continue
            }
            feed(byte)
        }
        if pendingCR { feed(0x0D) }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The statements of a SQL script, without comments and without their `;`. Understands quoted strings and
    /// identifiers, `--` and `/* */` comments, PostgreSQL dollar quoting (`$$ … $$`, `$body$ … $body$`) and SQLite
    /// trigger bodies (`CREATE TRIGGER … BEGIN …; END`).
    public static func statements(in script: String) -> [String] {
        let characters = Array(script)
        var statements: [String] = []
        var current = ""
        var words: [String] = []  // upper-cased words of the current statement, outside quotes
        var word = ""
        var blockDepth = 0  // BEGIN/CASE … END nesting inside a trigger
        var index = 0

        func endWord() {
            guard !word.isEmpty else { return }
            let upper = word.uppercased()
            words.append(upper)
            if isTrigger {
                if upper == "BEGIN" || upper == "CASE" { blockDepth += 1 }
                if upper == "END" { blockDepth = max(0, blockDepth - 1) }
            }
            word = ""
        }
        var isTrigger: Bool {
            guard words.first == "CREATE" else { return false }
            let rest = words.dropFirst().prefix(2)
            return rest.first == "TRIGGER" || (["TEMP", "TEMPORARY"].contains(rest.first ?? "") && rest.dropFirst().first == "TRIGGER")
        }
        func finish() {
            endWord()
            let trimmed = trim(current)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
            words = []
            blockDepth = 0
        }
        func copyQuoted(_ quote: Character) {
            // From the opening quote through the closing one; a doubled quote is part of the text.
            current.append(characters[index])
            index += 1
            while index < characters.count {
                let character = characters[index]
                current.append(character)
                index += 1
                if character == quote {
                    if index < characters.count && characters[index] == quote {
                        current.append(quote)
                        index += 1
                    } else {
                        return
                    }
                }
            }
        }

        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "-" && next == "-" {
                endWord()
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "/" && next == "*" {
                endWord()
                var depth = 0
                while index < characters.count {
                    if characters[index] == "/" && index + 1 < characters.count && characters[index + 1] == "*" {
                        depth += 1
                        index += 2
                    } else if characters[index] == "*" && index + 1 < characters.count && characters[index + 1] == "/" {
                        depth -= 1
                        index += 2
                        if depth == 0 { break }
                    } else {
                        index += 1
                    }
                }
                current.append(" ")
                continue
            }
            if character == "'" || character == "\"" || character == "`" {
                endWord()
                copyQuoted(character)
                continue
            }
            if character == "$", word.isEmpty, let tag = dollarTag(characters, at: index) {
                // Through the matching closing tag.
                current += tag
                index += tag.count
                while index < characters.count {
                    if characters[index] == "$" && String(characters[index..<min(characters.count, index + tag.count)]) == tag {
                        current += tag
                        index += tag.count
                        break
                    }
                    current.append(characters[index])
                    index += 1
                }
                continue
            }
            if character == ";" {
                endWord()
                if isTrigger && blockDepth > 0 {
                    current.append(character)
                    index += 1
                    continue
                }
                finish()
                index += 1
                continue
            }
            if character.isLetter || character.isNumber || character == "_" || (character == "$" && !word.isEmpty) {
                word.append(character)
            } else {
                endWord()
            }
            current.append(character)
            index += 1
        }
        finish()
        return statements
    }

    /// `$$` or `$tag$` at `index`, or nil.
    static func dollarTag(_ characters: [Character], at index: Int) -> String? {
        var end = index + 1
        while end < characters.count, characters[end] != "$" {
            let character = characters[end]
            let valid = character == "_" || (character.isASCII && character.isLetter) || (end > index + 1 && character.isASCII && character.isNumber)
            if !valid { return nil }
            end += 1
        }
        guard end < characters.count else { return nil }
        return String(characters[index...end])
    }

    /// Without leading and trailing whitespace (inside, the text is kept as written: it may be part of a literal).
    static func trim(_ text: String) -> String {
        func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" || character == "\n" || character == "\r\n" || character == "\r" }
        var result = Substring(text)
        while let first = result.first, isSpace(first) { result = result.dropFirst() }
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return String(result)
    }
}
