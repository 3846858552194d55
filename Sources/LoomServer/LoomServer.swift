import Foundation
import Hummingbird
import Logging
import LoomHTTP
import LoomPostgres
import LoomRedis
import LoomRuntime
import LoomSQLite
import ServiceLifecycle

/// Runs a generated schema as an HTTP server: opens the database named by the environment, creates missing tables (or,
/// when the schema has migrations, applies them with `--migrate` or `MIGRATE=1`, else refuses to start while any is
/// pending), registers the schema's routes plus `GET /health`, and serves until SIGTERM or SIGINT.
public enum LoomServer {
    ///
    /// A failure (bad settings, a pending migration, an unknown job) prints one line to stderr and exits with status 1,
    /// rather than ending the process in a crash report.
    ///
    /// `context` is the request context the routes run with: `BasicLoomRequestContext`, or the application's own type
    /// (values of its own next to the request id and the caller's identity).
    public static func run<Schema: LoomHTTPSchema, Context: LoomRequestContext>(
        _ schema: Schema.Type, context: Context.Type = BasicLoomRequestContext.self,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        arguments: [String] = CommandLine.arguments,
        configure: @Sendable (Database) throws -> Void = { _ in },
        authenticator: Authenticator? = nil
    ) async throws where Schema.Services == NoServices, Context.Source == ApplicationRequestContextSource {
        try await run(
            schema, services: NoServices(), context: context, environment: environment, arguments: arguments,
            configure: configure, authenticator: authenticator)
    }

    /// The same, for a schema that declares services: `services` holds one implementation of each (the generated
    /// `<Schema>Services`), so a server cannot be built without them.
    public static func run<Schema: LoomHTTPSchema, Context: LoomRequestContext>(
        _ schema: Schema.Type, services: Schema.Services, context: Context.Type = BasicLoomRequestContext.self,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        arguments: [String] = CommandLine.arguments,
        configure: @Sendable (Database) throws -> Void = { _ in },
        authenticator: Authenticator? = nil
    ) async throws where Context.Source == ApplicationRequestContextSource {
        do {
            try await serve(
                schema, services: services, context: context, environment: environment, arguments: arguments,
                authenticator: authenticator, configure: configure)
        } catch {
            // A migration problem has already been printed, with its context.
            if !(error is MigrationError) {
                FileHandle.standardError.write(Data("loom: \(Schema.name): \(error)\n".utf8))
            }
            exit(1)
        }
    }

    /// Makes the authenticator of a schema that declares `auth` from the server's settings (`JWTAuthenticator` for
    /// JWTs, or the application's own).
    public typealias Authenticator = @Sendable (ServerSettings) async throws -> any LoomAuthenticator

    static func serve<Schema: LoomHTTPSchema, Context: LoomRequestContext>(
        _ schema: Schema.Type, services application: Schema.Services, context: Context.Type, environment: [String: String],
        arguments: [String],
        authenticator: Authenticator?,
        configure: @Sendable (Database) throws -> Void
    ) async throws where Context.Source == ApplicationRequestContextSource {
        let (configFile, commandArguments) = try ServerArguments.configFile(in: arguments)
        let settings = try await ServerSettings.load(
            environment: environment, configFile: configFile, schemaName: Schema.name, jobNames: Schema.jobs.map(\.name))
        // A schema that says who may do what cannot serve without knowing who calls.
        if Schema.principal != nil, authenticator == nil {
            throw ServerSettings.InvalidSetting(description: "the schema declares auth: pass an authenticator to LoomServer.run")
        }
        var authentication: (any LoomAuthenticator)?
        if let authenticator { authentication = try await authenticator(settings) }
        let command = try JobCommand.parse(commandArguments)
        if settings.logFormat == "json" { JSONLogHandler.bootstrap() }
        // Tracing first, so its exporter is the last service stopped: spans of the last requests are flushed.
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        let tracing = settings.tracingEnabled ? try ServerTracing.start(serviceName: Schema.name, logLevel: level) : nil
        var logger = tracing.map { Logger(label: "loom.\(Schema.name)", metadataProvider: $0.metadata) } ?? Logger(label: "loom.\(Schema.name)")
        logger.logLevel = level
        BodyLimit.set(settings.bodyLimitBytes)
        // First: what is recorded from here on (the job counters included) goes to this registry.
        let metrics = settings.metricsEnabled ? ServerMetrics.registry() : nil

        let (databaseEngine, engineServices, poolRunning) = try await openEngine(settings, logger: logger)
        var services = (tracing.map { [$0.service] } ?? []) + engineServices
        var concurrency = 4
        if case .worker(_, let count) = command { concurrency = count }
        let redis = settings.redis.map { RedisClient(url: $0, threads: concurrency + 4) }
        let engine = cachingEngine(databaseEngine, schema: Schema.self, settings: settings, redis: redis, command: command, logger: logger)
        let system = Database(engine: engine, caller: .system, services: application).with(jobSettings: settings.jobs)
        let backend = JobBackend(settings: settings, database: system, redis: redis, logger: logger)
        // With Redis, a dispatch outside a transaction goes there directly; inside one, through the outbox.
        let database = Database(engine: engine, directJobs: backend.direct, caller: .system, services: application)
            .with(jobSettings: settings.jobs)
        // The configuration's `jobs.<Job>.*` over the schema's options, for dispatches (above) and workers alike.
        let jobs = Schema.jobs.map { $0.applying(settings.jobs[$0.name]) }
        if command != .serve {
            // The engine is shut down whatever happens: an SQLite connection left open traps when it is freed.
            do {
                try configure(database)
                try await runJobCommand(
                    command, schema: Schema.self, database: database, backend: backend, services: services,
                    poolRunning: poolRunning, shutdownTimeoutSeconds: settings.shutdownTimeoutSeconds, logger: logger)
            } catch {
                await backend.shutdown()
                try? await engine.shutdown()
                throw error
            }
            await backend.shutdown()
            try await engine.shutdown()
            return
        }
        let databaseReady = ReadySignal()
        if !jobs.isEmpty {
            // Dispatches committed here (or left by a process that died) go on to Redis.
            if let relay = backend.relay { services.append(JobLoopService(relay: relay, ready: databaseReady)) }
            // The embedded worker: jobs run in the server process unless `jobs.worker` is false (separate `worker`
            // processes run them).
            if settings.runsJobs {
                let worker = JobWorker(
                    database: database, definitions: jobs, store: backend.store,
                    options: .init(lease: .seconds(settings.jobLeaseSeconds)), logger: logger)
                services.append(JobLoopService(worker: worker, ready: databaseReady))
            }
        }

        let router = Router(context: Context.self)
        // Outermost, so the span ends with the response's status and its `x-request-id` (the client's or a new one).
        if tracing != nil { router.add(middleware: TracingMiddleware(recordingHeaders: [RequestIDMiddleware<Context>.header])) }
        router.add(middleware: RequestIDMiddleware())
        // Outside the error middleware, so it records the status the client gets; by route template.
        if metrics != nil {
            router.add(middleware: MetricsMiddleware())
            router.add(middleware: FrameworkMetricsMiddleware())
        }
        router.add(middleware: ErrorMiddleware(realm: Schema.name))
        router.get("/health") { _, _ in try JSONResponse.make(["status": "ok"]) }
        ReadinessRoute.register(on: router, engine: engine, redis: backend.redis, started: databaseReady)
        if let metrics { ServerMetrics.register(on: router, registry: metrics) }
        let document = Schema.openAPIDocument
        if !document.isEmpty {
            router.get("/openapi.json") { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] = "application/json"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document)))
            }
            DocsPage.register(on: router, title: "\(Schema.name) API")
        }
        if !jobs.isEmpty { JobStatusHandler.register(on: router, store: backend.store) }
        try configure(database)  // customizations first: the routes take their repositories now
        // The schema's routes act for the caller the authenticator proves; the operational routes above stay open.
        let api = router.group()
        if let authentication { api.add(middleware: AuthenticationMiddleware(authentication)) }
        Schema.addRoutes(to: api, database: database)

        let description = settings.databaseDescription + (backend.redis == nil || jobs.isEmpty ? "" : "; jobs on \(backend.description)")
        let name = Schema.name
        let createStatements = Schema.createStatements(for: engine.dialect)
        let migrations = Schema.migrations
        let migrate = migrationRequested(environment: environment, arguments: arguments)
        let migrationLogger = logger
        var app = Application(
            router: router,
            // A connection that sends nothing for this long is closed, so idle or stalled clients cannot pile up; a
            // request the HTTP parser refuses is still answered in the envelope.
            server: .http1(configuration: .init(
                additionalChannelHandlers: [MalformedRequestHandler()],
                idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "loom"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                // A stable line that scripts and tests wait for.
                let line = "loom: \(name) listening on http://\(settings.host):\(port) (\(description))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger
        )
        app.beforeServerStarts {
            _ = await poolRunning.wait()
            // Without migrations, the tables are created if missing; with them, they are applied (--migrate or
            // MIGRATE=1) or must all be applied already.
            if migrations.isEmpty {
                try await engine.executeScript(createStatements)
            } else {
                try await prepareMigrations(migrations, engine: engine, migrate: migrate, schemaName: name, logger: migrationLogger)
            }
            if !jobs.isEmpty { try await JobQueue.prepare(engine) }
            databaseReady.open()
        }
        do {
            // SIGTERM or SIGINT: stop accepting, finish the requests under way, then close the pools — bounded by
            // `shutdown_timeout_seconds`, after which what is left is cancelled.
            var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            group.maximumGracefulShutdownDuration = .seconds(settings.shutdownTimeoutSeconds)
            try await ServiceGroup(configuration: group).run()
        } catch {
            await backend.shutdown()
            try? await engine.shutdown()
            throw error
        }
        await backend.shutdown()
        try await engine.shutdown()
    }

    /// `worker`: the schema's jobs without HTTP, until SIGTERM; `jobs …`: one query of the queue.
    static func runJobCommand<Schema: LoomHTTPSchema>(
        _ command: JobCommand, schema: Schema.Type, database: Database, backend: JobBackend, services: [any Service],
        poolRunning: ReadySignal,
        shutdownTimeoutSeconds: Int, logger: Logger
    ) async throws {
        let engine = database.engine
        guard case .worker(let queues, let concurrency) = command else {
            // A query: the engine's own services (PostgreSQL's pool) run just while it does.
            let found = try await withThrowingTaskGroup(of: Void.self) { group in
                for service in services { group.addTask { try await service.run() } }
                defer { group.cancelAll() }
                _ = await poolRunning.wait()
                try await JobQueue.prepare(engine)
                return try await JobCommand.runQuery(command, store: backend.store)
            }
            if !found { throw JobCommand.Invalid(description: "not found") }
            return
        }
        let ready = ReadySignal()
        let worker = JobWorker(
            database: database, definitions: Schema.jobs.map { $0.applying(database.jobSettings[$0.name]) }, store: backend.store,
            options: .init(queues: queues, concurrency: concurrency, lease: .seconds(backend.leaseSeconds)), logger: logger)
        let line = "loom: \(Schema.name) worker on \((queues ?? worker.queues).joined(separator: ", ")) (\(concurrency) at a time, jobs in \(backend.description))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        var loops: [any Service] = [JobLoopService(worker: worker, ready: ready)]
        if let relay = backend.relay { loops.append(JobLoopService(relay: relay, ready: ready)) }
        // The job table is made by a service started after the engine's own (PostgreSQL's pool). Made beside the
        // group, as before, its statement often reached the pool before `run()` did, which PostgresNIO warns about.
        let table = StartupService {
            _ = await poolRunning.wait()
            try await JobQueue.prepare(engine)
            ready.open()
        }
        var configuration = ServiceGroupConfiguration(
            services: (services + [table] + loops).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(shutdownTimeoutSeconds)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// `--migrate` among the arguments, or `MIGRATE` set to `1`, `true` or `yes`.
    static func migrationRequested(environment: [String: String], arguments: [String]) -> Bool {
        arguments.dropFirst().contains("--migrate") || ["1", "true", "yes"].contains(environment["MIGRATE"]?.lowercased() ?? "")
    }

    /// Applies pending migrations when asked to; otherwise refuses to serve while any is pending. Either way a
    /// migration edited after it was applied stops the server (see `Migrator`).
    static func prepareMigrations(
        _ migrations: [Migration], engine: any DatabaseEngine, migrate: Bool, schemaName: String, logger: Logger
    ) async throws {
        let migrator = Migrator(engine: engine, migrations: migrations)
        do {
            if migrate {
                let applied = try await migrator.migrate()
                logger.info("\(applied.isEmpty ? "migrations up to date" : "applied migrations \(applied.joined(separator: ", "))")")
                // A migration may change rows without the cache hearing of it: answers cached before are not trusted.
                if !applied.isEmpty { await engine.readCache?.reset() }
            } else {
                let pending = try await migrator.pending()
                if !pending.isEmpty { throw MigrationError.pending(ids: pending.map(\.id)) }
            }
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("loom: \(schemaName): not starting: \(error)\n".utf8))
            throw error
        }
    }

    /// The engine with the read cache, when the schema caches reads and `cache.enabled` is on: its in-process level,
    /// and Redis's when `REDIS_URL` is set. Without Redis the cache hears only of this process's writes, so a server
    /// whose jobs run in other processes (`jobs.worker: false`) does not cache, and a worker reports to no one.
    static func cachingEngine<Schema: LoomSchema>(
        _ engine: any DatabaseEngine, schema: Schema.Type, settings: ServerSettings, redis: RedisClient?, command: JobCommand,
        logger: Logger
    ) -> any DatabaseEngine {
        guard Schema.cachesReads, settings.cacheEnabled else { return engine }
        guard let redis else {
            guard command == .serve, settings.runsJobs else {
                if command == .serve {
                    logger.notice("read cache off: jobs run in other processes (jobs.worker: false) and REDIS_URL is not set")
                }
                return engine
            }
            return CachingEngine(base: engine, cache: ReadCache(maximumBytes: settings.cacheMaxBytes))
        }
        let shared = RedisCacheLevel(redis: redis, namespace: settings.redisNamespace)
        return CachingEngine(base: engine, cache: ReadCache(maximumBytes: settings.cacheMaxBytes, shared: shared))
    }

    /// The engine, the services it needs run, and a signal open once they run (at once for SQLite).
    static func openEngine(
        _ settings: ServerSettings, logger: Logger
    ) async throws -> (any DatabaseEngine, [any Service], running: ReadySignal) {
        let running = ReadySignal()
        switch settings.database {
        case .sqlite(let path):
            running.open()
            return (try await SQLiteEngine.open(path: path, logger: logger), [], running)
        case .postgres(let url) where settings.databaseDriver == "libpq":
            running.open()
            let engine = try LibpqEngine(
                url: url, statementTimeout: settings.statementTimeoutMilliseconds.map { .milliseconds($0) },
                connectionTimeout: settings.poolTimeoutMilliseconds.map { .milliseconds($0) }, poolSize: settings.poolSize,
                pipelines: settings.pipelines, logger: logger)
            return (engine, [], running)
        case .postgres(let url):
            let engine = try PostgresEngine(
                url: url, statementTimeout: settings.statementTimeoutMilliseconds.map { .milliseconds($0) },
                connectionTimeout: settings.poolTimeoutMilliseconds.map { .milliseconds($0) }, poolSize: settings.poolSize,
                minimumConnections: settings.poolMinimum, keepAlive: .some(settings.keepAliveSeconds.map { .seconds($0) }),
                logger: logger)
            let client = engine.client
            return (engine, [PoolService(run: { await client.run() }, running: running)], running)
        }
    }
}
