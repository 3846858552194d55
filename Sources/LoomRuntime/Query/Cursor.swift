import Crypto
import Foundation

/// The opaque `nextCursor` token: the sort it was made for and the last row's sort values, base64url JSON plus a
/// tag. With `LOOM_CURSOR_SECRET` set, the tag is an HMAC-SHA256 under that secret, so only this deployment can mint a
/// cursor; without it, a checksum that catches edits and truncation (a 400). Either way every value is checked against
/// its column's type before it is bound (`fits`).
struct Cursor: Equatable {
    /// `price_cents:asc,id:asc`: a cursor is valid only for the sort it was made for.
    var sort: String
    var values: [SQLValue]

    struct Invalid: Error {
        var reason: String
    }

    static func signature(of keys: [SortKey]) -> String {
        keys.map { "\($0.column):\($0.direction.rawValue)" }.joined(separator: ",")
    }

    /// The longest token a cursor may be, so a client can always send `?after=<nextCursor>` back in a URL (servers and
    /// proxies commonly accept 8 KiB of request line).
    static let maximumLength = 4_096

    /// The longest token a sort can produce, whatever the rows hold: each value at its column's widest (a string of
    /// `n` characters, each escaped as `\u00XX`), in the JSON body, base64url-encoded, with the tag. Nil when a column
    /// has no bound (text, JSON, arrays).
    static func worstCaseLength(of keys: [SortKey], table: TableSchema) -> Int? {
        var json = 12 + jsonString(signature(of: keys)).utf8.count
        for key in keys {
            guard let column = table.column(named: key.column), let width = worstCaseWidth(column.type) else { return nil }
            json += width + 1
        }
        let body = (json + 2) / 3 * 4
        return body + 1 + 43  // ".", then an HMAC-SHA256 in base64url (the checksum is shorter)
    }

    /// The widest `{"k":value}` item of a column type; nil when unbounded.
    static func worstCaseWidth(_ type: ColumnType) -> Int? {
        switch type {
        case .int, .int32: 26
        case .double, .decimal: 40
        case .bool: 10
        case .date, .dateTime: 40
        case .uuid: 44
        case .string(let maxLength): 8 + 6 * maxLength
        case .enumeration(let cases): 8 + 6 * (cases.map(\.unicodeScalars.count).max() ?? 0)
        case .text, .json, .array: nil
        }
    }

    /// The deployment's key, from `LOOM_CURSOR_SECRET`; nil when unset.
    static let configuredKey: SymmetricKey? = ProcessInfo.processInfo.environment["LOOM_CURSOR_SECRET"]
        .flatMap { $0.isEmpty ? nil : SymmetricKey(data: SHA256.hash(data: Data($0.utf8))) }

    /// Written by hand (it runs for every cursor page); `decode` reads it back with JSONSerialization.
    func encoded(key: SymmetricKey? = Cursor.configuredKey) -> String {
        let items = values.map { value -> String in
            switch value {
            case .null: "null"
            case .int(let number): "{\"i\":\(number)}"
            case .double(let number): "{\"d\":\(number.isFinite ? String(number) : "0")}"
            case .bool(let flag): "{\"b\":\(flag)}"
            case .string(let text): "{\"s\":\(Self.jsonString(text))}"
            case .date(let date): "{\"t\":\(Self.jsonString(Timestamp.format(date)))}"
            }
        }
        let json = "{\"s\":\(Self.jsonString(sort)),\"v\":[\(items.joined(separator: ","))]}"
        let body = Self.base64URL(Data(json.utf8))
        return body + "." + Self.tag(body, key: key)
    }

    /// HMAC-SHA256 (base64url) with a key, else the checksum.
    static func tag(_ body: String, key: SymmetricKey?) -> String {
        guard let key else { return checksum(body) }
        return base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)))
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func decode(_ token: String, key: SymmetricKey? = Cursor.configuredKey) throws -> Cursor {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, isValid(tag: String(parts[1]), of: String(parts[0]), key: key) else {
            throw Invalid(reason: "is not a cursor this server issued")
        }
        guard let data = data(base64URL: String(parts[0])),
              let payload = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sort = payload["s"] as? String, let raw = payload["v"] as? [Any]
        else { throw Invalid(reason: "is malformed") }
        return Cursor(sort: sort, values: try raw.map(value))
    }

    static func value(_ json: Any) throws -> SQLValue {
        if json is NSNull { return .null }
        guard let object = json as? [String: Any], object.count == 1, let (kind, raw) = object.first else {
            throw Invalid(reason: "is malformed")
        }
        switch kind {
        case "i": if let number = raw as? Int { return .int(number) }
        case "d": if let number = raw as? Double { return .double(number) }
        case "b": if let flag = raw as? Bool { return .bool(flag) }
        case "s": if let text = raw as? String { return .string(text) }
        case "t": if let text = raw as? String, let date = Timestamp.parse(text) { return .date(date) }
        default: break
        }
        throw Invalid(reason: "is malformed")
    }

    /// Whether a cursor value is of the kind this runtime writes for the column (see `Repository.cursorValue`).
    static func fits(_ value: SQLValue, _ column: ColumnSchema) -> Bool {
        switch (column.type, value) {
        case (_, .null): column.isOptional
        case (.int, .int), (.int32, .int): true
        case (.double, .double), (.double, .int), (.decimal, .double), (.decimal, .int): true
        case (.decimal, .string(let text)): Double(text) != nil
        case (.bool, .bool): true
        // A NUL is no text PostgreSQL can bind (and SQLite would compare it cut short): like everywhere else, refused.
        case (.string, .string(let text)), (.text, .string(let text)): !text.containsNUL
        case (.enumeration(let cases), .string(let text)): cases.contains(text)
        case (.dateTime, .date), (.date, .date): true
        case (.date, .string(let text)): CalendarDate(text) != nil
        case (.uuid, .string(let text)): UUID(uuidString: text) != nil
        default: false
        }
    }

    static func isValid(tag: String, of body: String, key: SymmetricKey?) -> Bool {
        guard let key else { return checksum(body) == tag }
        guard let code = data(base64URL: tag) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data(body.utf8), using: key)
    }

    /// FNV-1a (64-bit) over a fixed key and the body, hex.
    static func checksum(_ body: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("loom-cursor-v1:".utf8) + Array(body.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
