import CLibpq
import Foundation

/// How the libpq engine opens a session: the database URL (libpq reads `postgres://…` and its `sslmode`), and the
/// session settings every statement relies on: UTC (instants are read from their text form) and the statement
/// timeout.
struct LibpqSettings: Sendable {
    let url: String
    let statementTimeout: Duration?
    /// How long opening a session may take (libpq's `connect_timeout`, whole seconds).
    let connectSeconds: Int

    var options: String {
        var options = "-c TimeZone=UTC"
        if let statementTimeout {
            let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
            options += " -c statement_timeout=\(max(1, milliseconds))"
        }
        return options
    }

    /// A new blocking-mode session (the caller makes it non-blocking), or nil when none could be opened.
    func connect() -> OpaquePointer? {
        // `dbname` holding a URL is expanded (expand_dbname = 1); the other keywords add to it.
        let pairs = [("dbname", url), ("options", options), ("connect_timeout", String(connectSeconds)), ("application_name", "loom")]
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let keywordPointers: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        guard let connection = PQconnectdbParams(keywordPointers, valuePointers, 1) else { return nil }
        guard PQstatus(connection) == CONNECTION_OK else {
            PQfinish(connection)
            return nil
        }
        return connection
    }
}
