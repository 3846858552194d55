import Foundation
import LoomValues

/// A date without a time or zone (LoomValues); `LoomRuntime.CalendarDate` still names it.
public typealias CalendarDate = LoomValues.CalendarDate

/// `2026-11-27` in SQLite, `DATE` on PostgreSQL.
extension LoomValues.CalendarDate: SQLValueConvertible {
    public var sqlValue: SQLValue { .string(description) }

    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .string(let text):
            guard let value = CalendarDate(String(text.prefix(10))) else { throw SQLDecodingError(expected: "Date", found: sqlValue) }
            self = value
        case .date(let date):
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            guard let value = CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) else {
                throw SQLDecodingError(expected: "Date", found: sqlValue)
            }
            self = value
        default:
            throw SQLDecodingError(expected: "Date", found: sqlValue)
        }
    }
}
