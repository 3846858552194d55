import Foundation
import LoomClient
import LoomVocabulary
import OpenAPIURLSession
import Testing

/// LoomClient against the real store server over URLSession, with the hand-written types of Support/StoreModels.swift.
@Suite("end to end: the store binary over URLSessionTransport")
struct StoreEndToEndTests {
    /// A client of `server` over URLSession, numbering its request ids.
    static func client(_ server: StoreServerProcess, ids: CountingRequestIDs = CountingRequestIDs()) -> LoomClientCore {
        LoomClientCore(configuration: LoomClientConfiguration(
            serverURL: server.url, transport: URLSessionTransport(), makeRequestID: ids.make))
    }

    static func create(_ client: LoomClientCore, _ sku: String, _ name: String, _ category: String, price: Int, stock: Int? = nil) async throws -> Product {
        try await client.send(
            .post, path: "/products", body: ProductCreate(sku: sku, name: name, category: category, priceCents: price, stock: stock),
            as: Product.self, operationID: "createProduct")
    }

    /// The error `body` throws, which must be a `LoomClientError`.
    static func failure(_ body: () async throws -> some Any) async throws -> LoomClientError {
        try await #require(throws: LoomClientError.self) { _ = try await body() }
    }

    @Test("create (201 + Location), read, change, delete; 404, 422, 409, 400 and 405 as typed errors")
    func crudAndErrors() async throws {
        try await StoreServerProcess.with { server in
            let ids = CountingRequestIDs()
            let client = Self.client(server, ids: ids)
            let created = try await client.sendForResponse(
                .post, path: "/products", body: ProductCreate(sku: "S1", name: "Saw", category: "tools", priceCents: 100),
                as: Product.self, operationID: "createProduct")
            #expect(created.status == .created)
            #expect(created.location == "/products/\(created.answer.id)")
            #expect(created.answer.stock == 0)
            // The server's microseconds decode and write back as they were.
            #expect(LoomTimestamp.parse(LoomTimestamp.format(created.answer.createdAt)) == created.answer.createdAt)

            let location = try #require(created.location)
            let read = try await client.send(.get, path: location, as: Product.self, operationID: "getProduct")
            #expect(read == created.answer)

            let missing = try await Self.failure { try await client.send(.get, path: "/products/" + LoomPath.segment(999), as: Product.self) }
            #expect(missing.reason == .notFound(entity: "Product", id: "999"))
            #expect(missing.status == 404 && missing.code == .notFound)
            #expect(missing.requestID == ids.last)
            #expect(missing.message == "Product with id=999 not found")

            let bySku = try await Self.failure { try await client.send(.get, path: "/products/by-sku/" + LoomPath.segment("NOPE"), as: Product.self) }
            #expect(bySku.reason == .notFound(entity: "Product", id: "NOPE"))
            #expect(bySku.fields == ["sku"])

            // A key with a slash, a space, `+`, a non-ASCII letter, `?` and `#`: encoded by the client (RFC 3986),
            // decoded by the server (`LoomRequestContext.pathText`).
            let odd = try await Self.create(client, "A/B C+é?#", "Odd", "tools", price: 5)
            let found = try await client.send(.get, path: "/products/by-sku/" + LoomPath.segment(odd.sku), as: Product.self)
            #expect(found.id == odd.id)

            let invalid = try await Self.failure {
                try await client.send(.post, path: "/products", body: ProductCreate(sku: "S2", name: "Axe", category: "tools"), as: Product.self)
            }
            #expect(invalid.reason == .validation([.init(field: "priceCents", message: "is required")]))
            #expect(invalid.requestID == ids.last)

            let broken = try await Self.failure {
                try await client.send(.post, path: "/products", body: ProductCreate(sku: "S2", name: " ", category: "tools", priceCents: -1), as: Product.self)
            }
            #expect(broken.reason == .ruleViolations([
                .init(field: "name", message: "must not be blank"), .init(field: "priceCents", message: "must be at least 0"),
            ]))

            let duplicate = try await Self.failure { try await Self.create(client, "S1", "Saw", "tools", price: 100) }
            #expect(duplicate.reason == .conflict(fields: ["sku"]))
            #expect(duplicate.status == 409)

            let badPath = try await Self.failure { try await client.send(.get, path: "/products/abc", as: Product.self) }
            #expect(badPath.reason == .badRequest(parameter: "productId"))
            var badFilter = LoomListQuery()
            badFilter.filter("price", .gte, 1)
            let unknownFilter = try await Self.failure { try await client.cursorPage(path: "/products", query: badFilter, of: Product.self) }
            #expect(unknownFilter.reason == .badRequest(parameter: "price__gte"))

            let notAllowed = try await Self.failure { try await client.send(.put, path: location, body: ProductUpdate(stock: 1), as: Product.self) }
            #expect(notAllowed.reason == .other(status: 405, code: ErrorCode.methodNotAllowed.rawValue))
            #expect(notAllowed.headerFields[.allow] == "GET, PATCH, DELETE")

            let changed = try await client.send(.patch, path: location, body: ProductUpdate(stock: 9), as: Product.self, operationID: "updateProduct")
            #expect(changed.stock == 9 && changed.name == "Saw")
            #expect(changed.updatedAt > created.answer.updatedAt)
            #expect(try await client.send(.delete, path: location, as: Bool.self))
            let gone = try await Self.failure { try await client.send(.get, path: location, as: Product.self) }
            #expect(gone.reason == .notFound(entity: "Product", id: String(created.answer.id)))
        }
    }

    @Test("lists: filters of each kind, sort, a cursor walk equal to the offset listing, the offset-only low-stock list")
    func lists() async throws {
        try await StoreServerProcess.with { server in
            let client = Self.client(server)
            let rows: [(String, String, String, Int, Int)] = [
                ("T1", "Saw", "tools", 1200, 3), ("T2", "Hammer", "tools", 800, 10), ("T3", "Drill", "tools", 5400, 0),
                ("G1", "Rake", "garden", 900, 2), ("G2", "Hose", "garden", 2500, 7), ("G3", "Shears", "garden", 800, 1),
                ("K1", "Kettle", "kitchen", 3000, 4), ("K2", "Pan", "kitchen", 1800, 12), ("K3", "Sieve", "kitchen", 300, 6),
            ]
            var products: [Product] = []
            for (sku, name, category, price, stock) in rows {
                products.append(try await Self.create(client, sku, name, category, price: price, stock: stock))
            }

            var query = LoomListQuery(sort: [.descending("priceCents"), .ascending("id")], limit: 50)
            query.filter("category", .in, ["tools", "garden"])
            query.filter("priceCents", .gte, 800)
            query.filter("sku", .notIn, ["T2"])
            let page = try await client.cursorPage(path: "/products", query: query, of: Product.self, operationID: "listProducts")
            let expected = products.filter { ["tools", "garden"].contains($0.category) && $0.priceCents >= 800 && $0.sku != "T2" }
                .sorted { ($0.priceCents, $1.id) > ($1.priceCents, $0.id) }
            #expect(page.items.map(\.sku) == expected.map(\.sku))
            #expect(page.items.map(\.sku) == ["T3", "G2", "T1", "G1", "G3"])
            #expect(!page.hasNext && page.nextCursor == nil)

            var patterns = LoomListQuery(sort: [.ascending("sku")])
            patterns.filter("name", .contains, "e")
            patterns.filter("sku", .startsWith, "K")
            patterns.filter("stock", .isNull, false)
            patterns.filter("priceCents", .lt, 3000)
            let matched = try await client.cursorPage(path: "/products", query: patterns, of: Product.self)
            #expect(matched.items.map(\.sku) == ["K3"])

            // Instants as filter values, to the microsecond: from the fourth product's creation on.
            var since = LoomListQuery(sort: [.ascending("id")])
            since.filter("createdAt", .gte, products[3].createdAt)
            let later = try await client.cursorPage(path: "/products", query: since, of: Product.self)
            #expect(later.items.map(\.id) == products[3...].map(\.id))

            // The cursor walk, two a page, against the offset pages of the same list.
            let sorted = LoomListQuery(sort: [.ascending("priceCents"), .ascending("id")], limit: 2)
            var walked: [Int] = []
            for try await product in client.cursorItems(path: "/products", query: sorted, of: Product.self) { walked.append(product.id) }
            var offset: [Int] = []
            var pageQuery = sorted
            pageQuery.pagination = .offset
            pageQuery.page = 1
            while true {
                let page = try await client.offsetPage(path: "/products", query: pageQuery, of: Product.self)
                #expect(page.totalCount == products.count && page.limit == 2 && page.page == pageQuery.page)
                offset += page.items.map(\.id)
                guard page.hasNext else { break }
                pageQuery.page! += 1
            }
            #expect(walked.count == products.count)
            #expect(walked == offset)
            #expect(walked == products.sorted { ($0.priceCents, $0.id) < ($1.priceCents, $1.id) }.map(\.id))

            // Offset-paged only: stock ≤ 5, by stock then id, 20 a page (the route's `limit 20`) unless the request
            // names another size, as the document says.
            let lowExpected = products.filter { $0.stock <= 5 }.sorted { ($0.stock, $0.id) < ($1.stock, $1.id) }
            let low = try await client.offsetPage(path: "/products/low-stock", query: LoomListQuery(), of: Product.self)
            #expect(low.items.map(\.id) == lowExpected.map(\.id))
            #expect(low.totalCount == lowExpected.count && low.limit == 20 && low.page == 1 && !low.hasNext)
            let small = try await client.offsetPage(path: "/products/low-stock", query: LoomListQuery(limit: 1), of: Product.self)
            #expect(small.items.map(\.id) == Array(lowExpected.prefix(1).map(\.id)))
            #expect(small.limit == 1 && small.totalCount == lowExpected.count && small.hasNext == (lowExpected.count > 1))
            let cursorRefused = try await Self.failure {
                try await client.cursorPage(path: "/products/low-stock", query: LoomListQuery(pagination: .cursor), of: Product.self)
            }
            #expect(cursorRefused.reason == .badRequest(parameter: "pagination"))
        }
    }

    @Test("a job dispatched (202 + Location) and its status read through the Location until it succeeded")
    func jobs() async throws {
        try await StoreServerProcess.with { server in
            let client = Self.client(server)
            let product = try await Self.create(client, "S1", "Saw", "tools", price: 100)
            let accepted = try await client.sendForResponse(
                .post, path: "/products/" + LoomPath.segment(product.id) + "/jobs/restock-email",
                body: RestockEmailRequest(recipientEmail: "ops@example.com"), as: JobAccepted.self, operationID: "dispatchRestockEmail")
            #expect(accepted.status == .accepted)
            #expect(accepted.answer.queue == "notifications")
            let location = try #require(accepted.location)
            #expect(location == JobStatusRoute.path(jobID: accepted.answer.jobId.uuidString))

            let first = try await client.jobStatus(of: accepted)
            #expect(first.id == accepted.answer.jobId)
            #expect(first.job == "SendRestockEmail" && first.queue == "notifications" && first.priority == 10)
            #expect(first.traceId == accepted.requestID)

            let done = try await client.waitForJob(at: location, every: .milliseconds(50))
            #expect(done.state == .succeeded)
            #expect(done.attempts == 1 && done.maxAttempts == 3)
            #expect(done.result == .bool(true))  // out of stock: the e-mail was sent
            #expect(done.payload["productId"] == .integer(product.id))
            #expect(done.payload["body"]?["recipientEmail"] == .string("ops@example.com"))
            #expect(done.updatedAt >= done.createdAt)

            let unknown = UUID()
            let missing = try await Self.failure { try await client.jobStatus(id: unknown) }
            #expect(missing.reason == .notFound(entity: "Job", id: unknown.uuidString.lowercased()))
            let noProduct = try await Self.failure {
                try await client.send(.post, path: "/products/999/jobs/restock-email", body: RestockEmailRequest(recipientEmail: "ops@example.com"), as: JobAccepted.self)
            }
            #expect(noProduct.reason == .notFound(entity: "Product", id: "999"))
        }
    }
}
