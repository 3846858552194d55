import Foundation
import LoomClient
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import OpenAPIURLSession
import StoreClient
import StoreModels
import Testing

/// The transports swift-openapi-runtime's clients plug in: the generated client takes either.
enum Transport: String, CaseIterable, Sendable {
    case urlSession, asyncHTTPClient

    func make() -> any ClientTransport {
        switch self {
        case .urlSession: URLSessionTransport()
        case .asyncHTTPClient: AsyncHTTPClientTransport()
        }
    }
}

/// The generated `StoreClient` (Sources/StoreClient, from schemas/store) against the real store server on both
/// backends, over both transports: every kind of route with the models' own types, every error kind decoded to its
/// case, a cursor walk equal to the offset listing, a job followed from its 202 to its status.
@Suite("The generated StoreClient against the store server")
struct GeneratedClientTests {
    static let setups: [(Backend, Transport)] = Backend.allCases.flatMap { backend in Transport.allCases.map { (backend, $0) } }

    static func withClient(_ setup: (Backend, Transport), _ body: (StoreClient) async throws -> Void) async throws {
        let server = try await ServerProcess.start(backend: setup.0)
        defer { server.stop() }
        try await body(StoreClient(serverURL: server.baseURL, transport: setup.1.make()))
    }

    /// The `LoomClientError` `body` throws.
    static func failure(_ body: () async throws -> some Any) async throws -> LoomClientError {
        try await #require(throws: LoomClientError.self) { _ = try await body() }
    }

    @Test("products: create, get, update, list with typed filters, a cursor walk equal to the offset listing, delete", arguments: Self.setups)
    func products(setup: (Backend, Transport)) async throws {
        try await Self.withClient(setup) { client in
            var created: [Product] = []
            for index in 1...7 {
                created.append(try await client.products.create(
                    Product.Create(sku: "SKU-\(index)", name: "Item \(index)", category: index.isMultiple(of: 2) ? "garden" : "tools", priceCents: index * 100)))
            }
            let saw = created[0]
            #expect(try await client.products.get(saw.id) == saw)
            let changed = try await client.products.update(saw.id, Product.Update(stock: .value(3)))
            #expect(changed.stock == 3 && changed.sku == saw.sku)
            #expect(try await client.products.getProductBySku(sku: "SKU-2").id == created[1].id)

            // Typed: `priceCents` takes `gte` (an Int), `category` takes `eq` (a String); `Product.Field.sku.gt(true)` does not compile.
            let query = LoomListQuery(
                filters: [Product.Field.category.eq("garden"), Product.Field.priceCents.gte(300)],
                sort: [Product.Field.priceCents.descending], limit: 2)
            let page = try await client.products.list(query)
            #expect(page.items.map(\.sku) == ["SKU-6", "SKU-4"])
            // Every page by cursor, two at a time, is the whole offset listing.
            var walked: [Product] = []
            for try await product in client.products.all(LoomListQuery(sort: [Product.Field.id.ascending], limit: 2)) { walked.append(product) }
            let offset = try await client.tags.list(LoomListQuery())  // another route, to see offset pages decode
            #expect(offset.items.isEmpty && offset.totalCount == 0)
            var everything = LoomListQuery(sort: [.ascending("id")], limit: 100)
            everything.pagination = .offset
            let listed = try await client.core.offsetPage(path: "/products", query: everything, of: Product.self)
            #expect(walked.map(\.id) == listed.items.map(\.id) && walked.count == 7)

            try await client.products.delete(saw.id)
            let gone = try await Self.failure { try await client.products.get(saw.id) }
            #expect(gone.reason == .notFound(entity: "Product", id: String(saw.id)))
            #expect(!gone.requestID.isEmpty)
        }
    }

    @Test("every error kind decodes to its case", arguments: Self.setups)
    func errors(setup: (Backend, Transport)) async throws {
        try await Self.withClient(setup) { client in
            _ = try await client.products.create(Product.Create(sku: "S1", name: "Saw", category: "tools", priceCents: 100))
            let taken = try await Self.failure {
                try await client.products.create(Product.Create(sku: "S1", name: "Saw", category: "tools", priceCents: 100))
            }
            #expect(taken.reason == .conflict(fields: ["sku"]))
            let blank = try await Self.failure {
                try await client.products.create(Product.Create(sku: "S2", name: " ", category: "tools", priceCents: -1))
            }
            guard case .ruleViolations(let violations) = blank.reason else {
                Issue.record("expected rule violations, got \(blank.reason)")
                return
            }
            #expect(Set(violations.map(\.field)) == ["name", "priceCents"])
            let bySku = try await Self.failure { try await client.products.getProductBySku(sku: "missing") }
            #expect(bySku.reason == .notFound(entity: "Product", id: "missing") && bySku.fields == ["sku"])
            var bad = LoomListQuery()
            bad.filter("colour", .eq, "red")
            let unknown = try await Self.failure { try await client.products.list(bad) }
            #expect(unknown.reason == .badRequest(parameter: "colour"))
            let invalid = try await Self.failure {
                try await client.users.createUser(body: NewUser(fullName: "Ada", email: "not an address"))
            }
            guard case .ruleViolations(let rules) = invalid.reason else {
                Issue.record("expected rule violations, got \(invalid.reason)")
                return
            }
            #expect(rules.map(\.field) == ["email"])
        }
    }

    @Test("a nested resource: addresses of a user, created without the key its path sets", arguments: Self.setups)
    func nestedAddresses(setup: (Backend, Transport)) async throws {
        try await Self.withClient(setup) { client in
            let ada = try await client.users.createUser(body: NewUser(fullName: "Ada", email: "ada@example.com"))
            let addresses = client.users.addresses(of: ada.id)
            let home = try await addresses.create(Address.Create(
                userId: ada.id, label: "Home", street: "1 Loom Lane", city: "Lyon", country: "FR", zipCode: "69001"))
            #expect(home.userId == ada.id)
            let moved = try await addresses.update(home.id, Address.Update(label: .value("Old home")))
            #expect(moved.label == "Old home")
            #expect(try await addresses.list().items.map(\.id) == [home.id])
            #expect(try await client.users.userHasOrders(userId: ada.id) == false)
            // Another user's address is not found through this user's path.
            let bob = try await client.users.createUser(body: NewUser(fullName: "Bob", email: "bob@example.com"))
            let elsewhere = try await Self.failure { try await client.users.addresses(of: bob.id).get(home.id) }
            #expect(elsewhere.status == 404)
            try await addresses.delete(home.id)
            #expect(try await addresses.list().items.isEmpty)
        }
    }

    @Test("read profiles, typed: included rows, lists, counts, on get, list and the cursor walk", arguments: Self.setups)
    func profiles(setup: (Backend, Transport)) async throws {
        try await Self.withClient(setup) { client in
            let ada = try await client.users.createUser(body: NewUser(fullName: "Ada", email: "ada@example.com"))
            let home = try await client.users.addresses(of: ada.id).create(Address.Create(
                userId: ada.id, label: "Home", street: "1 Loom Lane", city: "Lyon", country: "FR", zipCode: "69001"))
            let saw = try await client.products.create(Product.Create(sku: "SAW", name: "Saw", category: "tools", priceCents: 900))
            let order = try await client.orders.createOrder(body: NewOrder(userId: ada.id, addressId: home.id))
            _ = try await client.orderItems.createOrderItem(body: NewOrderItem(orderId: order.id, productId: saw.id, quantity: 2))

            // A row in a profile: its own fields and what the profile adds, each read as a member.
            let withCustomer = try await client.orders.get(order.id, profile: Order.Profile.withCustomer)
            #expect(withCustomer.id == order.id && withCustomer.status == .created)
            #expect(withCustomer.user?.email == "ada@example.com" && withCustomer.address?.city == "Lyon")
            let withItems = try await client.orders.get(order.id, profile: Order.Profile.withItems)
            #expect(withItems.items.map(\.productId) == [saw.id] && withItems.items.first?.quantity == 2 && withItems.itemCount == 1)
            // A row a faked client could answer, made by hand: the members' types have public initializers.
            let made = LoomProfiled(row: order, members: Order.Profile.WithCustomer(user: withCustomer.user, address: withCustomer.address))
            #expect(made.id == order.id && made.user?.id == ada.id)
            // The plain read is the model alone.
            #expect(try await client.orders.get(order.id) == order)

            let users = try await client.users.list(LoomListQuery(), profile: User.Profile.withAddresses)
            #expect(users.items.map(\.id) == [ada.id])
            #expect(users.items.first?.addresses.map(\.id) == [home.id] && users.items.first?.addressCount == 1)
            var walked: [Int] = []
            for try await user in client.users.all(LoomListQuery(limit: 1), profile: User.Profile.withAddresses) {
                walked.append(user.addressCount)
            }
            #expect(walked == [1])
            // A custom list route reads its rows in a profile too.
            let tag = try await client.tags.create(Tag.Create(name: "sharp"))
            _ = try await client.productTags.create(ProductTag.Create(productId: saw.id, tagId: tag.id))
            let low = try await client.products.listLowStockProducts(LoomListQuery(), profile: Product.Profile.withTags)
            #expect(low.items.map(\.id) == [saw.id] && low.items.first?.tags.map(\.name) == ["sharp"] && low.items.first?.tagCount == 1)
            // Another profile's members are not there to decode: a profile the route does not know is a 400.
            let unknown = try await Self.failure {
                try await client.orders.get(order.id, profile: LoomProfile<Order, Order.Profile.WithItems>("withEverything"))
            }
            #expect(unknown.status == 400)
        }
    }

    @Test("a job: the 202 answer, then its status through the Location it names", arguments: Self.setups)
    func jobStatus(setup: (Backend, Transport)) async throws {
        try await Self.withClient(setup) { client in
            let product = try await client.products.create(Product.Create(sku: "J1", name: "Jar", category: "kitchen", priceCents: 100))
            let accepted = try await client.products.dispatchRestockEmail(
                productId: product.id, body: RestockEmailRequest(recipientEmail: "ops@example.com"))
            #expect(accepted.status == .accepted)
            #expect(accepted.location == "/loom/jobs/" + accepted.answer.jobId.uuidString.lowercased())
            let status = try await client.core.jobStatus(of: accepted)
            #expect(status.id == accepted.answer.jobId && status.job == "SendRestockEmail")
        }
    }
}
