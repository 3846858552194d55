import Foundation
import LoomRuntime
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test func formatsUTCWithMicroseconds() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(Timestamp.format(date) == "2023-11-14T22:13:20.123456Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500000Z")
    }

    @Test func parsesWhatItFormatsAndCommonVariants() throws {
        let date = Timestamp.truncated(Date(timeIntervalSince1970: 1_700_000_000.123456))
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
        #expect(Timestamp.parse("2023-11-14T22:13:20Z") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Timestamp.parse("2023-11-14 22:13:20") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Timestamp.parse("2023-11-15T00:13:20+02:00") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Timestamp.parse("2023-11-14T22:13:20.5Z") == Date(timeIntervalSince1970: 1_700_000_000.5))
    }

    /// Nothing rolls over into another instant: no 31 February, no 60th second, no offset past ±23:59.
    @Test(arguments: [
        "", "2023-11-14", "2023-13-01T00:00:00Z", "2023-11-14T25:00:00Z", "2023-11-14T22:13:20Zjunk", "nope",
        "2026-02-31T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T12:00:00Z", "2026-01-01T00:00:60Z",
        "2026-01-01T00:00:00+99:99", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00-05:75",
    ])
    func rejectsMalformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapDaysAndOffsetsThatExistParse() {
        #expect(Timestamp.parse("2024-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("1900-02-29T12:00:00Z") == nil)
        #expect(Timestamp.parse("2026-01-01T05:30:00+05:30") == Timestamp.parse("2026-01-01T00:00:00Z"))
    }
}
