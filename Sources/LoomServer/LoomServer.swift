import Foundation
import Hummingbird
import Logging
import LoomHTTP
import LoomPostgres
import LoomRuntime
import LoomSQLite
import ServiceLifecycle

/// Runs a generated schema as an HTTP server: opens the database named by the environment, creates missing tables,
/// registers the schema's routes plus `GET /health`, and serves until SIGTERM or SIGINT.
public enum LoomServer {
    public static func run<Schema: LoomHTTPSchema>(
        _ schema: Schema.Type, environment: [String: String] = ProcessInfo.processInfo.environment,
        configure: @Sendable (Database) throws -> Void = { _ in }
    ) async throws {
        let settings = try ServerSettings(environment: environment, schemaName: Schema.name)
        var logger = Logger(label: "loom.\(Schema.name)")
        logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info

        let (engine, services) = try await openEngine(settings.database, logger: logger)
        let database = Database(engine: engine)

        let router = Router(context: LoomRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.get("/health") { _, _ in try JSONResponse.make(["status": "ok"]) }
        try configure(database)  // customizations first: the routes take their repositories now
        Schema.addRoutes(to: router, database: database)

        let description = settings.databaseDescription
        let name = Schema.name
        let createStatements = Schema.createStatements(for: engine.dialect)
        var app = Application(
            router: router,
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
            try await engine.executeScript(createStatements)
        }
        do {
            try await app.runService()
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }

    static func openEngine(
        _ location: ServerSettings.DatabaseLocation, logger: Logger
    ) async throws -> (any DatabaseEngine, [any Service]) {
        switch location {
        case .sqlite(let path):
            return (try await SQLiteEngine.open(path: path, logger: logger), [])
        case .postgres(let url):
            let engine = try PostgresEngine(url: url, logger: logger)
            return (engine, [engine.client])
        }
    }
}
