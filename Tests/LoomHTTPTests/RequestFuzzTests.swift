import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import NIOCore
import Testing
import TestSupport

/// Random requests for the shop's routes: real field names and junk, valid and broken JSON, hostile query strings
/// and path segments, every method.
struct RequestGenerator {
    var random: SeededGenerator

    struct Request: CustomStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var headers: HTTPFields
        var body: [UInt8]?

        var description: String {
            let text = body.map { String(decoding: $0.prefix(300), as: UTF8.self) + ($0.count > 300 ? "… (\($0.count) bytes)" : "") }
            let type = headers[.contentType] ?? "-"
            return "\(method.rawValue) \(uri.prefix(400)) [content-type: \(type)] body: \(text ?? "none")"
        }
    }

    static let fields = ["id", "name", "stock", "widgetId", "widget_id", "label", "partId", "part_id"]
    static let junkKeys = [
        "", " ", "_", "__", "colour", "NAME", "Stock", "名前", "na me", "__proto__", "constructor", "a\\u0000b",
        "x" + String(repeating: "y", count: 300), "name__gte", "stock__in", "🇺🇸", "e\u{301}",
    ]
    static let reserved = ["sort", "direction", "pagination", "page", "limit", "after", "cursor", "profile"]
    static let operators = [
        "", "", "__eq", "__ne", "__gt", "__gte", "__lt", "__lte", "__like", "__ilike", "__contains", "__startswith",
        "__in", "__not_in", "__is_null", "__not_null", "__is_not_null", "__bogus", "__", "__gte__lte", "__IN", "__LIKE",
    ]
    static let segments = [
        "1", "2", "3", "0", "-1", "+1", "007", "abc", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "%00", "1%00", "%20", "1.5", "1e3", "low-stock", "%2F", "..", "%C3%A9", "%FF", "", "%", "%zz", "restock", "parts",
    ]
    /// The shop's paths and the methods each serves; then paths it does not serve.
    static let routes: [(template: String, methods: [HTTPRequest.Method])] = [
        ("/widgets", [.get, .post]), ("/widgets/{w}", [.get, .patch, .delete]), ("/widgets/low-stock", [.get]),
        ("/widgets/{w}/restock", [.post]), ("/widgets/{w}/parts", [.get, .post]),
        ("/widgets/{w}/parts/{p}", [.get, .patch, .delete]),
    ]
    static let junkTemplates = [
        "/widgets/{w}/parts/{p}/x", "/", "/nowhere", "/widgets/", "/widgets//parts", "/widgets/{w}/", "/widgets/{w}/parts/",
        "/widgets/{w}/{p}",
    ]
    static let methods: [HTTPRequest.Method] = [.get, .post, .patch, .delete, .put, .head, .options, HTTPRequest.Method("FROB")!]
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    mutating func request() -> Request {
        // Mostly a path the shop serves with a method it serves there; now and then anything.
        var method = random.pick(Self.methods)
        var uri: String
        if random.chance(90) {
            let route = random.pick(Self.routes)
            if random.chance(85) { method = random.pick(route.methods) }
            if method == .delete && random.chance(60) { method = .get }  // keep rows 1–3 around for longer
            uri = fill(route.template)
        } else if random.chance(70) {
            uri = fill(random.pick(Self.junkTemplates))
        } else {
            uri = "/" + encoded(junkText(maxLength: 40))
        }
        if random.chance(55) { uri += "?" + query() }
        var headers: HTTPFields = [:]
        let sendsBody = [HTTPRequest.Method.post, .patch, .put].contains(method) ? random.chance(92) : random.chance(15)
        var body: [UInt8]?
        if sendsBody {
            body = self.body()
            switch random.int(0..<20) {
            case 0..<13: headers[.contentType] = "application/json"
            case 13..<16: break
            case 16: headers[.contentType] = "text/plain"
            case 17: headers[.contentType] = "application/merge-patch+json; charset=utf-8"
            case 18: headers[.contentType] = random.pick(["", ";", "application/", "APPLICATION/JSON", "application/json; charset=latin1"])
            default: headers[.contentType] = "multipart/form-data; boundary=x"
            }
        }
        if random.chance(10) {
            headers[HTTPField.Name("x-request-id")!] = random.pick(["", "abc", String(repeating: "r", count: 201), "trace-\(random.int(0..<1000))"])
        }
        return Request(method: method, uri: uri, headers: headers, body: body)
    }

    // MARK: paths and queries

    /// Mostly a key that exists (1–3), else a hostile segment or a key that does not.
    mutating func segment() -> String {
        switch random.int(0..<10) {
        case 0..<5: String(random.int(1...3))
        case 5..<8: random.pick(Self.segments)
        default: String(random.int(-5...50))
        }
    }

    mutating func fill(_ template: String) -> String {
        var path = template
        while let range = path.range(of: "{w}") { path.replaceSubrange(range, with: segment()) }
        while let range = path.range(of: "{p}") { path.replaceSubrange(range, with: segment()) }
        return path
    }

    func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "" }

    mutating func query() -> String {
        var parts: [String] = []
        for _ in 0..<random.int(1...4) {
            let key: String
            if random.chance(25) {
                // A well-formed parameter, so that the hostile ones after it are the ones read.
                parts.append(random.pick([
                    "limit=\(random.int(1...10))", "stock__gte=\(random.int(0...5))", "name__like=w%25", "sort=-stock",
                    "pagination=cursor", "pagination=offset", "page=\(random.int(1...3))", "id__in=1,2", "label__contains=p",
                    "direction=DESC", "name__is_null=false",
                ]))
                continue
            }
            switch random.int(0..<10) {
            case 0..<5: key = random.pick(Self.fields) + random.pick(Self.operators)
            case 5..<8: key = random.pick(Self.reserved)
            default: key = random.pick(Self.junkKeys) + (random.chance(30) ? random.pick(Self.operators) : "")
            }
            var part = encoded(key) + "=" + queryValue()
            if random.chance(5) { part = encoded(key) }  // no `=` at all
            if random.chance(3) { part = random.pick(["", "=", "==", "&", "=x", "%", "%zz", "%00=%00", "a=b=c", "+=+"]) }
            parts.append(part)
        }
        if random.chance(4) {
            // Many filters at once, around the limit of 50.
            let field = random.pick(["stock", "id", "name"])
            parts += Array(repeating: "\(field)__gte=1", count: random.int(45...55))
        }
        return parts.joined(separator: "&")
    }

    mutating func queryValue() -> String {
        switch random.int(0..<14) {
        case 0: return String(random.int(-10...100))
        case 1: return random.pick(["-0", "1e400", "0x10", "1.5", "99999999999999999999", "9223372036854775807", "", "+1", " 1"].map(encoded))
        case 2: return random.pick(["true", "false", "maybe", "1", "0", "TRUE", "null"])
        case 3: return random.pick(["asc", "desc", "ASC", "DESC", "sideways", "offset", "cursor", "OFFSET", "both"])
        case 4: return encoded(random.pick(["name", "-name", "stock,-id", "id,id", "label", "nope", ",", "-", "name,,stock", " name"]))
        case 5: return random.pick(["%00", "a%00b", "abc%5C", "%5C", "%25", "%", "%zz", "%C3", "%FF%FE", "%E2%80%AE", "%F0%9F%87%BA"])
        case 6: return encoded(random.pick(["1,2,3", "1,,2", ",", "a,b", "1, 2", String(repeating: "1,", count: 200) + "1"]))
        case 7: return encoded(String(repeating: random.pick(["a", "é", "%", "_", "\\"]), count: random.pick([999, 1_000, 1_001, 600, 5])))
        case 8:
            // Something shaped like a cursor: base64url JSON, a dot, a tag.
            let json = random.pick([
                #"{"s":"id:asc","v":[{"i":1}]}"#, #"{"s":"id:asc","v":[{"s":"x"}]}"#, #"{"s":"id:asc","v":[]}"#,
                #"{"s":"name:asc,id:asc","v":[{"s":"a\u0000"},{"i":1}]}"#, #"{"v":1}"#, "[]", "garbage",
            ])
            let body = Data(json.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            return encoded(body + random.pick([".x", ".", "", ".0123456789abcdef", "..x", "." + Self.checksum(body)]))
        case 9: return random.pick(["withParts", "nope", "", "%00"])
        default: return encoded(junkText(maxLength: random.chance(10) ? 2_000 : 30))
        }
    }

    /// The runtime's cursor checksum (FNV-1a over a fixed prefix and the body), so a forged cursor gets past it.
    static func checksum(_ body: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("loom-cursor-v1:".utf8) + Array(body.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    // MARK: bodies

    mutating func body() -> [UInt8] {
        switch random.int(0..<24) {
        case 0..<10: return Array(object(depth: 0).utf8)
        case 10:
            // Valid JSON cut short.
            let text = Array(object(depth: 0).utf8)
            return Array(text.prefix(random.int(0...max(0, text.count - 1))))
        case 11: return Array(value(depth: 0).utf8)
        case 12:
            // Deep nesting, up to 50 levels, of arrays and objects.
            let depth = random.int(1...50)
            var open = "", close = ""
            for _ in 0..<depth {
                if random.chance(50) {
                    open += "["; close = "]" + close
                } else {
                    let key = random.pick(Self.fields)
                    open += "{\"\(key)\":"; close = "}" + close
                }
            }
            let nested = open + value(depth: 50) + close
            return Array((random.chance(50) ? "{\"name\":\(nested)}" : nested).utf8)
        case 13: return []
        case 14: return (0..<random.int(1...64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case 15:
            // One byte of a valid object replaced by any byte (invalid UTF-8 included).
            var bytes = Array(object(depth: 0).utf8)
            if !bytes.isEmpty { bytes[random.int(0..<bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            return bytes
        case 16:
            // A field under both spellings, or twice under one.
            let (a, b) = random.pick([("widgetId", "widget_id"), ("name", "name"), ("partId", "part_id"), ("stock", "Stock")])
            return Array("{\"\(a)\":\(value(depth: 0)),\"\(b)\":\(value(depth: 0))}".utf8)
        default:
            // A plausible body with one hostile value.
            let field = random.pick(["name", "stock", "label", "widgetId"])
            let other = field == "stock" ? "\"name\":\"w\(random.int(0..<100_000))\"" : "\"stock\":\(random.int(-2...9))"
            return Array("{\"\(field)\":\(value(depth: 0)),\(other)}".utf8)
        }
    }

    mutating func object(depth: Int) -> String {
        var members: [String] = []
        for _ in 0..<random.int(0...5) {
            let key = random.chance(75) ? random.pick(Self.fields) : random.pick(Self.junkKeys)
            members.append("\"\(key)\":" + value(depth: depth + 1))
        }
        return "{" + members.joined(separator: random.chance(3) ? ",," : ",") + "}"
    }

    mutating func value(depth: Int) -> String {
        switch random.int(0..<14) {
        case 0: return "null"
        case 1: return random.chance(50) ? "true" : "false"
        case 2: return String(Int64(bitPattern: random.next()) >> random.int(0..<64))
        case 3:
            return random.pick([
                "0", "-0", "1", "-1", "1e400", "-1e400", "1.5", "1E2", "1e-400", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "123456789012345678901234567890", "0.1", "00", "01", "+1", ".5", "NaN", "Infinity",
            ])
        case 4..<9: return string()
        case 9...10 where depth < 50:
            let items = (0..<random.int(0...4)).map { _ in value(depth: depth + 1) }
            return "[" + items.joined(separator: ",") + "]"
        case 11...12 where depth < 50: return object(depth: depth + 1)
        default: return string()
        }
    }

    /// A JSON string literal, now and then not a valid one.
    mutating func string() -> String {
        var text = "\""
        for _ in 0..<random.int(0...6) {
            switch random.int(0..<22) {
            case 0: text += "\\u0000"
            case 1: text += "\\ud800"  // a lone surrogate
            case 2: text += String(repeating: "e\u{301}", count: random.pick([10, 20, 21, 150]))
            case 3: text += String(repeating: "🇺🇸", count: random.pick([10, 20, 21]))
            case 4: text += "\\\"" + "\\\\"
            case 5: text += String(repeating: random.pick(["x", "é", "字"]), count: random.pick([19, 20, 21, 1_000, 5_000]))
            case 6: text += "'; DROP TABLE widgets; --"
            case 7: text += "%_\\\\"
            case 8: text += "\u{202E}\u{200D}\u{FEFF}"
            case 9: text += "\u{01}"  // a raw control character: invalid JSON
            case 10: text += "\\"  // a dangling escape: invalid JSON
            case 11: text += "\\uZZZZ"
            case 12: text += "   "
            default: text += junkText(maxLength: 12).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            }
        }
        return random.chance(2) ? text : text + "\""
    }

    mutating func junkText(maxLength: Int) -> String {
        let alphabet = Array("abcXYZ019 _-%&=?#/.,:;+*\\\"'<>é字🇺🇸\u{301}\u{0}\t\n")
        return String((0..<random.int(0...maxLength)).map { _ in random.pick(alphabet) })
    }
}

/// Thousands of seeded random requests against the shop's in-process router: none may be a 5xx, and every error is the
/// one envelope with a code and the response's trace id.
@Suite("Request fuzz")
struct RequestFuzzTests {
    static let seeds: [UInt64] = [0x5EED_0001, 0x5EED_0002, 0x5EED_0003, 0xC0FF_EE00, 0xBAD_5EED, 0x1_0000_0001]
    static let requestsPerSeed = 500

    @Test("seeded random requests: never a 5xx, every error the envelope", arguments: seeds)
    func fuzz(seed: UInt64) async throws {
        let (failures, seen) = try await withShop { client -> ([String], [String: Int]) in
            // Rows to find: widgets 1–3, each with a part.
            for index in 1...3 {
                let widget = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name":"w\#(index)","stock":\#(index)}"#))
                let part = try await client.execute(uri: "/widgets/\(index)/parts", method: .post, body: json(#"{"label":"p\#(index)"}"#))
                #expect(widget.status == .created && part.status == .created)
            }
            var generator = RequestGenerator(random: SeededGenerator(seed: seed))
            var failures: [String] = []
            var seen: [String: Int] = [:]  // "status code" → how many
            for index in 0..<Self.requestsPerSeed {
                let request = generator.request()
                let label = "seed \(String(seed, radix: 16)) #\(index): \(request)"
                let response: TestResponse
                do {
                    response = try await client.execute(
                        uri: request.uri, method: request.method, headers: request.headers, body: request.body.map { ByteBuffer(bytes: $0) })
                } catch {
                    failures.append("\(label) → threw \(error)")
                    continue
                }
                let code = (object(response)["detail"] as? [String: Any])?["code"] as? String
                seen["\(response.status.code) \(code ?? "-")", default: 0] += 1
                if let problem = Self.problem(response, request: request) {
                    failures.append("\(label) → \(problem)")
                }
            }
            return (failures, seen)
        }
        // The requests reach past the first check: some succeed, and each kind of refusal happens.
        let histogram = seen.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        for prefix in ["2", "400 bad_request", "404 not_found", "422 validation_error"] {
            #expect(seen.keys.contains { $0.hasPrefix(prefix) }, "seed \(String(seed, radix: 16)) never answered \(prefix): \(histogram)")
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.requestsPerSeed) requests failed:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    /// Nil when the response keeps the contract.
    static func problem(_ response: TestResponse, request: RequestGenerator.Request) -> String? {
        let text = String(buffer: response.body)
        let seen = "\(response.status.code) \(text.prefix(300))"
        guard response.status.code < 500 else { return "a server error: \(seen)" }
        guard response.status.code >= 400 else { return nil }
        if request.method == .head && response.body.readableBytes == 0 { return nil }  // HEAD answers carry no body
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any],
              object.count == 1, let detail = object["detail"] as? [String: Any]
        else { return "not the envelope: \(seen)" }
        guard let code = detail["code"] as? String, !code.isEmpty else { return "no detail.code: \(seen)" }
        guard detail["message"] is String else { return "no detail.message: \(seen)" }
        let requestID = response.headers[HTTPField.Name("x-request-id")!]
        guard requestID != nil, detail["traceId"] as? String == requestID else {
            return "traceId \(detail["traceId"] ?? "nil") is not x-request-id \(requestID ?? "nil"): \(seen)"
        }
        return nil
    }
}
