import Foundation
import Logging
import LoomRuntime
import Synchronization

/// Moves dispatched jobs from the outbox (`queued` rows of `loom_jobs`, written in their use case's transaction) to
/// Redis. Each round reads a batch of rows, pushes them, then deletes them: a process that dies in between leaves the
/// rows, and the next round (in any process) pushes them again, which Redis ignores for jobs it already has (so do
/// two relays that read the same rows at once). Every server and worker process runs one when Redis is configured, so dispatches made
/// before a crash are relayed at the next start.
public final class JobRelay: Sendable {
    let database: Database
    let store: RedisJobStore
    let logger: Logger
    let pollInterval: Duration
    let batchSize: Int
    private let stopping = Mutex(false)

    public init(
        database: Database, store: RedisJobStore, logger: Logger = Logger(label: "loom.jobs.relay"),
        pollInterval: Duration = .milliseconds(10), batchSize: Int = 500
    ) {
        self.database = database
        self.store = store
        self.logger = logger
        self.pollInterval = pollInterval
        self.batchSize = batchSize
    }

    /// Relays until `stop()` or cancellation.
    public func run() async {
        var failing = false
        while !stopping.withLock({ $0 }) && !Task.isCancelled {
            do {
                if try await relayOnce() == batchSize { continue }
                if failing { logger.notice("job relay running again") }
                failing = false
            } catch {
                if !failing { logger.error("job relay failed; retrying: \(error)") }
                failing = true
                try? await Task.sleep(for: .seconds(1))
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    public func stop() {
        stopping.withLock { $0 = true }
    }

    /// One batch: read, pushed, then deleted — no transaction held across the Redis call, so a slow or unreachable
    /// Redis never holds the database's writer. Returns how many jobs it relayed.
    @discardableResult
    public func relayOnce() async throws -> Int {
        let outbox = JobQueue(engine: database.engine)
        let jobs = try await outbox.queued(limit: batchSize)
        guard !jobs.isEmpty else { return 0 }
        try await store.push(jobs, now: Timestamp.now())
        try await outbox.removeQueued(jobs.map(\.id))
        return jobs.count
    }
}
