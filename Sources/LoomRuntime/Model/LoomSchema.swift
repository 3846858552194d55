/// A whole generated schema (`StoreSchema`): its tables' DDL per dialect. The HTTP layer extends it with routes.
public protocol LoomSchema {
    /// The schema's folder name (`store`).
    static var name: String { get }
    /// `CREATE TABLE IF NOT EXISTS` and `CREATE INDEX IF NOT EXISTS` statements, parents before children.
    static func createStatements(for dialect: SQLDialect) -> [String]
}

/// A connected database: the engine plus the repositories built on it.
public struct Database: Sendable {
    public let engine: any DatabaseEngine

    public init(engine: any DatabaseEngine) {
        self.engine = engine
    }

    public func repository<Model: LoomModel>(_ model: Model.Type) -> Repository<Model> {
        Repository(engine: engine)
    }

    /// Runs `body` in one transaction: every repository of the `Database` it receives writes in it; a throw rolls all
    /// of it back. Nested calls join the outer transaction.
    public func transaction<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await engine.withTransaction { engine in try await body(Database(engine: engine)) }
    }

    /// Creates the schema's tables and indexes that do not exist yet.
    public func createTables(of schema: any LoomSchema.Type) async throws {
        try await engine.executeScript(schema.createStatements(for: engine.dialect))
    }
}
