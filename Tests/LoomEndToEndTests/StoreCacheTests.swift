import Foundation
import Testing
import TestSupport

/// The read cache seen from outside: the store caches products (`cache ttl 60s`) and the low-stock route (`cache ttl
/// 30s`). Each answer of a cached server is compared with a server on the same database that caches nothing.
@Suite("Read cache over HTTP", .serialized)
struct StoreCacheTests {
    /// The read shapes of the store's cached routes, for product `id`.
    static func shapes(_ id: Int) -> [String] {
        [
            "/products/\(id)", "/products/\(id)?profile=withTags", "/products?limit=50", "/products?category=garden&limit=50",
            "/products?profile=withTags&limit=50", "/products?sort=stock&pagination=offset&page=1&limit=3",
            "/products/low-stock", "/products?tags=1",
        ]
    }

    static func product(_ sku: String, category: String = "garden", stock: Int = 3) -> String {
        #"{"sku":"\#(sku)","name":"Item \#(sku)","category":"\#(category)","priceCents":100,"stock":\#(stock)}"#
    }

    /// A cached server and an uncached one on one fresh database (the uncached one runs no jobs, so that every write
    /// of a job goes through the cached server, as a single process without Redis requires).
    static func withPair(_ backend: Backend, _ body: (HTTPClient, HTTPClient) async throws -> Void) async throws {
        let (url, cleanup) = try backend.makeDatabase()
        let cached = try await ServerProcess.start(databaseURL: url, cleanup: cleanup)
        defer { cached.stop() }
        let plain = try await ServerProcess.start(
            databaseURL: url, cleanup: {}, environment: ["CACHE_ENABLED": "false", "JOBS_WORKER": "false"])
        defer { plain.stop() }
        try await body(HTTPClient(baseURL: cached.baseURL), HTTPClient(baseURL: plain.baseURL))
    }

    /// Every shape read twice from the cached server (the second from the cache), then compared with the uncached.
    static func expectSame(_ cached: HTTPClient, _ plain: HTTPClient, ids: [Int], after write: String) async throws {
        for id in ids {
            for shape in shapes(id) {
                let truth = try await plain.get(shape)
                let answer = try await cached.get(shape)
                #expect(answer.status == truth.status && answer.comparable == truth.comparable, "\(shape) after \(write): \(answer.text) ≠ \(truth.text)")
                let again = try await cached.get(shape)
                #expect(again.comparable == truth.comparable, "\(shape) from the cache after \(write)")
            }
        }
    }

    @Test("a cached GET carries a strong ETag and no-cache; If-None-Match gets a 304, until a write changes the answer", arguments: Backend.allCases)
    func entityTags(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/products", Self.product("E-1")).status == 201)
            let first = try await http.get("/products/1")
            let tag = try #require(first.headers["etag"])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && first.headers["cache-control"] == "no-cache")
            let cachedAnswer = try await http.get("/products/1")
            #expect(cachedAnswer.text == first.text && cachedAnswer.headers["etag"] == tag)
            let unchanged = try await http.send("GET", "/products/1", headers: ["If-None-Match": tag])
            #expect(unchanged.status == 304 && unchanged.body.isEmpty && unchanged.headers["etag"] == tag)
            #expect(try await http.send("GET", "/products/1", headers: ["If-None-Match": "\"0\", W/\(tag)"]).status == 304)
            #expect(try await http.patch("/products/1", #"{"stock":9}"#).status == 200)
            let changed = try await http.send("GET", "/products/1", headers: ["If-None-Match": tag])
            #expect(changed.status == 200 && changed.object["stock"] as? Int == 9 && changed.headers["etag"] != tag)
            // Errors are never cached: a missing product stays a 404 until it exists.
            #expect(try await http.get("/products/2").status == 404)
            #expect(try await http.post("/products", Self.product("E-2")).status == 201)
            #expect(try await http.get("/products/2").status == 200)
        }
    }

    @Test("every write path × every read shape: the cached answer equals the uncached one", arguments: Backend.allCases)
    func everyWritePath(backend: Backend) async throws {
        try await Self.withPair(backend) { cached, plain in
            for sku in ["A-1", "B-2", "C-3"] {
                #expect(try await cached.post("/products", Self.product(sku, stock: 2)).status == 201)
            }
            #expect(try await cached.post("/tags", #"{"name":"sale"}"#).status == 201)
            #expect(try await cached.post("/tags", #"{"name":"new"}"#).status == 201)
            let ids = [1, 2, 3]
            try await Self.expectSame(cached, plain, ids: ids, after: "the first reads")

            // Auto-CRUD on the model itself.
            #expect(try await cached.post("/products", Self.product("D-4", stock: 1)).status == 201)
            try await Self.expectSame(cached, plain, ids: ids, after: "POST /products")
            #expect(try await cached.patch("/products/2", #"{"stock":40,"category":"tools"}"#).status == 200)
            try await Self.expectSame(cached, plain, ids: ids, after: "PATCH /products/2")
            // Through the join: linking, a linked tag renamed, unlinking, a tag deleted (its links cascade).
            #expect(try await cached.post("/product-tags", #"{"productId":1,"tagId":1}"#).status == 201)
            try await Self.expectSame(cached, plain, ids: ids, after: "POST /product-tags")
            #expect(try await cached.post("/product-tags", #"{"productId":3,"tagId":2}"#).status == 201)
            #expect(try await cached.patch("/tags/1", #"{"name":"clearance"}"#).status == 200)
            try await Self.expectSame(cached, plain, ids: ids, after: "PATCH /tags/1")
            #expect(try await cached.delete("/product-tags/1").status == 200)
            try await Self.expectSame(cached, plain, ids: ids, after: "DELETE /product-tags/1")
            #expect(try await cached.delete("/tags/2").status == 200)
            try await Self.expectSame(cached, plain, ids: ids, after: "DELETE /tags/2 (its links cascade)")
            // A job's callback, through the repositories of its context: the restock e-mail about an empty shelf
            // marks the category.
            #expect(try await cached.patch("/products/3", #"{"stock":0}"#).status == 200)
            #expect(try await cached.post("/products/3/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).status == 202)
            try await Self.waitUntil { (try await plain.get("/products/3").object["category"] as? String)?.hasSuffix("-restock-notified") == true }
            try await Self.expectSame(cached, plain, ids: ids, after: "the restock e-mail's callback")
            // A group's callback: every product of an ERP sync.
            #expect(try await cached.post("/products/jobs/sync-erp", #"{"productIds":[1,2]}"#).status == 202)
            try await Self.waitUntil { (try await plain.get("/products/2").object["category"] as? String)?.hasSuffix("-erp-synced") == true }
            try await Self.expectSame(cached, plain, ids: ids, after: "the ERP sync's group callback")
            // A use case that writes an order item reads the product (no write to it); deleting the product it names
            // is refused (restrict), deleting another cascades its links.
            #expect(try await cached.delete("/products/3").status == 200)
            try await Self.expectSame(cached, plain, ids: [1, 2, 3], after: "DELETE /products/3")
        }
    }

    @Test("under a parent: the child's answers follow its writes, and the parent's delete makes them 404", arguments: Backend.allCases)
    func nestedRoutes(backend: Backend) async throws {
        try await Self.withPair(backend) { cached, plain in
            for (name, email) in [("Ada", "ada@example.com"), ("Bob", "bob@example.com")] {
                #expect(try await cached.post("/users", #"{"fullName":"\#(name)","email":"\#(email)"}"#).status == 201)
            }
            let address = #"{"label":"home","street":"1 Main St","city":"Springfield","country":"US","zipCode":"12345"}"#
            #expect(try await cached.post("/users/1/addresses", address).status == 201)
            #expect(try await cached.post("/users/2/addresses", address).status == 201)
            let shapes = ["/users/1/addresses/1", "/users/1/addresses", "/users/2/addresses/1", "/users/2/addresses", "/users/2/addresses/2"]
            func expectSame(after write: String) async throws {
                for shape in shapes {
                    let truth = try await plain.get(shape)
                    for _ in 0..<2 {
                        let answer = try await cached.get(shape)
                        #expect(answer.status == truth.status && answer.comparable == truth.comparable, "\(shape) after \(write): \(answer.text) ≠ \(truth.text)")
                    }
                }
            }
            try await expectSame(after: "the first reads")
            #expect(try await cached.get("/users/1/addresses/1").headers["etag"] != nil, "cached under its parent")
            #expect(try await cached.patch("/users/1/addresses/1", #"{"city":"Shelbyville"}"#).status == 200)
            try await expectSame(after: "PATCH /users/1/addresses/1")
            #expect(try await cached.post("/users/1/addresses", address).status == 201)
            try await expectSame(after: "POST /users/1/addresses")
            #expect(try await cached.delete("/users/1/addresses/3").status == 200)
            try await expectSame(after: "DELETE /users/1/addresses/3")
            // The parent goes (its addresses with it): every answer under it is a 404 at once.
            #expect(try await cached.delete("/users/1").status == 200)
            try await expectSame(after: "DELETE /users/1")
            #expect(try await cached.get("/users/1/addresses").status == 404)
        }
    }

    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("timed out")
    }
}

/// Two cached servers on one PostgreSQL and one Redis: what one writes, the other never answers older once the
/// write's response has arrived — also across a Redis that stops and starts again empty.
@Suite("Read cache across servers", .serialized)
struct StoreSharedCacheTests {
    static func withServers(redis: String, _ body: ([HTTPClient]) async throws -> Void) async throws {
        let (url, cleanup) = try Backend.postgres.makeDatabase()
        let namespace = "e2e-" + UUID().uuidString.prefix(8).lowercased()
        let environment = ["REDIS_URL": redis, "REDIS_NAMESPACE": namespace]
        let first = try await ServerProcess.start(databaseURL: url, cleanup: cleanup, environment: environment)
        defer { first.stop() }
        let second = try await ServerProcess.start(databaseURL: url, cleanup: {}, environment: environment)
        defer { second.stop() }
        try await body([HTTPClient(baseURL: first.baseURL), HTTPClient(baseURL: second.baseURL)])
    }

    /// Writers each own one product and write its stock 1, 2, 3…; after each write's response, both servers (in an
    /// order the seed picks) must answer that stock on the get, its profile and the list. Readers keep every
    /// server's cache warm meanwhile.
    static func readYourWrites(_ servers: [HTTPClient], seed: UInt64, rounds: Int, products: Int = 4) async throws -> Int {
        var generator = SeededGenerator(seed: seed)
        let plans = (1...products).map { product in
            (product, (0..<rounds).map { _ in (Int.random(in: 0..<2, using: &generator), Bool.random(using: &generator)) })
        }
        let stale = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let done = Counter()
            for _ in 0..<2 {
                group.addTask {
                    var index = 0
                    while done.value < products {
                        index += 1
                        let id = index % products + 1
                        for path in StoreCacheTests.shapes(id).prefix(3) { _ = try await servers[index % 2].get(path) }
                    }
                }
            }
            for (product, plan) in plans {
                group.addTask {
                    for (round, (writer, firstReaderIsWriter)) in plan.enumerated() {
                        let stock = round + 1
                        let written = try await servers[writer].patch("/products/\(product)", #"{"stock":\#(stock)}"#)
                        guard written.status == 200 else { throw TestFailure("PATCH: \(written.status) \(written.text)") }
                        let order = firstReaderIsWriter ? [writer, 1 - writer] : [1 - writer, writer]
                        for reader in order {
                            let got = try await servers[reader].get("/products/\(product)").object["stock"] as? Int
                            let profiled = try await servers[reader].get("/products/\(product)?profile=withTags").object["stock"] as? Int
                            let listed = (try await servers[reader].get("/products?limit=50").object["items"] as? [[String: Any]])?
                                .first { $0["id"] as? Int == product }?["stock"] as? Int
                            if got != stock || profiled != stock || listed != stock {
                                stale.add()
                                Issue.record("product \(product) round \(round): server \(reader) answered \(String(describing: got)), \(String(describing: profiled)), \(String(describing: listed)) after stock \(stock) was written on server \(writer)")
                            }
                        }
                    }
                    done.add()
                }
            }
            try await group.waitForAll()
        }
        return stale.value
    }

    static func seedProducts(_ http: HTTPClient, count: Int = 4) async throws {
        for index in 1...count {
            let created = try await http.post("/products", StoreCacheTests.product("R-\(index)", stock: 0))
            guard created.status == 201 else { throw TestFailure("POST: \(created.text)") }
        }
    }

    @Test("read-your-writes across two servers, writers and readers in parallel (seeded)", arguments: [UInt64(7), 1_234])
    func acrossServers(seed: UInt64) async throws {
        let environment = ProcessInfo.processInfo.environment
        let redis = "redis://\(environment["REDIS_HOSTNAME"] ?? "127.0.0.1"):\(environment["REDIS_PORT"] ?? "56379")/0"
        try await Self.withServers(redis: redis) { servers in
            try await Self.seedProducts(servers[0])
            #expect(try await Self.readYourWrites(servers, seed: seed, rounds: 15) == 0)
        }
    }

    @Test("Redis stopped and started again empty under load: no request fails, and no stale answer once it is back")
    func redisRestart() async throws {
        let redis = try PrivateRedis()
        try await redis.start()
        defer { redis.stop() }
        try await Self.withServers(redis: redis.url) { servers in
            try await Self.seedProducts(servers[0])
            #expect(try await Self.readYourWrites(servers, seed: 99, rounds: 5) == 0)
            // Down: reads and writes go on against the database (no error), and still read their writes.
            redis.stop()
            #expect(try await Self.readYourWrites(servers, seed: 100, rounds: 5) == 0)
            // Back, with none of its data: nothing cached before the outage is served.
            try await redis.start()
            #expect(try await Self.readYourWrites(servers, seed: 101, rounds: 8) == 0)
            let metrics = try await servers[0].get("/metrics").text
            #expect(metrics.contains(#"loom_cache_hits_total{model="Product"}"#), "\(metrics.prefix(2000))")
        }
    }
}

extension HTTPResult {
    /// The body less an error's `traceId`, which differs from request to request.
    var comparable: String {
        text.replacingOccurrences(of: #""traceId":"[0-9a-f]*""#, with: "", options: .regularExpression)
    }
}

/// A counter tasks share.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
