import LoomRuntime

/// The read cache's shared level on Redis: versions as counters (`INCR`), answers as strings with a time to live,
/// all under `<namespace>:cache:`. The incarnation is a random number kept under its own key: when Redis loses its
/// data (a restart without persistence) the key is gone, a new one is drawn, and every version recorded before —
/// which could now repeat — is meaningless. Version keys have no expiry, so a Redis that evicts under `volatile-*`
/// policies evicts answers, never versions (`docs/cache.md`).
public struct RedisCacheLevel: SharedCacheLevel {
    let redis: RedisClient
    let prefix: String
    /// Look-ups, stores and bumps of concurrent requests, one pipeline for all that wait.
    let batcher: RedisBatcher

    public init(redis: RedisClient, namespace: String) {
        self.redis = redis
        self.prefix = namespace + ":cache:"
        self.batcher = RedisBatcher(redis: redis)
    }

    var incarnationKey: String { prefix + "incarnation" }

    public func read(versionsOf keys: [String], entry: String?) async throws -> (versions: [UInt64], entry: [UInt8]?) {
        var commands = [["MGET", incarnationKey] + keys.map { prefix + "v:" + $0 }]
        if let entry { commands.append(["GET", prefix + "e:" + entry]) }
        let replies = try await batcher.pipeline(commands)
        guard let values = replies[0].array, values.count == keys.count + 1 else {
            throw RedisError.unexpected("MGET answered \(replies[0])")
        }
        var versions = try values.map { value -> UInt64 in
            switch value {
            case .null: return 0
            case .string(let text): if let number = UInt64(text) { return number }
            default: break
            }
            throw RedisError.unexpected("a cache version of \(value)")
        }
        if versions[0] == 0 { versions[0] = try await incarnation() }
        var stored: [UInt8]?
        if entry != nil {
            switch replies[1] {
            case .string(let text): stored = Array(text.utf8)
            case .error(let message): throw RedisError.reply(message)
            default: break
            }
        }
        return (versions, stored)
    }

    public func store(entry key: String, _ bytes: [UInt8], ttlSeconds: Int) async throws {
        // Answers are JSON, so UTF-8: Redis strings here are Swift strings.
        try Self.check(await batcher.pipeline([["SET", prefix + "e:" + key, String(decoding: bytes, as: UTF8.self), "EX", String(ttlSeconds)]]))
    }

    public func bump(_ keys: [String], resetting: Bool) async throws {
        let reset = resetting ? [["SET", incarnationKey, String(Self.draw())]] : []
        let commands = reset + keys.map { ["INCR", prefix + "v:" + $0] }
        do {
            try Self.check(await batcher.pipeline(commands, evenIfUnreachable: true))
        } catch RedisError.connection {
            // Once more on a new connection: the first may have been one Redis dropped when it restarted.
            try Self.check(await batcher.pipeline(commands, evenIfUnreachable: true))
        }
    }

    static func check(_ replies: [RedisValue]) throws {
        for reply in replies {
            if case .error(let message) = reply { throw RedisError.reply(message) }
        }
    }

    public func reset() async throws {
        try await redis.command("SET", incarnationKey, String(Self.draw()))
    }

    /// The incarnation, drawn now if Redis has none (first use, or its data was lost): whoever sets it first wins.
    private func incarnation() async throws -> UInt64 {
        _ = try await redis.command("SET", incarnationKey, String(Self.draw()), "NX")
        guard let text = try await redis.command("GET", incarnationKey).string, let value = UInt64(text) else {
            throw RedisError.unexpected("no cache incarnation")
        }
        return value
    }

    static func draw() -> UInt64 { UInt64.random(in: 1...UInt64.max) }
}
