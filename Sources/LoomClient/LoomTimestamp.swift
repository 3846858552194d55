import Foundation
import OpenAPIRuntime

/// The instants of a Loom API on the wire: ISO 8601 in UTC with microseconds (`2026-12-05T10:00:00.123456Z`), the
/// precision PostgreSQL keeps and the server writes. Parsing is lenient where servers and proxies differ (0 to 9
/// fractional digits or more, `Z` or an offset); Foundation's ISO 8601 styles take either no fraction or exactly
/// milliseconds, hence this small codec of our own, on integer calendar arithmetic (no `Calendar`, no `tm`).
public enum LoomTimestamp {
    /// Seconds from 1970-01-01 to 2001-01-01, the reference date `Date` counts from.
    static let referenceFromUnixEpoch: Int64 = 978_307_200

    /// `2026-12-05T10:00:00.123456Z`: what the server writes and reads back equal on every backend.
    public static func format(_ date: Date) -> String {
        // Whole microseconds, counted from the reference date so the Double keeps its precision, then from 1970.
        let referenceMicros = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard let micros = Int64(exactly: referenceMicros) else { return date.timeIntervalSinceReferenceDate > 0 ? "infinity" : "-infinity" }
        let total = micros + referenceFromUnixEpoch * 1_000_000
        let seconds = total.floorDivided(by: 1_000_000)
        let fraction = total - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(fromDaysSinceEpoch: days)
        var text = year < 0 ? "-" : ""
        text += padded(abs(year), 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        text += "T" + padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2)
        return text + "." + padded(fraction, 6) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`; `t` and `z` in lower case too. Digits past nanoseconds are
    /// read and dropped. PostgreSQL's `infinity` and `-infinity`, which the server writes for an instant past year
    /// 9999, read as `Date.distantFuture` and `Date.distantPast`. Nil for anything else, a day past its month's end
    /// included.
    public static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"),
              let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2)
        else { return nil }
        var nanoseconds: Int64 = 0
        if scanner.skip(".") || scanner.skip(",") {
            let digits = Array(scanner.digits())
            guard !digits.isEmpty else { return nil }
            for index in 0..<9 {
                nanoseconds = nanoseconds * 10 + (index < digits.count ? Int64(digits[index] - UInt8(ascii: "0")) : 0)
            }
        }
        var offset: Int64 = 0
        if scanner.skip("Z") || scanner.skip("z") {
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return nil }
            _ = scanner.skip(":")
            guard let minutes = scanner.number(digits: 2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.isAtEnd, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24,
              minute < 60, second < 60
        else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(
            timeIntervalSinceReferenceDate: Double(seconds - referenceFromUnixEpoch) + Double(nanoseconds) / 1_000_000_000)
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch` (`civil_from_days`).
    static func civilDate(fromDaysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Reads ASCII bytes left to right.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func number(digits count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        mutating func digits() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}

/// `LoomTimestamp` as OpenAPIRuntime's date transcoder, for a client generated by Swift OpenAPI Generator that talks
/// to a Loom server beside this one (`Configuration(dateTranscoder: LoomDateTranscoder())`).
public struct LoomDateTranscoder: DateTranscoder {
    public init() {}

    public func encode(_ date: Date) throws -> String { LoomTimestamp.format(date) }

    public func decode(_ text: String) throws -> Date {
        guard let date = LoomTimestamp.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "expected an ISO 8601 date-time such as 2026-12-05T10:00:00.123456Z, got '\(text)'"))
        }
        return date
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so instants before 1970 split into a day and a time of day.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
