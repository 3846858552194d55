import Foundation
import LoomRuntime
import LoomTesting
@testable import StoreServer
import StoreModels
import Testing

/// The kit on the store: a use case in one line, the jobs it dispatched read back typed and run, a delay and the
/// retries under the test clock, and a forced repository failure answered as in production.
@Suite("Test kit: the store")
struct StoreKitTests {
    /// A product with `stock` items on the shelf.
    static func product(_ kit: TestKit<StoreSchema>, stock: Int) async throws -> Product {
        try await kit.database.repository(Product.self).create(
            .init(sku: "SKU-\(stock)", name: "Lamp", category: "home", priceCents: 1500, stock: stock))
    }

    @Test("a use case runs in one line on a fresh database, and its row is there")
    func useCase() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let user = try await StoreApplication(database: kit.database).createUser(body: .init(fullName: "Ada", email: "ada@example.com"))
            #expect(try await kit.database.repository(User.self).get(user.id)?.email == "ada@example.com")
            #expect(try await kit.jobs.all().isEmpty)
        }
    }

    @Test("the job a use case dispatched is read back with its typed payload, runs when asked, and its callback with it")
    func dispatchedJob() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let product = try await Self.product(kit, stock: 0)
            let request = RestockEmailRequest(recipientEmail: "buyer@example.com")
            let accepted = try await StoreApplication(database: kit.database).dispatchRestockEmail(productId: product.id, body: request)
            let queued = try await kit.jobs.dispatched("SendRestockEmail")
            #expect(queued.map(\.id) == [accepted.jobId])
            #expect(queued.first?.state == .queued)
            #expect(try await kit.jobs.payloads(SendRestockEmailPayload.self, of: "SendRestockEmail")
                == [SendRestockEmailPayload(productId: product.id, body: request)])

            #expect(try await kit.jobs.runDue() == 1)
            let status = try await kit.jobs.dispatched("SendRestockEmail").first
            #expect(status?.state == .succeeded && status?.result == "true")
            // MarkRestockNotified ran after it, for the out-of-stock product.
            #expect(try await kit.database.repository(Product.self).get(product.id)?.category == "home-restock-notified")
            #expect(try await kit.jobs.runDue() == 0)
        }
    }

    @Test("a job dispatched with a delay runs only once the clock has advanced past it")
    func delayedJob() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let product = try await Self.product(kit, stock: 3)
            let handle = try await StoreApplication(database: kit.database).dispatchSendRestockEmail(
                productId: product.id, body: .init(recipientEmail: "buyer@example.com"), options: .delay(.seconds(60)))
            #expect(try await kit.jobs.runDue() == 0)
            try await kit.clock.advance(by: .seconds(30))
            #expect(try await kit.jobs.runDue() == 0)
            try await kit.clock.advance(by: .seconds(30))
            #expect(try await kit.jobs.runDue() == 1)
            let status = try await kit.jobs.all().first { $0.id == handle.jobId }
            #expect(status?.state == .succeeded && status?.result == "false")
            #expect(kit.clock.advanced == .seconds(60))
        }
    }

    @Test("a failing job is retried after its backoff as the clock advances, then dead, then its failure callback runs")
    func retries() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let product = try await Self.product(kit, stock: 0)
            _ = try await StoreApplication(database: kit.database).dispatchRestockEmail(
                productId: product.id, body: .init(recipientEmail: "buyer@example.com", forceFail: true))
            #expect(try await kit.jobs.runDue() == 1)
            var status = try #require(try await kit.jobs.dispatched("SendRestockEmail").first)
            // Failed once, and waits its backoff (1 s, exponential, up to a quarter more) before it is due again.
            #expect(status.state == .failed && status.attempts == 1)
            #expect(status.runAt.timeIntervalSince(status.updatedAt) > 0.9)
            try await kit.clock.advance(by: .seconds(2))
            #expect(try await kit.jobs.runDue() == 1)
            status = try #require(try await kit.jobs.dispatched("SendRestockEmail").first)
            #expect(status.state == .failed && status.attempts == 2)
            #expect(status.runAt.timeIntervalSince(status.updatedAt) > 1.9)
            try await kit.clock.advance(by: .seconds(3))
            #expect(try await kit.jobs.runDue() == 1)
            status = try #require(try await kit.jobs.dispatched("SendRestockEmail").first)
            #expect(status.state == .dead && status.attempts == 3)
            #expect(status.lastError?.contains("forceFail") == true)
            #expect(try await kit.database.repository(Product.self).get(product.id)?.category == "home-restock-failed")
        }
    }

    @Test("a group whose member's dispatch fails leaves nothing behind; dispatched again, its members run, then its callback")
    func group() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let first = try await Self.product(kit, stock: 1)
            let second = try await Self.product(kit, stock: 2)
            let app = StoreApplication(database: kit.database)
            let request = SyncErpRequest(productIds: [first.id, second.id])
            // The group's row is written before its members: the member's failure must roll it back too.
            kit.failures.failNext(.insert, table: "loom_jobs")
            await #expect(throws: DatabaseError.statementTimeout) { _ = try await app.syncProductsToErp(body: request) }
            let groups = try await kit.database.engine.query(#"SELECT COUNT(*) FROM "loom_job_groups""#, [])
            #expect(try groups.first?.decode(Int.self, at: 0) == 0)
            #expect(try await kit.jobs.all().isEmpty)

            let result = try await app.syncProductsToErp(body: request)
            #expect(try await kit.jobs.payloads(SyncProductToErpPayload.self, of: "SyncProductToErp").map(\.productId) == [first.id, second.id])
            #expect(try await kit.jobs.runDue() == 2)
            #expect(try await kit.jobs.dispatched("SyncProductToErp").map(\.state) == [.succeeded, .succeeded])
            #expect(result.dispatched == 2)
            let products = kit.database.repository(Product.self)
            #expect(try await products.get(first.id)?.category == "home-erp-synced")
            #expect(try await products.get(second.id)?.category == "home-erp-synced")
        }
    }

    @Test("a forced failure of the order's insert answers 503 unavailable, writes nothing, and only once")
    func forcedFailure() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let app = StoreApplication(database: kit.database)
            let user = try await app.createUser(body: .init(fullName: "Ada", email: "ada@example.com"))
            let address = try await kit.database.repository(Address.self).create(
                .init(userId: user.id, label: "home", street: "1 Main St", city: "Springfield", country: "US", zipCode: "12345"))
            let order = NewOrder(userId: user.id, addressId: address.id)
            kit.failures.failNext(.insert, Order.self)
            await #expect(throws: LoomError.unavailable(message: "the database did not answer in time; try again")) {
                _ = try await app.createOrder(body: order)
            }
            #expect(kit.failures.count == 1)
            #expect(try await kit.database.repository(Order.self).count() == 0)
            // Used up: the next insert runs.
            let created = try await app.createOrder(body: order)
            #expect(try await kit.database.repository(Order.self).get(created.id) != nil)
        }
    }

    @Test("a forced constraint violation is mapped by the repository as the database's own would be")
    func forcedConstraint() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let duplicate = DatabaseError.uniqueViolation(table: "users", constraint: "users_email_key", columns: ["email"])
            kit.failures.failNext(.insert, User.self, with: duplicate)
            await #expect(throws: LoomError.conflict(message: "a User with this email already exists", fields: ["email"])) {
                _ = try await StoreApplication(database: kit.database).createUser(body: .init(fullName: "Ada", email: "ada@example.com"))
            }
            #expect(try await kit.database.repository(User.self).count() == 0)
        }
    }
}
