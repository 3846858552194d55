import Foundation
import LoomPostgres
import LoomRuntime
import LoomRedis

/// The server's settings: each read from its environment variable, else from the YAML file named by `--config`, else
/// its default. The table of keys, variables and defaults is `docs/operations.md`'s; `config/store.yaml` sets each.
/// A bad value stops the server at start-up with one line naming the key and where it was set (file:line:column or
/// the variable); passwords in URLs never appear in it, nor in any log line.
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
    public var idleTimeoutSeconds: Int
    /// The largest request body read; past it a request gets a 413.
    public var bodyLimitBytes: Int
    /// How long SIGTERM waits for the requests (and jobs) under way before cancelling them.
    public var shutdownTimeoutSeconds: Int
    public var database: DatabaseLocation
    /// The PostgreSQL client: `libpq` (pipelined sessions, the default) or `postgres-nio` (a pool of connections).
    public var databaseDriver: String
    /// Shared pipelined sessions (`libpq` only).
    public var pipelines: Int
    public var poolSize: Int
    /// Connections kept open however idle (default: the whole pool).
    public var poolMinimum: Int
    /// Nil: idle connections are not pinged.
    public var keepAliveSeconds: Int?
    /// Nil for no limit.
    public var poolTimeoutMilliseconds: Int?
    /// Nil for none.
    public var statementTimeoutMilliseconds: Int?
    /// Nil: jobs run on the queue in the database.
    public var redis: RedisURL?
    public var redisNamespace: String
    public var jobLeaseSeconds: Int
    /// Whether a server process also runs jobs (false: separate `worker` processes do).
    public var runsJobs: Bool
    public var logLevel: String
    /// `text` or `json`.
    public var logFormat: String
    /// `GET /metrics` and the metrics middleware.
    public var metricsEnabled: Bool
    /// Spans for requests, use cases and statements, exported with swift-otel (a build with the `OTel` trait).
    public var tracingEnabled: Bool
    /// Whether the schema's `cache` declarations are served from the read cache (`docs/cache.md`).
    public var cacheEnabled: Bool
    /// The in-process level's bound, in bytes of answers.
    public var cacheMaxBytes: Int
    /// How tokens are verified, for a schema that declares `auth`.
    public var auth: AuthSettings
    /// `jobs.<Job>.*`: what the configuration changes of each job the schema declares, by job name.
    public var jobs: [String: JobSettings]

    /// The keys of `auth.jwt.*`: a shared secret (HS256/384/512) or an identity provider's public keys (a PEM file for
    /// RS256 or ES256, or a JWKS file). Read by the authenticator the application passes to `LoomServer.run`.
    public struct AuthSettings: Sendable, Equatable {
        public var jwtSecret: String?
        /// Nil: HS256 with a secret; a public key file needs it (RS256 or ES256).
        public var jwtAlgorithm: String?
        public var jwtPublicKeyFile: String?
        public var jwtJWKSFile: String?
    }

    /// Every key a configuration file may hold, in the order `docs/operations.md` lists them.
    public static let keys = [
        "host", "port", "idle_timeout_seconds", "body_limit_bytes", "shutdown_timeout_seconds",
        "database.url", "database.driver", "database.pipelines", "database.pool_size", "database.pool_min", "database.pool_timeout_ms",
        "database.statement_timeout_ms", "database.keep_alive_seconds",
        "redis.url", "redis.namespace", "jobs.lease_seconds", "jobs.worker",
        "log.level", "log.format", "metrics.enabled", "tracing.enabled", "cache.enabled", "cache.max_bytes",
        "auth.jwt.secret", "auth.jwt.algorithm", "auth.jwt.public_key_file", "auth.jwt.jwks_file",
    ]
    static let secretKeys = ["database.url", "redis.url", "auth.jwt.secret"]

    /// The settings of a server for `schemaName`, from `environment` and the YAML file at `configFile` (if any).
    /// `jobNames` are the schema's jobs, which `jobs.<Job>.*` may configure; any other job name is an error.
    public static func load(
        environment: [String: String], configFile: String?, schemaName: String, jobNames: [String] = []
    ) async throws -> ServerSettings {
        let catalog = SettingsCatalog(keys: keys, jobNames: jobNames)
        let source = try SettingsSource(environment: environment, file: configFile, catalog: catalog, secretKeys: secretKeys)
        return try ServerSettings(source, schemaName: schemaName, jobNames: catalog.jobNames)
    }

    init(_ source: SettingsSource, schemaName: String, jobNames: [String]) throws {
        let read = SettingReader(source: source)
        host = read.text("host") ?? "127.0.0.1"
        port = try read.number("port", default: 8000, in: 0...65535)
        idleTimeoutSeconds = try read.number("idle_timeout_seconds", default: 60, in: 1...Int.max)
        bodyLimitBytes = try read.number("body_limit_bytes", default: 1 << 20, in: 1...Int.max)
        shutdownTimeoutSeconds = try read.number("shutdown_timeout_seconds", default: 30, in: 1...3_600)

        let url = source.value("database.url")
        let databaseURL = url?.text ?? "sqlite:./\(schemaName).db"
        if databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
            do { _ = try PostgresURL.configuration(from: databaseURL) } catch { throw read.invalid(url, "\(error)") }
            database = .postgres(url: databaseURL)
        } else if databaseURL.hasPrefix("sqlite:") {
            let path = String(databaseURL.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            database = .sqlite(path: path.isEmpty ? "./\(schemaName).db" : path)
        } else {
            throw read.invalid(url, "must start with postgres://, postgresql:// or sqlite:, got '\(PostgresURL.redacted(databaseURL))'")
        }
        databaseDriver = try read.choice("database.driver", default: "libpq", among: ["libpq", "postgres-nio"])
        pipelines = try read.number("database.pipelines", default: 2, in: 1...64)
        poolSize = try read.number("database.pool_size", default: 20, in: 1...1000)
        poolMinimum = try read.number("database.pool_min", default: poolSize, in: 0...poolSize)
        keepAliveSeconds = try read.number("database.keep_alive_seconds", default: 0, in: 0...86_400).nonZero
        poolTimeoutMilliseconds = try read.number("database.pool_timeout_ms", default: 5_000, in: 0...Int.max).nonZero
        statementTimeoutMilliseconds = try read.number("database.statement_timeout_ms", default: 30_000, in: 0...Int.max).nonZero

        let redisURL = source.value("redis.url")
        do { redis = try redisURL.map { try RedisURL($0.text) } } catch { throw read.invalid(redisURL, "\(error)") }
        redisNamespace = read.text("redis.namespace") ?? schemaName
        jobLeaseSeconds = try read.number("jobs.lease_seconds", default: 30, in: 1...86_400)
        runsJobs = try read.flag("jobs.worker", default: true)

        logLevel = try read.choice("log.level", default: "info", among: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        logFormat = try read.choice("log.format", default: "text", among: ["text", "json"])
        metricsEnabled = try read.flag("metrics.enabled", default: true)
        tracingEnabled = try read.flag("tracing.enabled", default: false)
        cacheEnabled = try read.flag("cache.enabled", default: true)
        cacheMaxBytes = try read.number("cache.max_bytes", default: 64 << 20, in: 0...Int.max)
        auth = AuthSettings(
            jwtSecret: read.text("auth.jwt.secret"), jwtAlgorithm: read.text("auth.jwt.algorithm"),
            jwtPublicKeyFile: read.text("auth.jwt.public_key_file"), jwtJWKSFile: read.text("auth.jwt.jwks_file"))
        var jobs: [String: JobSettings] = [:]
        for job in jobNames {
            let prefix = "jobs.\(job)."
            let settings = JobSettings(
                retries: try read.optionalNumber(prefix + "retries", in: 0...100),
                queue: try read.queueName(prefix + "queue"),
                timeout: try read.optionalNumber(prefix + "timeout", in: 0...86_400).map { .seconds($0) },
                priority: try read.optionalNumber(prefix + "priority", in: JobQueue.priorities))
            if settings != JobSettings() { jobs[job] = settings }
        }
        self.jobs = jobs
    }

    /// A printable form that never shows a password.
    public var databaseDescription: String {
        switch database {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let url): return "PostgreSQL \(PostgresURL.redacted(url))"
        }
    }
}

/// Reads one setting as a number, a switch or one of several words, failing with where the bad value was set.
private struct SettingReader {
    let source: SettingsSource

    func text(_ key: String) -> String? { source.value(key)?.text }

    func number(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = source.value(key) else { return defaultValue }
        guard let number = Int(value.text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            let bounds = range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw invalid(value, "must be a whole number \(bounds), got '\(value.text)'")
        }
        return number
    }

    func optionalNumber(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard source.value(key) != nil else { return nil }
        return try number(key, default: 0, in: range)
    }

    /// A queue's name as the schema writes one: lowercase letters, digits, `-` and `_`, starting with a letter.
    func queueName(_ key: String) throws -> String? {
        guard let value = source.value(key) else { return nil }
        let name = value.text
        guard let first = name.first, first.isLowercase, first.isASCII,
              name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" })
        else { throw invalid(value, "must be a queue name (lowercase letters, digits, - and _), got '\(name)'") }
        return name
    }

    func flag(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = source.value(key) else { return defaultValue }
        switch value.text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw invalid(value, "must be true or false, got '\(value.text)'")
        }
    }

    func choice(_ key: String, default defaultValue: String, among choices: [String]) throws -> String {
        guard let value = source.value(key) else { return defaultValue }
        let word = value.text.lowercased()
        guard choices.contains(word) else {
            throw invalid(value, "must be \(choices.dropLast().joined(separator: ", ")) or \(choices.last!), got '\(value.text)'")
        }
        return word
    }

    func invalid(_ value: SettingsSource.Value?, _ message: String) -> ServerSettings.InvalidSetting {
        ServerSettings.InvalidSetting(description: "\(value?.origin ?? "configuration"): \(message)")
    }
}

extension Int {
    /// Nil for 0, the settings' "none".
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}
