import Foundation

/// The version keys of the read cache: each names a set of rows whose change makes a cached answer stale. A cached
/// answer records the version of every key it depends on, read before the database was; a committed write bumps the
/// keys of the rows it changed; an answer whose recorded versions are not all current is not served.
///
/// - `row`: one row, by table and key (a get by id);
/// - `table`: any row of a table (lists, and a profile's included targets);
/// - `rows`: every row of a table at once, bumped when a write changes rows it cannot name (a cascade, a foreign key
///   moved to another parent); every answer that names a row or group of the table also depends on it;
/// - `group`: the rows of a table whose foreign-key column holds a value (a parent's included children, its counts);
/// - `database`: any write at all (the custom read use cases, whose Swift code may read anything).
public enum CacheKeys {
    public static func row(_ table: String, _ key: SQLValue) -> String { "r:\(table):\(text(key))" }
    public static func table(_ table: String) -> String { "t:\(table)" }
    public static func rows(_ table: String) -> String { "e:\(table)" }
    public static func group(_ table: String, _ column: String, _ value: SQLValue) -> String { "g:\(table):\(column):\(text(value))" }
    public static let database = "db"

    /// A value as it appears in a key: kinds are told apart, so `1` and `"1"` never share a key.
    public static func text(_ value: SQLValue) -> String {
        switch value {
        case .int(let number): "i\(number)"
        case .string(let text): "s\(text)"
        case .double(let number): "d\(number)"
        case .bool(let flag): flag ? "b1" : "b0"
        case .date(let date): "t\(date.timeIntervalSince1970)"
        case .null: "n"
        }
    }
}
