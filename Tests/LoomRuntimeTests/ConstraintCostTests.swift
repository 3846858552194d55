import Foundation
@testable import LoomRuntime
import Testing

/// Constraints stay linear in the length of the text: the email check is a one-pass scanner (the regex it replaces
/// backtracked quadratically on `a@b.b.b…`), and a developer's `@pattern` only sees text of bounded length.
@Suite("Constraint cost")
struct ConstraintCostTests {
    @Test func emailAgreesWithItsRegexOnOrdinaryInput() {
        for text in ["ada@example.com", "a@b.c", "a.b@c.d.e", "a@b.c.", "@b.c", "a@.c", "a@bc", "a@b@c.d", "a @b.c", "a@b.c ", "", "a@b..", "a@.b."] {
            #expect(ValueConstraint.isEmail(text) == RegexCache.wholeMatch(text, ValueConstraint.emailPattern), "\(text)")
        }
    }

    @Test func hostileTextIsCheckedQuickly() {
        let hostile = "a@" + String(repeating: "b.", count: 100_000) + " "
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(ValueConstraint(.email).violation(for: .text(hostile)) == "must be a valid email address")
            #expect(ValueConstraint(.pattern("(a|b|\\.)*c")).violation(for: .text(hostile)) != nil)
        }
        #expect(elapsed < .seconds(3))  // linear: milliseconds; a backtracking engine would take longer than the universe
    }
}

/// Values Loom did not write fail one request at most; they never trap the process.
@Suite("Foreign values")
struct ForeignValueTests {
    @Test func outOfRangeValuesAreErrorsNotTraps() throws {
        #expect(Timestamp.format(Date.distantFuture.addingTimeInterval(1e300)) == "infinity")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1e300)) == "-infinity")
        #expect(throws: SQLDecodingError.self) { try Int(sqlValue: .double(.infinity)) }
        #expect(throws: SQLDecodingError.self) { try Int(sqlValue: .double(1e300)) }
        #expect(try Int(sqlValue: .double(42)) == 42)
    }
}
