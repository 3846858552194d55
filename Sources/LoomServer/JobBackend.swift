import Logging
import LoomRedis
import LoomRuntime

/// Where the server's jobs go: the queue table in its database (the embedded default), or Redis when `REDIS_URL` is
/// set, with a relay moving each committed dispatch from that table to Redis.
struct JobBackend: Sendable {
    let store: any JobStore
    let relay: JobRelay?
    let redis: RedisClient?
    let direct: (any DirectJobDispatch)?
    let leaseSeconds: Int

    /// `redis`: the server's client when `REDIS_URL` is set.
    init(settings: ServerSettings, database: Database, redis: RedisClient?, logger: Logger) {
        leaseSeconds = settings.jobLeaseSeconds
        self.redis = redis
        guard let redis else {
            store = JobQueue(engine: database.engine)
            relay = nil
            direct = nil
            return
        }
        let store = RedisJobStore(
            redis: redis, database: database, namespace: settings.redisNamespace,
            callbackGrace: .seconds(settings.jobLeaseSeconds))
        self.store = store
        self.direct = store
        self.relay = JobRelay(database: database, store: store, logger: logger)
    }

    /// "Redis redis://host:port/0" or "the database", for the start-up line.
    var description: String {
        redis.map { "Redis \($0.url)" } ?? "the database"
    }

    func shutdown() async {
        try? await redis?.shutdown()
    }
}
