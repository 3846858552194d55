@testable import LoomHTTP
import LoomRuntime
import Testing

/// Query values are parsed whole, with the column's type, before they are bound.
@Suite("List query values")
struct ListQueryValueTests {
    @Test(arguments: ["1", "-12.50", "+0.5", "007"])
    func plainDecimalsAreAccepted(text: String) {
        #expect(ListQueryParser.value(text, type: .decimal(precision: 10, scale: 2)) == .string(text))
    }

    /// `Decimal(string:)` reads a prefix, so these used to be bound raw and fail in PostgreSQL's numeric cast (a 500).
    @Test(arguments: ["1.5abc", "1,5", "1e99999", ".5", "5.", "", "-", "NaN", "1.2.3"])
    func anythingElseIsRefused(text: String) {
        #expect(ListQueryParser.value(text, type: .decimal(precision: 10, scale: 2)) == nil)
    }
}
