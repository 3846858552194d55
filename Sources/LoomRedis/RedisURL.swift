import Foundation

/// Where Redis is: `redis://[[user]:password@]host[:port][/db]` (the form `REDIS_URL` takes everywhere).
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["redis", "rediss"].contains(components.scheme) else {
            throw Invalid(description: "must look like redis://host:port/db, got '\(Self.redact(text))'")
        }
        if components.scheme == "rediss" { throw Invalid(description: "TLS (rediss://) is not supported") }
        guard let host = components.host, !host.isEmpty else {
            throw Invalid(description: "names no host: '\(Self.redact(text))'")
        }
        self.host = host
        self.port = components.port ?? 6379
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        self.username = (user?.isEmpty ?? true) ? nil : user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if path.isEmpty {
            self.database = 0
        } else if let number = Int(path), number >= 0 {
            self.database = number
        } else {
            throw Invalid(description: "the database must be a number, got '\(path)'")
        }
        if components.query != nil { throw Invalid(description: "REDIS_URL takes no query parameters") }
    }

    /// The URL with its password replaced, for logs and messages.
    public var description: String {
        let credentials = password == nil ? (username.map { "\($0)@" } ?? "") : "\(username ?? ""):***@"
        return "redis://\(credentials)\(host):\(port)/\(database)"
    }

    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "redis://***"
    }
}
