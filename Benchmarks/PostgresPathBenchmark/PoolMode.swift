import Foundation
import PostgresNIO

// Mode (a), today's path: postgres-nio's `PostgresClient` pool configured as LoomServer configures it (32
// connections, all kept open, no keep-alive pings), each query a `withConnection` lease running a
// `PostgresPreparedStatement` (as Sources/LoomPostgres/PreparedModelStatement.swift does). The request tasks run on
// Swift's global concurrent executor; the connections live on NIO's event loops, so every query hops from the task's
// thread to the connection's loop and back.

/// The two statements, prepared once per connection by postgres-nio (modes a and b share them, and the decoding).
struct GetProductStatement: PostgresPreparedStatement {
    typealias Row = Product
    static let name = "bench.products.get"
    static let sql = SQL.getByID
    static let bindingDataTypes: [PostgresDataType] = [.int8]
    let id: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Product { try Product(row) }
}

struct PageStatement: PostgresPreparedStatement {
    typealias Row = Product
    static let name = "bench.products.page"
    static let sql = SQL.page
    static let bindingDataTypes: [PostgresDataType] = [.int8]
    let after: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(after)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Product { try Product(row) }
}

extension Product {
    init(_ row: PostgresRow) throws {
        let (id, sku, name, category, priceCents, stock, createdAt, updatedAt) = try row.decode(
            (Int64, String, String, String, Int64, Int64, Date, Date).self)
        self.init(
            id: id, sku: sku, name: name, category: category, priceCents: priceCents, stock: stock,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// Runs a prepared statement on a connection and collects its rows (modes a and b).
func rows<Statement: PostgresPreparedStatement>(
    _ statement: Statement, on connection: PostgresConnection, logger: Logger
) async throws -> [Product] where Statement.Row == Product {
    var products: [Product] = []
    for try await product in try await connection.execute(statement, logger: logger) { products.append(product) }
    return products
}

final class PoolMode: PathMode {
    let name = "a. pool (32)"
    let client: PostgresClient
    let runTask: Task<Void, Never>
    let logger = Logger(label: "bench.pool")

    init(_ settings: Settings) async throws {
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: nil,
            database: settings.database, tls: .disable)
        configuration.options.maximumConnections = 32
        configuration.options.minimumConnections = 32
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
        // Wait for the pool to open its minimum: lease 32 connections at once.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    try await client.withConnection { _ in try await Task.sleep(for: .milliseconds(200)) }
                }
            }
            try await group.waitForAll()
        }
    }

    func getByID(_ id: Int64, worker: Int) async throws -> Product {
        let logger = self.logger
        let products = try await client.withConnection { connection in
            try await rows(GetProductStatement(id: id), on: connection, logger: logger)
        }
        guard products.count == 1 else { throw BenchmarkError("get \(id): \(products.count) rows") }
        return products[0]
    }

    func page(after id: Int64, worker: Int) async throws -> [Product] {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await rows(PageStatement(after: id), on: connection, logger: logger)
        }
    }

    func shutdown() async {
        runTask.cancel()
        _ = await runTask.value
    }
}
