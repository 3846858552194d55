import Foundation
import Synchronization
@testable import LoomRedis
@testable import LoomRuntime
import Testing

@Suite("Read cache")
struct ReadCacheTests {
    static let answer = ReadCache.Answer(body: Array(#"{"id":1}"#.utf8))

    @Test("the in-process level evicts the least recently used entry first, within its byte budget")
    func leastRecentlyUsedFirst() {
        var entries = LRUEntries<Int>(maximumCost: 30, maximumCount: 10)
        entries.set(1, for: "a", cost: 10)
        entries.set(2, for: "b", cost: 10)
        entries.set(3, for: "c", cost: 10)
        #expect(entries.value(for: "a") == 1)  // now the most recently used
        #expect(entries.set(4, for: "d", cost: 10) == [2])
        #expect(entries.value(for: "b") == nil)
        #expect(entries.set(5, for: "e", cost: 25) == [3, 1, 4])
        #expect(entries.count == 1 && entries.totalCost == 25)
        #expect(entries.set(6, for: "huge", cost: 31) == [])
        #expect(entries.value(for: "huge") == nil)
        var counted = LRUEntries<Int>(maximumCost: 1000, maximumCount: 2)
        counted.set(1, for: "a", cost: 1)
        counted.set(2, for: "b", cost: 1)
        #expect(counted.set(3, for: "c", cost: 1) == [1])
    }

    @Test("a version never repeats, even once the table was emptied to stay within bounds")
    func versionsNeverRepeat() {
        var table = VersionTable(capacity: 4)
        let before = table.current(["a", "b"])
        table.bump(["a"])
        let afterA = table.current(["a", "b"])
        #expect(afterA[0] != before[0] && afterA[1] == before[1])
        table.bump(["b", "c", "d", "e"])  // past the capacity: emptied, absent keys read newer than anything recorded
        let later = table.current(["a", "b"])
        #expect(later[0] != afterA[0] && later[1] != afterA[1])
        table.bumpAll()
        #expect(table.current(["a"]) != later.prefix(1).map { $0 })
    }

    @Test("hit until a key it depends on is bumped; a key it does not depend on leaves it alone")
    func hitUntilInvalidated() async throws {
        let cache = ReadCache()
        guard case .miss(let fill) = await cache.lookup(key: "/x/1", dependencies: ["r:x:i1", "e:x"], label: "X", ttlSeconds: 60) else {
            Issue.record("an empty cache misses")
            return
        }
        await cache.store(fill, Self.answer)
        guard case .hit(let hit) = await cache.lookup(key: "/x/1", dependencies: ["r:x:i1", "e:x"], label: "X", ttlSeconds: 60) else {
            Issue.record("a stored answer hits")
            return
        }
        #expect(hit == Self.answer && hit.etag.count == 18)
        await cache.invalidate(["r:x:i2"], label: "X")
        #expect(await cache.lookup(key: "/x/1", dependencies: ["r:x:i1", "e:x"], label: "X", ttlSeconds: 60).isHit)
        await cache.invalidate(["e:x"], label: "X")
        #expect(await !cache.lookup(key: "/x/1", dependencies: ["r:x:i1", "e:x"], label: "X", ttlSeconds: 60).isHit)
    }

    @Test("an answer read before a write committed is never served after it, whenever it is stored")
    func staleFillIsNeverServed() async throws {
        let cache = ReadCache()
        guard case .miss(let fill) = await cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60) else {
            Issue.record("an empty cache misses")
            return
        }
        // The reader read the old row; the write commits and bumps; only then is the old row stored.
        await cache.invalidate(["r:x:i1"], label: "X")
        await cache.store(fill, Self.answer)
        #expect(await !cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60).isHit)
    }

    @Test("an answer expires after its time to live")
    func expires() async throws {
        let cache = ReadCache()
        guard case .miss(let fill) = await cache.lookup(key: "k", dependencies: [], label: "X", ttlSeconds: 1) else { return }
        await cache.store(fill, Self.answer)
        #expect(await cache.lookup(key: "k", dependencies: [], label: "X", ttlSeconds: 1).isHit)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(await !cache.lookup(key: "k", dependencies: [], label: "X", ttlSeconds: 1).isHit)
    }

    @Test("an answer stored in the shared level round-trips with its versions and tag")
    func sharedEntryEncoding() throws {
        let encoded = SharedEntry.encode(versions: [7, 0, 42], answer: Self.answer)
        let decoded = try #require(SharedEntry.decode(encoded))
        #expect(decoded.versions == [7, 0, 42] && decoded.answer == Self.answer)
        #expect(SharedEntry.decode(Array("1,x\n\"t\"\n{}".utf8)) == nil)
    }
}

struct TestFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension ReadCache.Lookup {
    var isHit: Bool {
        if case .hit = self { true } else { false }
    }
}

/// The cache over a real engine: what each write makes stale, and when.
@Suite("Read cache over a database", .serialized)
struct CachingEngineTests {
    /// Stores an answer for a shelf with its books (the profile `full`) and returns a probe telling whether it is
    /// still served.
    static func cachedShelf(_ id: Int, _ cache: ReadCache) async throws -> @Sendable () async -> Bool {
        let profile = Shelf.profiles[0]
        let dependencies = try #require(CacheDependencies.get(Shelf.self, key: .int(id), profile: profile))
        let key = "/shelves/\(id)?profile=full"
        guard case .miss(let fill) = await cache.lookup(key: key, dependencies: dependencies, label: "Shelf", ttlSeconds: 60) else {
            throw TestFailure("expected a miss")
        }
        await cache.store(fill, ReadCacheTests.answer)
        return { await cache.lookup(key: key, dependencies: dependencies, label: "Shelf", ttlSeconds: 60).isHit }
    }

    @Test("a child's write makes its parent's profile stale, another parent's not; a rollback nothing; a commit only once committed", arguments: TestBackend.allCases)
    func writesInvalidateAfterCommit(backend: TestBackend) async throws {
        try await backend.withEngine { base in
            _ = try await ProfileTests.setUp(base)
            let cache = ReadCache()
            let database = Database(engine: CachingEngine(base: base, cache: cache), caller: .system)
            let books = database.repository(Book.self)

            let served = try await Self.cachedShelf(2, cache)
            #expect(await served())
            _ = try await books.create(NewBook(shelfId: 3, title: "elsewhere"))
            #expect(await served(), "a book on shelf 3 leaves shelf 2's answer alone")
            _ = try await books.create(NewBook(shelfId: 2, title: "here"))
            #expect(await !served(), "a book on shelf 2 makes its answer stale")

            let servedAgain = try await Self.cachedShelf(2, cache)
            await #expect(throws: TestFailure.self) {
                try await database.transaction { database in
                    _ = try await database.repository(Book.self).create(NewBook(shelfId: 2, title: "rolled back"))
                    throw TestFailure("roll back")
                }
            }
            #expect(await servedAgain(), "a rolled-back write invalidates nothing")

            try await database.transaction { database in
                _ = try await database.repository(Book.self).create(NewBook(shelfId: 2, title: "committed"))
                #expect(await servedAgain(), "not before the commit")
                #expect(database.engine.readCache == nil, "a transaction reads nothing from the cache")
            }
            #expect(await !servedAgain(), "once committed")

            // A change to one of its books; SQL of the application's own is unseen.
            let servedThird = try await Self.cachedShelf(2, cache)
            let moved = try #require(try await books.all(where: .condition(.init(column: "shelf_id", op: .eq, values: [.int(2)]))).first)
            _ = try await base.query(#"UPDATE "books" SET "title" = 'x' WHERE "id" = 0"#, [])  // SQL of its own: unseen
            #expect(await servedThird())
            _ = try await database.repository(Book.self).update(moved.id, with: BookPatch(title: .value("retitled")))
            #expect(await !servedThird(), "a title change of one of its books")

            // Deleting a shelf deletes its books (ON DELETE CASCADE): any answer naming a book goes stale.
            let book = try #require(try await books.all(where: .condition(.init(column: "shelf_id", op: .eq, values: [.int(3)]))).first)
            let bookKey = [CacheKeys.rows("books"), CacheKeys.row("books", .int(book.id))]
            guard case .miss(let fill) = await cache.lookup(key: "/books/\(book.id)", dependencies: bookKey, label: "Book", ttlSeconds: 60) else {
                throw TestFailure("expected a miss")
            }
            await cache.store(fill, ReadCacheTests.answer)
            #expect(try await database.repository(Shelf.self).delete(3))
            #expect(await !cache.lookup(key: "/books/\(book.id)", dependencies: bookKey, label: "Book", ttlSeconds: 60).isHit)

            // Code that wrote with its own SQL says so.
            let servedLast = try await Self.cachedShelf(2, cache)
            await database.repository(Book.self).invalidateCache()
            #expect(await !servedLast())
        }
    }

    @Test("the shared level on Redis: versions count up, an incarnation survives reads, a reset or lost data draws a new one")
    func redisLevel() async throws {
        let redis = RedisClient(url: JobTestSetup.redisURL)
        defer { Task { try? await redis.shutdown() } }
        let level = RedisCacheLevel(redis: redis, namespace: "rt-" + UUID().uuidString.prefix(8).lowercased())
        let first = try await level.read(versionsOf: ["a", "b"], entry: "e")
        #expect(first.versions.count == 3 && first.versions[0] != 0 && first.versions[1...] == [0, 0] && first.entry == nil)
        try await level.bump(["a", "a"], resetting: false)
        try await level.store(entry: "e", SharedEntry.encode(versions: [1], answer: ReadCacheTests.answer), ttlSeconds: 5)
        let second = try await level.read(versionsOf: ["a", "b"], entry: "e")
        #expect(second.versions == [first.versions[0], 2, 0])
        #expect(second.entry.flatMap(SharedEntry.decode)?.answer == ReadCacheTests.answer)
        try await level.reset()
        #expect(try await level.read(versionsOf: [], entry: String?.none).versions[0] != first.versions[0])
        _ = try await redis.command("DEL", level.incarnationKey)  // what a restart without persistence leaves
        let redrawn = try await level.read(versionsOf: [], entry: String?.none).versions[0]
        #expect(redrawn != 0 && redrawn != first.versions[0])
        #expect(try await level.read(versionsOf: [], entry: String?.none).versions[0] == redrawn)
    }

    @Test("a write tries its bump even while its server thinks the level down: another server may be serving again")
    func writesNeverSkipTheirBump() async throws {
        let shared = FlakyLevel()
        // The writer waits long before it tries the level again; the reader at once.
        let writer = ReadCache(shared: shared, retryAfter: .seconds(60))
        let reader = ReadCache(shared: shared, retryAfter: .milliseconds(1))
        shared.down.withLock { $0 = true }
        await writer.invalidate(["r:x:i1"], label: "X")  // fails: the writer now thinks the level down for a minute
        shared.down.withLock { $0 = false }
        try await Task.sleep(for: .milliseconds(5))
        guard case .miss(let fill) = await reader.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60) else {
            throw TestFailure("expected a miss")
        }
        await reader.store(fill, ReadCacheTests.answer)
        #expect(await reader.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60).isHit)
        await writer.invalidate(["r:x:i1"], label: "X")  // within the writer's minute: tried all the same
        #expect(await !reader.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60).isHit)
    }

    @Test("concurrent callers share pipelines, and each gets its own replies")
    func batchedReads() async throws {
        let redis = RedisClient(url: JobTestSetup.redisURL)
        defer { Task { try? await redis.shutdown() } }
        let prefix = "rt-" + UUID().uuidString.prefix(8).lowercased() + ":"
        _ = try await redis.pipeline((0..<64).map { ["SET", prefix + String($0), "v" + String($0)] })
        let batcher = RedisBatcher(redis: redis)
        let answers = try await withThrowingTaskGroup(of: (Int, [RedisValue]).self) { group in
            for index in 0..<64 {
                group.addTask { (index, try await batcher.pipeline([["GET", prefix + String(index)], ["MGET", prefix + String(63 - index)]])) }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for index in 0..<64 {
            #expect(answers[index] == [.string("v\(index)"), .array([.string("v\(63 - index)")])])
        }
        let unreachable = RedisBatcher(redis: RedisClient(url: RedisURL(host: "127.0.0.1", port: 1)))
        await #expect(throws: RedisError.self) { try await unreachable.pipeline([["PING"]]) }
    }

    @Test("with the shared level out of reach, reads bypass the cache and writes go on; back in reach, nothing stored before is served")
    func sharedLevelDown() async throws {
        let shared = FlakyLevel()
        let cache = ReadCache(shared: shared, retryAfter: .milliseconds(10))
        guard case .miss(let fill) = await cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60) else {
            throw TestFailure("expected a miss")
        }
        await cache.store(fill, ReadCacheTests.answer)
        #expect(await cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60).isHit)
        shared.down.withLock { $0 = true }
        guard case .bypass = await cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60) else {
            throw TestFailure("expected a bypass while down")
        }
        await cache.invalidate(["r:x:i1"], label: "X")  // lost: the level never hears of it
        shared.down.withLock { $0 = false }
        try await Task.sleep(for: .milliseconds(20))
        #expect(await !cache.lookup(key: "k", dependencies: ["r:x:i1"], label: "X", ttlSeconds: 60).isHit)
        #expect(shared.resets.withLock { $0 } == 1)
    }
}

/// A shared level in memory that can be made unreachable.
final class FlakyLevel: SharedCacheLevel {
    let down = Mutex(false)
    let resets = Mutex(0)
    private let state = Mutex<(incarnation: UInt64, versions: [String: UInt64], entries: [String: [UInt8]])>((1, [:], [:]))

    struct Unreachable: Error {}

    private func check() throws {
        if down.withLock({ $0 }) { throw Unreachable() }
    }

    func read(versionsOf keys: [String], entry: String?) async throws -> (versions: [UInt64], entry: [UInt8]?) {
        try check()
        return state.withLock { state in ([state.incarnation] + keys.map { state.versions[$0] ?? 0 }, entry.flatMap { state.entries[$0] }) }
    }

    func store(entry key: String, _ bytes: [UInt8], ttlSeconds: Int) async throws {
        try check()
        state.withLock { $0.entries[key] = bytes }
    }

    func bump(_ keys: [String], resetting: Bool) async throws {
        try check()
        if resetting { try await reset() }
        state.withLock { state in for key in keys { state.versions[key, default: 0] += 1 } }
    }

    func reset() async throws {
        try check()
        resets.withLock { $0 += 1 }
        state.withLock { $0.incarnation += 1 }
    }
}
