import Foundation
import NIOCore
import PostgresNIO

/// A `timestamptz` bound with its microseconds rounded to the nearest, not truncated: a `Date` is a `Double`, and
/// postgres-nio's own `Date` encoding truncates toward zero, which bound about a quarter of the instants a client
/// reads from a response (and sends back as a filter or inside a cursor) one microsecond early — an equality filter
/// then missed its row, and a cursor sorted by the timestamp repeated a page forever.
struct PostgresTimestamp: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    /// Microseconds since 2000-01-01T00:00:00Z, PostgreSQL's epoch.
    let microseconds: Int64

    /// PostgreSQL's `infinity` and `-infinity` are the extreme microsecond counts, and read back as dates past any
    /// Int64 of microseconds once a `Double`: such a date binds as the infinity it came from, never a trap.
    init(_ date: Date) {
        let value = ((date.timeIntervalSince1970 - 946_684_800) * 1_000_000).rounded()
        if let exact = Int64(exactly: value) {
            microseconds = exact
        } else {
            microseconds = value > 0 ? .max : .min
        }
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microseconds)
    }
}
