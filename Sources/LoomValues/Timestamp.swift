import Foundation

/// ISO-8601 instants with microsecond precision, the precision PostgreSQL keeps. One format for JSON and for SQLite
/// text columns, so a value reads back equal whatever the backend. Foundation's ISO8601 styles stop at milliseconds,
/// hence this small formatter of our own.
public enum Timestamp {
    /// The current time, truncated to whole microseconds so it survives every backend unchanged.
    public static func now() -> Date {
        truncated(Date())
    }

    public static func truncated(_ date: Date) -> Date {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
        return Date(timeIntervalSince1970: micros / 1_000_000)
    }

    /// `2026-11-27T03:24:43.123456Z`.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        write(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(date)`'s bytes, appended: JSON responses write timestamps without making a `String` of each.
    public static func write(_ date: Date, to bytes: inout [UInt8]) {
        // PostgreSQL's `infinity` arrives as a date past any Int64 of microseconds: say so rather than trap.
        guard let totalMicros = Int64(exactly: (date.timeIntervalSince1970 * 1_000_000).rounded()),
              abs(totalMicros) < 253_402_300_800_000_000  // year 10000
        else { return bytes.append(contentsOf: (date.timeIntervalSince1970 > 0 ? "infinity" : "-infinity").utf8) }
        var seconds = time_t(totalMicros.floorDiv(1_000_000))
        let micros = Int(totalMicros - Int64(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        /// `value` in at least `width` digits (years past 9999 cannot reach here; a year before 1 gets a sign).
        func digits(_ value: Int, _ width: Int, then separator: UInt8?) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value.magnitude
            while UInt(divisor) * 10 <= rest { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / UInt(divisor) % 10))
                rest %= UInt(divisor)
                divisor /= 10
            }
            if let separator { bytes.append(separator) }
        }
        digits(Int(parts.tm_year) + 1900, 4, then: UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2, then: UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2, then: UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2, then: UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2, then: UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2, then: UInt8(ascii: "."))
        digits(micros, 6, then: UInt8(ascii: "Z"))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]]`; a missing zone means UTC. Strict: no rolling over.
    public static func parse(_ text: String) -> Date? {
        var scanner = Substring(text)
        func number(_ digits: Int) -> Int? {
            guard scanner.count >= digits else { return nil }
            let head = scanner.prefix(digits)
            guard head.allSatisfy(\.isASCII), head.allSatisfy(\.isNumber), let value = Int(head) else { return nil }
            scanner = scanner.dropFirst(digits)
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard scanner.first == character else { return false }
            scanner = scanner.dropFirst()
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        guard skip("T") || skip("t") || skip(" "), let hour = number(2), skip(":"), let minute = number(2) else { return nil }
        var second = 0
        var fraction = 0.0
        if skip(":") {
            guard let value = number(2) else { return nil }
            second = value
            if skip(".") || skip(",") {
                let digits = scanner.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
                fraction = value
                scanner = scanner.dropFirst(digits.count)
            }
        }
        var offsetSeconds = 0
        if skip("Z") || skip("z") {
        } else if let sign = scanner.first, sign == "+" || sign == "-" {
            scanner = scanner.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = skip(":")
            let minutes = number(2) ?? 0
            guard hours < 24, minutes < 60 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        }
        // A day past its month's end (`2026-02-31`) or an offset past ±23:59 would roll over into another instant.
        guard scanner.isEmpty, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24,
              minute < 60, second < 60, abs(offsetSeconds) < 24 * 3600, offsetSeconds % 3600 / 60 < 60
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds - offsetSeconds) + fraction)
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
