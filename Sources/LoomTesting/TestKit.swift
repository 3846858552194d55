import LoomRuntime
import LoomSQLite

/// A schema's application under test: its tables and the job queue on an in-memory SQLite database, with the
/// schema's services (fakes, say), a database for any caller, forced repository failures, and the jobs with a clock.
///
///     let kit = try await TestKit<StoreSchema>()
///     let app = StoreApplication(database: kit.database(as: .anonymous))
///
/// Call `shutdown()` at the end, or use `TestKit.run { kit in … }`, which does.
public final class TestKit<Schema: LoomSchema>: Sendable {
    /// Acting as the system (no access rule applies): for setting up rows and reading what a use case wrote.
    public let database: Database
    /// The failures the next statements meet (`failures.failNext(.insert, Order.self)`).
    public let failures: ForcedFailures
    public let clock: TestClock
    public let jobs: TestJobs
    private let engine: SQLiteEngine

    /// A fresh database with the schema's tables and the job tables; `services` reach use cases and jobs.
    public init(services: Schema.Services) async throws {
        let engine = try await SQLiteEngine.open(path: nil)
        do {
            let failures = ForcedFailures()
            let failing = FailingEngine(base: engine, failures: failures)
            let database = Database(engine: failing, caller: .system, services: services)
            try await database.createTables(of: Schema.self)
            try await JobQueue.prepare(failing)
            self.engine = engine
            self.database = database
            self.failures = failures
            self.clock = TestClock(engine: engine)
            self.jobs = TestJobs(engine: engine, worker: JobWorker(database: database, definitions: Schema.jobs))
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    /// The same database acting for `caller` (`.anonymous`, `.principal(Principal([…]))`): its access rules apply.
    public func database(as caller: Caller) -> Database {
        database.acting(as: caller)
    }

    /// Closes the database.
    public func shutdown() async throws {
        try await engine.shutdown()
    }

    /// Runs `body` with a fresh kit, and closes it afterwards, whether `body` throws or not.
    public static func run<T: Sendable>(services: Schema.Services, _ body: (TestKit) async throws -> T) async throws -> T {
        let kit = try await TestKit(services: services)
        do {
            let result = try await body(kit)
            try await kit.shutdown()
            return result
        } catch {
            try? await kit.shutdown()
            throw error
        }
    }
}

extension TestKit where Schema.Services == NoServices {
    /// A kit for a schema that declares no services.
    public convenience init() async throws {
        try await self.init(services: NoServices())
    }

    public static func run<T: Sendable>(_ body: (TestKit) async throws -> T) async throws -> T {
        try await run(services: NoServices(), body)
    }
}
