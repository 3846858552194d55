import Foundation
import LoomClient
import LoomVocabulary
import OpenAPIRuntime
import Testing

@Suite("JSON as the server writes it: instants with 0 to 9 fractional digits, decimals as numbers")
struct CodingTests {
    struct Stamped: Codable, Equatable {
        var at: Date
    }

    static func decodeDate(_ text: String) throws -> Date {
        try LoomJSONCoding.makeDecoder().decode(Stamped.self, from: Data(#"{"at":"\#(text)"}"#.utf8)).at
    }

    /// 2026-12-05T10:00:00Z.
    static let base: TimeInterval = 1_796_464_800

    @Test("fractions of 0, 3, 6 and 9 digits, and offsets", arguments: [
        ("2026-12-05T10:00:00Z", 0.0),
        ("2026-12-05T10:00:00.123Z", 0.123),
        ("2026-12-05T10:00:00.123456Z", 0.123456),
        ("2026-12-05T10:00:00.123456789Z", 0.123456789),
        ("2026-12-05T10:00:00.5Z", 0.5),
        ("2026-12-05t10:00:00.000001z", 0.000001),
        ("2026-12-05T11:30:00.25+01:30", 0.25),
        ("2026-12-05T08:00:00-0200", 0.0),
    ])
    func dates(text: String, fraction: Double) throws {
        let date = try Self.decodeDate(text)
        #expect(abs(date.timeIntervalSince1970 - (Self.base + fraction)) < 1e-6, "\(text)")
    }

    @Test("the server's microseconds survive a round trip exactly")
    func roundTrip() throws {
        for text in ["2026-12-05T10:00:00.123456Z", "1969-12-31T23:59:59.999999Z", "2000-02-29T00:00:00.000001Z", "2100-12-31T23:59:59.999999Z",
                     "9999-12-31T23:59:59.000000Z", "0001-01-01T00:00:00.000000Z"] {
            let date = try #require(LoomTimestamp.parse(text))
            #expect(LoomTimestamp.format(date) == text)
        }
        // A `Date` (a Double of seconds from 2001) holds every microsecond only within about 140 years of 2001; far
        // from it the nearest instant it holds is written (the server's own `Date`s have the same limit).
        let far = try #require(LoomTimestamp.parse("9999-12-31T23:59:58.999999Z"))
        #expect(abs(far.timeIntervalSince(try #require(LoomTimestamp.parse(LoomTimestamp.format(far))))) < 0.0001)
        // Nanoseconds are rounded to the microsecond the server keeps.
        #expect(LoomTimestamp.format(try Self.decodeDate("2026-12-05T10:00:00.123456789Z")) == "2026-12-05T10:00:00.123457Z")
        let encoded = try LoomJSONCoding.makeEncoder().encode(Stamped(at: Date(timeIntervalSince1970: Self.base)))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"at":"2026-12-05T10:00:00.000000Z"}"#)
    }

    @Test("not instants: a day past its month, no seconds, no zone, a dot without digits, garbage")
    func invalid() {
        for text in ["2026-02-29T00:00:00Z", "2026-12-05T10:00Z", "2026-12-05T10:00:00", "2026-12-05T10:00:00.Z", "2026-12-05 10:00:00Z",
                     "2026-13-01T00:00:00Z", "2026-12-05T24:00:00Z", "2026-12-05T10:00:00+25:00", "yesterday", ""] {
            #expect(LoomTimestamp.parse(text) == nil, "\(text)")
        }
        #expect(throws: DecodingError.self) { try Self.decodeDate("2026-12-05") }
        // PostgreSQL's infinities, which the server writes past year 9999.
        #expect(LoomTimestamp.parse("infinity") == .distantFuture)
        #expect(LoomTimestamp.parse("-infinity") == .distantPast)
    }

    @Test("OpenAPIRuntime's DateTranscoder reads and writes the same text")
    func transcoder() throws {
        let transcoder: any DateTranscoder = LoomDateTranscoder()
        let date = try transcoder.decode("2026-12-05T10:00:00.123Z")
        #expect(try transcoder.encode(date) == "2026-12-05T10:00:00.123000Z")
        #expect(throws: DecodingError.self) { try transcoder.decode("soon") }
    }

    @Test("Decimal is a JSON number both ways, its digits kept")
    func decimals() throws {
        struct Priced: Codable, Equatable { var price: Decimal }
        let text = #"{"price":12345678901.25}"#
        let decoded = try LoomJSONCoding.makeDecoder().decode(Priced.self, from: Data(text.utf8))
        #expect(decoded.price == Decimal(string: "12345678901.25"))
        #expect(String(decoding: try LoomJSONCoding.makeEncoder().encode(decoded), as: UTF8.self) == text)
    }

    @Test("page envelopes and the job status have exactly the vocabulary's members")
    func members() {
        #expect(OffsetPage<Int>.CodingKeys.allCases.map(\.rawValue) == PageEnvelope.offsetMembers)
        #expect(CursorPage<Int>.CodingKeys.allCases.map(\.rawValue) == PageEnvelope.cursorMembers)
        #expect(LoomJobStatus.CodingKeys.allCases.map(\.rawValue) == JobStatusRoute.members)
    }
}
