import Foundation
@testable import LoomServer
import Testing

/// Settings from a YAML file under environment variables: defaults, overrides, and one clear line for each bad value,
/// naming the key and where it was set, never a password.
@Suite("Server settings")
struct ServerSettingsTests {
    /// A configuration file in a fresh folder, removed afterwards.
    func withFile<T>(_ yaml: String, _ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try await body(path)
    }

    func failure(_ environment: [String: String], file: String?) async -> String {
        do {
            let settings = try await ServerSettings.load(environment: environment, configFile: file, schemaName: "store")
            return "loaded \(settings)"
        } catch {
            return "\(error)"
        }
    }

    @Test("with neither file nor variables, the defaults: SQLite ./store.db on 127.0.0.1:8000")
    func defaults() async throws {
        let settings = try await ServerSettings.load(environment: [:], configFile: nil, schemaName: "store")
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8000)
        #expect(settings.database == .sqlite(path: "./store.db"))
        #expect(settings.poolSize == 20)
        #expect(settings.poolTimeoutMilliseconds == 5_000)
        #expect(settings.statementTimeoutMilliseconds == 30_000)
        #expect(settings.redis == nil)
        #expect(settings.redisNamespace == "store")
        #expect(settings.runsJobs)
        #expect(settings.bodyLimitBytes == 1 << 20)
        #expect(settings.logFormat == "text")
        #expect(settings.metricsEnabled)
        #expect(!settings.tracingEnabled)
    }

    @Test("the file sets values; an environment variable overrides its key; an empty one unsets it")
    func fileUnderEnvironment() async throws {
        let yaml = """
            port: 9000
            database:
              url: postgres://app:s3cret@db.internal:5432/store
              pool_size: 8
              statement_timeout_ms: 0
            redis:
              url: redis://cache:6379/2
            jobs:
              worker: false
            log:
              format: json
            """
        try await withFile(yaml) { path in
            let fromFile = try await ServerSettings.load(environment: [:], configFile: path, schemaName: "store")
            #expect(fromFile.port == 9000)
            #expect(fromFile.database == .postgres(url: "postgres://app:s3cret@db.internal:5432/store"))
            #expect(fromFile.poolSize == 8)
            #expect(fromFile.statementTimeoutMilliseconds == nil)
            #expect(fromFile.redis?.host == "cache")
            #expect(fromFile.redis?.database == 2)
            #expect(!fromFile.runsJobs)
            #expect(fromFile.logFormat == "json")
            #expect(!fromFile.databaseDescription.contains("s3cret"))

            let overridden = try await ServerSettings.load(
                environment: ["PORT": "7000", "DATABASE_POOL_SIZE": "3", "REDIS_URL": "", "JOBS_WORKER": "1"],
                configFile: path, schemaName: "store")
            #expect(overridden.port == 7000)
            #expect(overridden.poolSize == 3)
            #expect(overridden.redis == nil)
            #expect(overridden.runsJobs)
            #expect(overridden.logFormat == "json")
        }
    }

    @Test("a bad value in the file is named by file, line, column and key")
    func badValueInFile() async throws {
        try await withFile("port: 8000\ndatabase:\n  pool_size: lots\n") { path in
            let message = await failure([:], file: path)
            #expect(message == "\(path):3:14: database.pool_size: must be a whole number from 1 to 1000, got 'lots'")
        }
    }

    @Test("a bad value in the environment is named by its variable")
    func badValueInEnvironment() async throws {
        #expect(await failure(["LOG_FORMAT": "xml"], file: nil) == "environment variable LOG_FORMAT: must be text or json, got 'xml'")
        #expect(await failure(["METRICS_ENABLED": "maybe"], file: nil) == "environment variable METRICS_ENABLED: must be true or false, got 'maybe'")
        #expect(await failure(["PORT": "70000"], file: nil) == "environment variable PORT: must be a whole number from 0 to 65535, got '70000'")
    }

    @Test("an unknown key, a misplaced section and invalid YAML are errors, not silence")
    func unknownKeys() async throws {
        try await withFile("database:\n  url: sqlite:./x.db\n  pool_sise: 5\n") { path in
            let message = await failure([:], file: path)
            #expect(message.hasPrefix("\(path):3:3: unknown key 'database.pool_sise'; the keys are database."))
            #expect(message.contains("database.pool_size, "))
        }
        try await withFile("databse:\n  url: sqlite:./x.db\n") { path in
            #expect(await failure([:], file: path).hasPrefix("\(path):1:1: unknown key 'databse'; the keys are auth.jwt.algorithm, auth.jwt.jwks_file, "))
        }
        try await withFile("log:\n  level:\n    - info\n") { path in
            #expect(await failure([:], file: path) == "\(path):3:5: log.level takes a single value")
        }
        try await withFile("port: [8000\n") { path in
            #expect(await failure([:], file: path).hasPrefix("\(path): not valid YAML: "))
        }
        #expect(await failure([:], file: "/nonexistent/store.yaml") == "/nonexistent/store.yaml: cannot read the configuration file")
    }

    @Test("a bad URL is reported without its password")
    func secretsStayHidden() async throws {
        try await withFile("database:\n  url: mysql://root:hunter2@db/store\nredis:\n  url: http://:hunter2@cache\n") { path in
            let database = await failure([:], file: path)
            #expect(database.hasPrefix("\(path):2:8: database.url: must start with postgres://"))
            #expect(!database.contains("hunter2"))
            let redis = await failure(["DATABASE_URL": "sqlite:./x.db"], file: path)
            #expect(redis.hasPrefix("\(path):4:8: redis.url: "))
            #expect(!redis.contains("hunter2"))
        }
        let sslMode = await failure(["DATABASE_URL": "postgres://u:hunter2@db/store?sslmode=maybe"], file: nil)
        #expect(sslMode.hasPrefix("environment variable DATABASE_URL: sslmode must be"))
        #expect(!sslMode.contains("hunter2"))
    }

    @Test("--config PATH and --config=PATH are taken out of the command's arguments")
    func configArgument() throws {
        let spaced = try ServerArguments.configFile(in: ["store", "--config", "config/store.yaml", "worker", "--concurrency", "2"])
        #expect(spaced.path == "config/store.yaml")
        #expect(spaced.rest == ["store", "worker", "--concurrency", "2"])
        let joined = try ServerArguments.configFile(in: ["store", "--migrate", "--config=prod.yaml"])
        #expect(joined.path == "prod.yaml")
        #expect(joined.rest == ["store", "--migrate"])
        #expect(throws: (any Error).self) { try ServerArguments.configFile(in: ["store", "--config"]) }
    }
}
