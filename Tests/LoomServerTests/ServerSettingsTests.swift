import Foundation
import LoomRuntime
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

    /// Files in one fresh folder, by name; the body gets the folder.
    func withFiles<T>(_ files: [String: String], _ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("shared"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(toFile: folder.appendingPathComponent(name).path, atomically: true, encoding: .utf8) }
        return try await body(folder.path)
    }

    @Test("${env:VAR} and ${env:VAR,default} in values; an unset variable without a default is an error naming its place")
    func environmentReferences() async throws {
        let yaml = """
            port: ${env:APP_PORT,8100}
            database:
              url: postgres://app@${env:DB_HOST}:5432/${oc.env:DB_NAME,store}
            log:
              level: ${env:LOG,}
            redis:
              namespace: literal-\\${env:NOT_READ}
            """
        try await withFile(yaml) { path in
            let settings = try await ServerSettings.load(environment: ["DB_HOST": "db.internal"], configFile: path, schemaName: "store")
            #expect(settings.port == 8100)
            #expect(settings.database == .postgres(url: "postgres://app@db.internal:5432/store"))
            #expect(settings.logLevel == "info")  // an empty default: unset, so the setting's own default
            #expect(settings.redisNamespace == "literal-${env:NOT_READ}")
            let set = try await ServerSettings.load(
                environment: ["DB_HOST": "h", "APP_PORT": "9200", "DB_NAME": "shop"], configFile: path, schemaName: "store")
            #expect(set.port == 9200)
            #expect(set.database == .postgres(url: "postgres://app@h:5432/shop"))
            #expect(await failure([:], file: path)
                == "\(path):3:8: environment variable DB_HOST is not set and ${env:DB_HOST} has no default; write ${env:DB_HOST,default}")
        }
        try await withFile("port: ${vault:PORT}\n") { path in
            #expect(await failure([:], file: path).hasPrefix("\(path):1:7: unknown reference '${vault:PORT}'"))
        }
    }

    @Test("include: files relative to the including one, read first, overridden by it; a cycle is an error naming it")
    func includes() async throws {
        let files = [
            "store.yaml": "include: [shared/base.yaml, local.yaml]\nport: 9000\n",
            "shared/base.yaml": "include: ../common.yaml\nport: 7000\ndatabase:\n  pool_size: 4\n",
            "common.yaml": "log:\n  format: json\ndatabase:\n  pool_size: 2\n",
            "local.yaml": "database:\n  pool_size: 6\n",
        ]
        try await withFiles(files) { folder in
            let settings = try await ServerSettings.load(environment: [:], configFile: folder + "/store.yaml", schemaName: "store")
            #expect(settings.port == 9000)
            #expect(settings.poolSize == 6)
            #expect(settings.logFormat == "json")
        }
        try await withFiles(["a.yaml": "include: b.yaml\n", "b.yaml": "include: [a.yaml]\n"]) { folder in
            let message = await failure([:], file: folder + "/a.yaml")
            #expect(message == "\(folder)/a.yaml: include cycle: a.yaml → b.yaml → a.yaml")
        }
        try await withFiles(["a.yaml": "include: missing.yaml\n"]) { folder in
            #expect(await failure([:], file: folder + "/a.yaml").hasPrefix("\(folder)/a.yaml:1:10: cannot read the included file"))
        }
        try await withFiles(["a.yaml": "include: common.yaml\n", "common.yaml": "database:\n  pool_size: lots\n"]) { folder in
            #expect(await failure([:], file: folder + "/a.yaml")
                == "\(folder)/common.yaml:2:14: database.pool_size: must be a whole number from 1 to 1000, got 'lots'")
        }
    }

    @Test("jobs.<Job>.retries|queue|timeout|priority override the schema; an unknown job is an error at start-up")
    func jobSettings() async throws {
        let yaml = """
            jobs:
              worker: true
              SendRestockEmail:
                retries: 5
                queue: mail
                timeout: 20
                priority: 10
            """
        let jobs = ["SendRestockEmail", "SyncProductToErp"]
        try await withFile(yaml) { path in
            let settings = try await ServerSettings.load(environment: [:], configFile: path, schemaName: "store", jobNames: jobs)
            #expect(settings.jobs == ["SendRestockEmail": JobSettings(retries: 5, queue: "mail", timeout: .seconds(20), priority: 10)])
            let overridden = try await ServerSettings.load(
                environment: ["JOBS_SEND_RESTOCK_EMAIL_RETRIES": "0", "JOBS_SYNC_PRODUCT_TO_ERP_QUEUE": "erp-slow"],
                configFile: path, schemaName: "store", jobNames: jobs)
            #expect(overridden.jobs["SendRestockEmail"]?.retries == 0)
            #expect(overridden.jobs["SyncProductToErp"] == JobSettings(queue: "erp-slow"))
        }
        func loadFailure(_ path: String) async -> String {
            do {
                return "loaded \(try await ServerSettings.load(environment: [:], configFile: path, schemaName: "store", jobNames: jobs))"
            } catch {
                return "\(error)"
            }
        }
        try await withFile("jobs:\n  SendRestockEmal:\n    retries: 1\n") { path in
            #expect(await loadFailure(path)
                == "\(path):2:3: unknown job 'SendRestockEmal' in 'jobs.SendRestockEmal'; the jobs are SendRestockEmail, SyncProductToErp")
        }
        try await withFile("jobs:\n  SendRestockEmail:\n    retry: 1\n") { path in
            #expect(await loadFailure(path)
                == "\(path):3:5: unknown key 'jobs.SendRestockEmail.retry'; a job's keys are retries, queue, timeout, priority")
        }
        try await withFile("jobs:\n  SendRestockEmail:\n    queue: Mail Box\n") { path in
            #expect(await loadFailure(path)
                == "\(path):3:12: jobs.SendRestockEmail.queue: must be a queue name (lowercase letters, digits, - and _), got 'Mail Box'")
        }
        try await withFile("jobs:\n  SendRestockEmail:\n    priority: 500\n") { path in
            #expect(await loadFailure(path) == "\(path):3:15: jobs.SendRestockEmail.priority: must be a whole number from -100 to 100, got '500'")
        }
    }

    @Test("config/production.yaml: its secrets from the environment, or no start; its job settings applied")
    func productionFile() async throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/production.yaml").path
        let jobs = ["SendRestockEmail", "BuildProductSummary", "SyncProductToErp"]
        let environment = ["DATABASE_URL": "postgres://app:pw@db:5432/store", "REDIS_URL": "redis://cache:6379/0"]
        let settings = try await ServerSettings.load(environment: environment, configFile: file, schemaName: "store", jobNames: jobs)
        #expect(settings.database == .postgres(url: "postgres://app:pw@db:5432/store"))
        #expect(settings.redis?.host == "cache")
        #expect(settings.jobs["SendRestockEmail"]?.retries == 4)
        #expect(!settings.runsJobs)
        do {
            _ = try await ServerSettings.load(environment: [:], configFile: file, schemaName: "store", jobNames: jobs)
            Issue.record("started without DATABASE_URL")
        } catch {
            #expect("\(error)".contains("environment variable DATABASE_URL is not set"), "\(error)")
        }
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
