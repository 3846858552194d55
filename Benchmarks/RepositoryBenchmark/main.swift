import Foundation
import Logging
import LoomPostgres
import LoomRuntime
import PostgresNIO

// `make bench-repository`: the generated repositories (the committed Generated/store code over LoomRuntime) against
// a hand-written postgres-nio baseline doing the same queries, in the same run, on the test PostgreSQL server:
// queries per second and p99 latency at several concurrencies, and the ratio generated ÷ baseline.

let environment = ProcessInfo.processInfo.environment
let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
let port = Int(environment["POSTGRES_PORT"] ?? "") ?? 55432
let user = environment["POSTGRES_USER"] ?? "postgres"
let operationsPerRun = Int(environment["BENCH_OPERATIONS"] ?? "") ?? 3000
let concurrencies = [1, 8, 32]
let database = "loom_bench"

func configuration(_ name: String) -> PostgresClient.Configuration {
    var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: environment["POSTGRES_PASSWORD"], database: name, tls: .disable)
    configuration.options.maximumConnections = 32
    return configuration
}

/// The hand-written side: a row struct decoded from a tuple, interpolated (bound) queries.
struct OrderRow: Sendable {
    var id: Int, userId: Int, addressId: Int, status: String, paymentMethod: String, createdAt: Date, updatedAt: Date
}

enum Baseline {
    static let columns = "id, user_id, address_id, status, payment_method, created_at, updated_at"

    static func decode(_ rows: PostgresRowSequence) async throws -> [OrderRow] {
        var result: [OrderRow] = []
        for try await (id, userId, addressId, status, payment, created, updated) in rows.decode((Int, Int, Int, String, String, Date, Date).self) {
            result.append(OrderRow(id: id, userId: userId, addressId: addressId, status: status, paymentMethod: payment, createdAt: created, updatedAt: updated))
        }
        return result
    }

    static func get(_ client: PostgresClient, _ id: Int) async throws -> OrderRow? {
        try await decode(client.query("SELECT id, user_id, address_id, status, payment_method, created_at, updated_at FROM orders WHERE id = \(id)")).first
    }

    static func listWithCount(_ client: PostgresClient, page: Int) async throws -> ([OrderRow], Int) {
        let offset = (page - 1) * 25
        let rows = try await decode(client.query("SELECT id, user_id, address_id, status, payment_method, created_at, updated_at FROM orders ORDER BY id ASC LIMIT 25 OFFSET \(offset)"))
        var total = 0
        for try await (count) in try await client.query("SELECT COUNT(*) FROM orders").decode(Int.self) { total = count }
        return (rows, total)
    }

    static func listWithoutCount(_ client: PostgresClient) async throws -> [OrderRow] {
        try await decode(client.query("SELECT id, user_id, address_id, status, payment_method, created_at, updated_at FROM orders ORDER BY id ASC LIMIT 26"))
    }

    static func update(_ client: PostgresClient, _ id: Int, _ method: String) async throws -> OrderRow? {
        let now = Date()
        return try await decode(client.query("UPDATE orders SET payment_method = \(method), updated_at = \(now) WHERE id = \(id) RETURNING id, user_id, address_id, status, payment_method, created_at, updated_at")).first
    }

    struct UserRow { var id: Int, fullName: String, email: String, createdAt: Date, updatedAt: Date }
    struct AddressRow { var id: Int, userId: Int, label: String, street: String, city: String, country: String, zipCode: String }

    /// The order, then its user and its address, each a whole row like the generated side loads.
    static func profile(_ client: PostgresClient, _ id: Int) async throws -> (OrderRow, [UserRow], [AddressRow])? {
        guard let order = try await get(client, id) else { return nil }
        var users: [UserRow] = []
        let userRows = try await client.query("SELECT id, full_name, email, created_at, updated_at FROM users WHERE id IN (\(order.userId))")
        for try await (id, name, email, created, updated) in userRows.decode((Int, String, String, Date, Date).self) {
            users.append(UserRow(id: id, fullName: name, email: email, createdAt: created, updatedAt: updated))
        }
        var addresses: [AddressRow] = []
        let addressRows = try await client.query(
            "SELECT id, user_id, label, street, city, country, zip_code FROM addresses WHERE id IN (\(order.addressId))")
        for try await (id, userId, label, street, city, country, zip) in addressRows.decode((Int, Int, String, String, String, String, String).self) {
            addresses.append(AddressRow(id: id, userId: userId, label: label, street: street, city: city, country: country, zipCode: zip))
        }
        return (order, users, addresses)
    }
}

/// Runs `operations` calls of `body` with `concurrency` workers; returns (queries per second, p99 in ms).
func measure(concurrency: Int, operations: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> (Double, Double) {
    let start = ContinuousClock.now
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var samples: [Double] = []
                var index = worker
                while index < operations {
                    let begin = ContinuousClock.now
                    try await body(index)
                    let elapsed = ContinuousClock.now - begin
                    samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                    index += concurrency
                }
                return samples
            }
        }
        var all: [Double] = []
        for try await samples in group { all += samples }
        return all.sorted()
    }
    let total = ContinuousClock.now - start
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    return (Double(operations) / seconds, latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))])
}

let logger = Logger(label: "bench")
let admin = PostgresClient(configuration: configuration("postgres"), backgroundLogger: logger)
let baseline = PostgresClient(configuration: configuration(database), backgroundLogger: logger)
let engine = PostgresEngine(configuration: configuration(database), logger: logger)

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { await admin.run() }
    group.addTask { await baseline.run() }
    group.addTask { await engine.run() }
    defer { group.cancelAll() }
    try await Task.sleep(for: .milliseconds(100))  // let the pools start before the first query

    try await admin.query("DROP DATABASE IF EXISTS \(unescaped: database) WITH (FORCE)")
    try await admin.query("CREATE DATABASE \(unescaped: database)")
    try await engine.executeScript(StoreSchema.createStatements(for: .postgres))

    // 200 users with an address each, 2,000 orders.
    let db = Database(engine: engine)
    for index in 1...200 {
        let user = try await db.repository(User.self).create(User.Create(fullName: "User \(index)", email: "u\(index)@example.com"))
        _ = try await db.repository(Address.self).create(Address.Create(userId: user.id, label: "home", street: "\(index) Main St", city: "C", country: "US", zipCode: "1000\(index)"))
    }
    for index in 1...2000 {
        _ = try await db.repository(Order.self).create(Order.Create(userId: index % 200 + 1, addressId: index % 200 + 1))
    }

    let orders = db.repository(Order.self)
    typealias Operation = (name: String, generated: @Sendable (Int) async throws -> Void, baseline: @Sendable (Int) async throws -> Void)
    let operations: [Operation] = [
        ("get by id", { i in _ = try await orders.get(i % 2000 + 1) }, { i in _ = try await Baseline.get(baseline, i % 2000 + 1) }),
        ("list 25 + count", { i in _ = try await orders.list(ListQuery(page: .offset(page: i % 80 + 1, limit: 25))) },
         { i in _ = try await Baseline.listWithCount(baseline, page: i % 80 + 1) }),
        ("list 25, no count", { _ in _ = try await orders.list(ListQuery(page: .cursor(after: nil, limit: 25))) },
         { _ in _ = try await Baseline.listWithoutCount(baseline) }),
        ("update one field", { i in _ = try await orders.update(i % 2000 + 1, with: Order.Update(paymentMethod: .value("card\(i % 7)"))) },
         { i in _ = try await Baseline.update(baseline, i % 2000 + 1, "card\(i % 7)") }),
        ("profile, 2 relations", { i in
            guard let order = try await orders.get(i % 2000 + 1) else { return }
            _ = try await orders.load(profile: "withCustomer", for: [order])
        }, { i in _ = try await Baseline.profile(baseline, i % 2000 + 1) }),
    ]

    // Warm both sides (connections, plans, caches) before measuring.
    for operation in operations {
        _ = try await measure(concurrency: 8, operations: 400, operation.generated)
        _ = try await measure(concurrency: 8, operations: 400, operation.baseline)
    }

    print("| operation | concurrency | baseline q/s | generated q/s | generated ÷ baseline | baseline p99 | generated p99 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    var ratios: [Double] = []
    for operation in operations {
        for concurrency in concurrencies {
            // Three alternating rounds; the median of each side.
            var base: [(Double, Double)] = []
            var generated: [(Double, Double)] = []
            for _ in 0..<3 {
                base.append(try await measure(concurrency: concurrency, operations: operationsPerRun, operation.baseline))
                generated.append(try await measure(concurrency: concurrency, operations: operationsPerRun, operation.generated))
            }
            let b = base.sorted { $0.0 < $1.0 }[1], g = generated.sorted { $0.0 < $1.0 }[1]
            ratios.append(g.0 / b.0)
            print("| \(operation.name) | \(concurrency) | \(Int(b.0)) | \(Int(g.0)) | \(String(format: "%.2f", g.0 / b.0)) | \(String(format: "%.2f", b.1)) ms | \(String(format: "%.2f", g.1)) ms |")
        }
    }
    let sorted = ratios.sorted()
    print("\nmedian ratio \(String(format: "%.2f", sorted[sorted.count / 2])), lowest \(String(format: "%.2f", sorted[0]))")
    try await admin.query("DROP DATABASE IF EXISTS \(unescaped: database) WITH (FORCE)")
}
