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

    init(settings: ServerSettings, database: Database, threads: Int, logger: Logger) {
        leaseSeconds = settings.jobLeaseSeconds
        guard let url = settings.redis else {
            store = JobQueue(engine: database.engine)
            relay = nil
            redis = nil
            direct = nil
            return
        }
        let redis = RedisClient(url: url, threads: threads)
        let store = RedisJobStore(
            redis: redis, database: database, namespace: settings.redisNamespace,
            callbackGrace: .seconds(settings.jobLeaseSeconds))
        self.store = store
        self.direct = store
        self.redis = redis
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
