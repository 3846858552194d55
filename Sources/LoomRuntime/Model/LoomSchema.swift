/// A whole generated schema (`StoreSchema`): its tables' DDL per dialect. The HTTP layer extends it with routes.
public protocol LoomSchema {
    /// The schema's folder name (`store`).
    static var name: String { get }
    /// `CREATE TABLE IF NOT EXISTS` and `CREATE INDEX IF NOT EXISTS` statements, parents before children.
    static func createStatements(for dialect: SQLDialect) -> [String]
    /// The versioned migrations of the schema's `migrations/` folder, in order (see `Migrator`); empty when the schema
    /// has none, and then the server creates its tables with `createStatements`.
    static var migrations: [Migration] { get }
    /// Every job of the schema as a worker runs it; empty when it declares none.
    static var jobs: [JobDefinition] { get }
    /// Who a caller is (the schema's `auth` declaration); nil for a schema whose API is open.
    static var principal: PrincipalSchema? { get }
    /// Whether any model or route of the schema is cached (`cache ttl …`): then every process of the application
    /// reports its writes to the read cache, even one that serves no cached route (a worker).
    static var cachesReads: Bool { get }
    /// One implementation of each `service` the schema declares (`HelpdeskServices`): what the server must be given.
    associatedtype Services: Sendable = NoServices
}

/// The services of a schema that declares none.
public struct NoServices: Sendable {
    public init() {}
}

extension LoomSchema {
    /// No migrations: code generated before migrations existed, or a schema without a `migrations/` folder.
    public static var migrations: [Migration] { [] }

    public static var jobs: [JobDefinition] { [] }

    public static var principal: PrincipalSchema? { nil }

    public static var cachesReads: Bool { false }
}

/// A connected database: the engine plus the repositories built on it, and where jobs dispatched outside a
/// transaction go directly (Redis, when configured; nil: the queue table).
///
/// A database acts for one caller, and every repository it hands out applies that caller's access rules. It acts
/// for an anonymous caller unless told otherwise: the server gives each request's database its caller
/// (`acting(as:)`), jobs run as the system, and Swift code passes every rule only by asking (`asSystem`).
public struct Database: Sendable {
    public private(set) var engine: any DatabaseEngine
    public let customizations: RepositoryCustomizations
    public let directJobs: (any DirectJobDispatch)?
    public private(set) var caller: Caller
    /// The application's services (`<Schema>Services`), which use cases and jobs reach through their context; nil
    /// for a schema without services.
    public private(set) var services: (any Sendable)?
    /// What the configuration changes of each job (`jobs.<Job>.*`), by job name: dispatches through this database
    /// apply it.
    public private(set) var jobSettings: [String: JobSettings] = [:]

    public init(
        engine: any DatabaseEngine, customizations: RepositoryCustomizations = RepositoryCustomizations(),
        directJobs: (any DirectJobDispatch)? = nil, caller: Caller = .anonymous, services: (any Sendable)? = nil
    ) {
        self.engine = engine
        self.customizations = customizations
        self.directJobs = directJobs
        self.caller = caller
        self.services = services
    }

    /// The same database seen through another engine (a transaction's).
    public func on(_ engine: any DatabaseEngine) -> Database {
        var database = self
        database.engine = engine
        return database
    }

    /// The same database acting for `caller`.
    public func acting(as caller: Caller) -> Database {
        var database = self
        database.caller = caller
        return database
    }

    /// The same database with the application's services.
    public func with(services: some Sendable) -> Database {
        var database = self
        database.services = services
        return database
    }

    /// The same database with the configuration's job settings.
    public func with(jobSettings: [String: JobSettings]) -> Database {
        var database = self
        database.jobSettings = jobSettings
        return database
    }

    /// The read cache of the database's engine, when the server runs one.
    public var readCache: ReadCache? { engine.readCache }

    /// The same database acting as the application itself: no access rule applies.
    public var asSystem: Database { acting(as: .system) }

    /// The model's repository, with its customization if one is registered, acting for the database's caller.
    public func repository<Model: LoomModel>(_ model: Model.Type) -> Repository<Model> {
        Repository(engine: engine, customization: customizations.get(model), caller: caller)
    }

    /// Registers the customization of a model's repository; do it before routes are added (at start-up).
    public func customize<Model: LoomModel>(_ model: Model.Type, with customization: some RepositoryCustomization<Model>) {
        customizations.set(customization, for: model)
    }

    /// Runs `body` in one transaction: every repository of the `Database` it receives writes in it; a throw rolls all
    /// of it back. Nested calls join the outer transaction.
    public func transaction<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        let database = self
        return try await engine.withTransaction { engine in
            try await body(database.on(engine))
        }
    }

    /// Creates the schema's tables and indexes that do not exist yet.
    public func createTables(of schema: any LoomSchema.Type) async throws {
        try await engine.executeScript(schema.createStatements(for: engine.dialect))
    }
}
