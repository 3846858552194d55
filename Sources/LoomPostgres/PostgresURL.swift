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

    /// `sslmode` as libpq spells it. With none, `prefer` (libpq's default): TLS when the server offers it. `require`,
    /// `verify-ca` and `verify-full` all verify the certificate and host name (stricter than libpq's `require`). Any
    /// other value is refused rather than read as `prefer`, so a typo never silently means plaintext.
    public static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw InvalidURL(description: "must look like postgres://user:pass@host:port/db, got '\(redacted(url))'")
        }
        guard let host = components.host, !host.isEmpty else {
            throw InvalidURL(description: "has no host: '\(redacted(url))'")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        default:
            throw InvalidURL(description:
                "sslmode must be disable, allow, prefer, require, verify-ca or verify-full, got '\(sslMode)'")
        }
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database, tls: tls)
    }

    /// The URL with its password replaced by `***`: what messages and logs may show.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else {
            // Not parseable as a URL: hide anything between `://user:` and `@` by hand.
            guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].firstIndex(of: "@"),
                  let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":")
            else { return url }
            return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
        }
        components.password = "***"
        return components.string ?? url
    }
}
