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

    @Test(arguments: ["", "2023-11-14", "2023-13-01T00:00:00Z", "2023-11-14T25:00:00Z", "2023-11-14T22:13:20Zjunk", "nope"])
    func rejectsMalformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
