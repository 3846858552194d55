import CLibpq
import Foundation
import LoomRuntime

/// A statement parameter as libpq sends it: its type's OID and its bytes in PostgreSQL's binary format (nil: NULL).
/// Binary, so a string travels with its length (a NUL in it reaches the server, which refuses it, rather than
/// cutting the C string short) and numbers and instants need no text round trip.
struct BoundValue: Sendable {
    let type: Oid
    let bytes: [UInt8]?

    /// As `PostgresEngine.bindings` binds it: int8, float8, bool, text, timestamptz (microseconds rounded to the
    /// nearest, see `PostgresTimestamp`).
    init(_ value: SQLValue) {
        switch value {
        case .null: (type, bytes) = (0, nil)
        case .int(let value): (type, bytes) = (20, Self.bigEndian(Int64(value)))
        case .double(let value): (type, bytes) = (701, Self.bigEndian(Int64(bitPattern: value.bitPattern)))
        case .bool(let value): (type, bytes) = (16, [value ? 1 : 0])
        case .string(let value): (type, bytes) = (25, Array(value.utf8))
        case .date(let value): (type, bytes) = (1184, Self.bigEndian(PostgresTimestamp(value).microseconds))
        }
    }

    /// `value` sent as `type`, a prepared statement's declared parameter type (so a NULL first never changes it).
    init(_ value: SQLValue, as type: Oid) {
        let bound = BoundValue(value)
        self.type = type
        self.bytes = bound.bytes
    }

    /// The OID a prepared statement declares for a parameter of a column of `type` (as `PreparedModelStatement`).
    static func oid(_ type: ColumnType) -> Oid {
        switch type {
        case .int, .int32: 20
        case .double: 701
        case .bool: 16
        case .dateTime: 1184
        case .string, .text, .enumeration, .decimal, .date, .uuid, .json, .array: 25
        }
    }

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// Calls `body` with libpq's parallel arrays for `parameters` (count, types, values, lengths, formats), valid
    /// only during the call.
    static func withParameters<R>(
        _ parameters: [BoundValue],
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        var storage: [UInt8] = [0]  // never empty, so an empty string still has an address
        var offsets: [Int] = []
        offsets.reserveCapacity(parameters.count)
        for parameter in parameters {
            offsets.append(storage.count)
            if let bytes = parameter.bytes { storage.append(contentsOf: bytes) }
        }
        let types = parameters.map(\.type)
        let lengths = parameters.map { Int32($0.bytes?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: parameters.count)
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let values: [UnsafePointer<CChar>?] = parameters.indices.map { index in
                parameters[index].bytes == nil ? nil : (base + offsets[index]).assumingMemoryBound(to: CChar.self)
            }
            return body(Int32(parameters.count), types, values, lengths, formats)
        }
    }
}

/// A statement's result (text format) as rows of `SQLValue`, typed by each column's OID as `PostgresEngine.value`
/// types them; or the error the server answered, mapped like postgres-nio's.
enum LibpqResult {
    static func rows(_ result: PipelinedConnection.Result) throws -> [SQLRow] {
        let result = result.pointer
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE: break
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: return []
        default: throw error(result)
        }
        let count = Int(PQntuples(result))
        let columns = Int32(PQnfields(result))
        let types = (0..<columns).map { PQftype(result, $0) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(count)
        for row in 0..<Int32(count) {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columns))
            for column in 0..<columns {
                guard PQgetisnull(result, row, column) == 0, let pointer = PQgetvalue(result, row, column) else {
                    values.append(.null)
                    continue
                }
                let text = UnsafeRawBufferPointer(start: pointer, count: Int(PQgetlength(result, row, column)))
                values.append(try value(text.bindMemory(to: UInt8.self), type: types[Int(column)]))
            }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    static func value(_ text: UnsafeBufferPointer<UInt8>, type: Oid) throws -> SQLValue {
        switch type {
        case 20, 21, 23:  // int8, int2, int4
            guard let number = Int(parsing: text) else { throw LibpqError.decoding("integer", String(decoding: text, as: UTF8.self)) }
            return .int(number)
        case 700, 701, 1700:  // float4, float8, numeric
            guard let number = Double(String(decoding: text, as: UTF8.self)) else {
                throw LibpqError.decoding("number", String(decoding: text, as: UTF8.self))
            }
            return .double(number)
        case 16: return .bool(text.first == UInt8(ascii: "t"))
        case 1184, 1114, 1082:  // timestamptz, timestamp, date
            guard let microseconds = PostgresText.microsecondsSince2000(text) else {
                throw LibpqError.decoding("timestamp", String(decoding: text, as: UTF8.self))
            }
            // As postgres-nio decodes a binary timestamp, so both engines read the same `Date`.
            return .date(Date(timeInterval: Double(microseconds) / 1_000_000, since: PostgresText.epoch))
        default: return .string(String(decoding: text, as: UTF8.self))
        }
    }

    /// The server's error: a constraint or data error mapped as on every backend, a timeout; else the message.
    static func error(_ result: OpaquePointer) -> any Error {
        // libpq's PG_DIAG_* codes, C character constants that Swift does not import.
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let fields = PostgresErrorFields(
            sqlState: field("C"), table: field("t"), constraint: field("n"), column: field("c"), message: field("M"),
            detail: field("D"))
        if let mapped = fields.databaseError { return mapped }
        // Class 08 (connection) and 57P (shutdown): the database went away under the statement.
        if let state = fields.sqlState, state.hasPrefix("08") || state.hasPrefix("57P") {
            return LoomError.unavailable(message: "the database is unavailable (\(fields.message ?? state)); try again")
        }
        return LibpqError.server(sqlState: fields.sqlState ?? "", message: String(cString: PQresultErrorMessage(result)))
    }
}

/// What the driver could not map to a `DatabaseError`: a server error with its SQLSTATE, or a value it cannot read.
public enum LibpqError: Error, CustomStringConvertible {
    case server(sqlState: String, message: String)
    case decoding(String, String)

    public var description: String {
        switch self {
        case .server(let state, let message): "PostgreSQL error \(state): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .decoding(let kind, let text): "cannot read '\(text)' as a \(kind)"
        }
    }
}

/// PostgreSQL's text output of instants, read without Foundation's date parsing (a page has dozens of them).
enum PostgresText {
    static let epoch = Date(timeIntervalSince1970: 946_684_800)

    /// `2026-12-05 05:55:12.123456+00` (the session runs in UTC), `2026-12-05 05:55:12`, `2026-12-05`, `infinity`,
    /// `-infinity`, with ` BC` for years before 1: microseconds since 2000-01-01T00:00:00Z.
    static func microsecondsSince2000(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        if text.elementsEqual("infinity".utf8) { return .max }
        if text.elementsEqual("-infinity".utf8) { return .min }
        var index = 0
        func number(_ digits: Int? = nil) -> Int? {
            var value = 0
            var count = 0
            while index < text.count, let digit = text[index].asciiDigit, digits.map({ count < $0 }) ?? true {
                value = value * 10 + digit
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }
        func skip(_ character: Character) -> Bool {
            guard index < text.count, text[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard var year = number(), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        var seconds = 0
        var fraction = 0
        if skip(" ") || skip("T") {
            guard let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2) else { return nil }
            seconds = hour * 3600 + minute * 60 + second
            if skip(".") {
                let start = index
                guard let digits = number(), index - start <= 6 else { return nil }
                fraction = digits
                for _ in (index - start)..<6 { fraction *= 10 }
            }
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                let sign = text[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                var offset = hours * 3600
                if skip(":"), let minutes = number(2) { offset += minutes * 60 }
                if skip(":"), let secs = number(2) { offset += secs }
                seconds -= sign * offset
            }
        }
        if skip(" "), index + 2 <= text.count, text[index] == UInt8(ascii: "B"), text[index + 1] == UInt8(ascii: "C") {
            year = 1 - year
            index += 2
        }
        guard index == text.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day) - 10_957  // 1970-01-01 → 2000-01-01
        return (Int64(days) * 86_400 + Int64(seconds)) * 1_000_000 + Int64(fraction)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension UInt8 {
    fileprivate var asciiDigit: Int? {
        self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") ? Int(self - UInt8(ascii: "0")) : nil
    }
}

extension Int {
    /// A decimal integer with an optional sign, and nothing else.
    fileprivate init?(parsing text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        var value = 0
        while index < text.count {
            guard let digit = text[index].asciiDigit else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        self = value
    }
}
