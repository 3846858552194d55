import Foundation
import LoomPostgres
import LoomRedis

/// Where the server listens and which database it uses, read from the environment:
/// `PORT` (default 8000; 0 picks a free port), `HOST` (default 127.0.0.1; 0.0.0.0 in a container),
/// `DATABASE_URL` (`postgres://user:pass@host:port/db`, or `sqlite:PATH`; default `sqlite:./<schema>.db`),
/// `LOG_LEVEL` (default info), `LOG_FORMAT` (`text`, the default, or `json`: one JSON object per line), `IDLE_TIMEOUT_SECONDS` (default 60: an idle connection is closed), and
/// `STATEMENT_TIMEOUT_MS` (default 30000 on PostgreSQL: a slower statement is cancelled and the request gets a 503;
/// 0 for none), `DATABASE_POOL_SIZE` (default 20 connections per process on PostgreSQL, postgres-nio's) and
/// `DATABASE_POOL_TIMEOUT_MS` (default 5000: a request that waits longer for a connection gets a 503; 0 for no limit),
/// `REDIS_URL` (`redis://[:password@]host:port/db`; default none: jobs run on the embedded queue in the database),
/// `REDIS_NAMESPACE` (default the schema's name: the prefix of every key, so deployments can share one Redis) and
/// `JOB_LEASE_SECONDS` (default 30: how long a job is its worker's without renewal; a dead worker's job is delivered
/// again after it).
public struct ServerSettings: Sendable, Equatable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public struct InvalidSetting: Error, CustomStringConvertible {
        public var description: String
    }

    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var logLevel: String
    /// `text` or `json`.
    public var logFormat: String
    public var idleTimeoutSeconds: Int
    /// Nil for none.
    public var statementTimeoutMilliseconds: Int?
    public var poolSize: Int
    /// Nil for no limit.
    public var poolTimeoutMilliseconds: Int?
    /// Nil: jobs run on the queue in the database.
    public var redis: RedisURL?
    public var redisNamespace: String
    public var jobLeaseSeconds: Int

    public init(environment: [String: String], schemaName: String) throws {
        host = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = try Self.number(environment, "PORT", default: 8000, in: 0...65535)
        logLevel = environment["LOG_LEVEL"] ?? "info"
        logFormat = environment["LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "text"
        guard ["text", "json"].contains(logFormat) else {
            throw InvalidSetting(description: "LOG_FORMAT must be text or json, got '\(environment["LOG_FORMAT"] ?? "")'")
        }
        idleTimeoutSeconds = try Self.number(environment, "IDLE_TIMEOUT_SECONDS", default: 60, in: 1...Int.max)
        let statementTimeout = try Self.number(environment, "STATEMENT_TIMEOUT_MS", default: 30_000, in: 0...Int.max)
        statementTimeoutMilliseconds = statementTimeout == 0 ? nil : statementTimeout
        poolSize = try Self.number(environment, "DATABASE_POOL_SIZE", default: 20, in: 1...1000)
        let poolTimeout = try Self.number(environment, "DATABASE_POOL_TIMEOUT_MS", default: 5_000, in: 0...Int.max)
        poolTimeoutMilliseconds = poolTimeout == 0 ? nil : poolTimeout
        redis = try environment["REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
            do { return try RedisURL(text) } catch { throw InvalidSetting(description: String(describing: error)) }
        }
        redisNamespace = environment["REDIS_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? schemaName
        jobLeaseSeconds = try Self.number(environment, "JOB_LEASE_SECONDS", default: 30, in: 1...86_400)
        let url = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "sqlite:./\(schemaName).db"
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            database = .postgres(url: url)
        } else if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            database = .sqlite(path: path.isEmpty ? "./\(schemaName).db" : path)
        } else {
            throw InvalidSetting(description: "DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got '\(PostgresURL.redacted(url))'")
        }
    }

    static func number(_ environment: [String: String], _ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = environment[name].flatMap({ $0.isEmpty ? nil : $0 }) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            let bounds = range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw InvalidSetting(description: "\(name) must be a whole number \(bounds), got '\(text)'")
        }
        return value
    }

    /// A printable form that never shows a password.
    public var databaseDescription: String {
        switch database {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL \(components.string ?? "")"
        }
    }
}
