import Foundation
import PostgresNIO

/// Parses `DATABASE_URL`-style connection strings into a client configuration.
public enum PostgresURL {
    public struct InvalidURL: Error, CustomStringConvertible {
        public var description: String
    }

    /// `statement_timeout` for every session of the pool, in whole milliseconds; nil leaves the server's default.
    public static func setStatementTimeout(_ timeout: Duration?, on configuration: inout PostgresClient.Configuration) {
        guard let timeout else { return }
        let milliseconds = timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000
        configuration.options.additionalStartupParameters.append(("statement_timeout", String(milliseconds)))
    }

    public static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw InvalidURL(description: "DATABASE_URL must look like postgres://user:pass@host:port/db, got '\(url)'")
        }
        guard let host = components.host, !host.isEmpty else {
            throw InvalidURL(description: "DATABASE_URL has no host: '\(url)'")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database, tls: tls)
    }
}
