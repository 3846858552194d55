import Foundation
import LoomValues
import Logging
import Synchronization

/// Runs the jobs of a schema from the durable queue: claims due jobs of its queues under a lease (renewed while a job
/// runs), runs each in its own transaction together with marking it succeeded (so a finished job's writes and its
/// "succeeded" commit together, and it never runs again), retries failures with their backoff, and runs callbacks
/// exactly once, each in its own transaction. A job whose worker died is delivered again when its lease runs out
/// (the sweep in `housekeeping`, every 2 s).
public final class JobWorker: Sendable {
    public struct Options: Sendable {
        /// The queues to take jobs from; nil for every queue the definitions name.
        public var queues: [String]?
        public var concurrency: Int
        /// How often an idle worker looks for due jobs.
        public var pollInterval: Duration
        /// How long a claimed job is this worker's without renewal; renewed every third of it while the job runs.
        public var lease: Duration
        /// How long succeeded jobs (and their results) stay queryable.
        public var retention: Duration
        /// How many jobs each of the `concurrency` loops claims at once (and then runs one after another): fewer
        /// round trips per job when the queue is busy.
        public var batchSize: Int

        public init(
            queues: [String]? = nil, concurrency: Int = 4, pollInterval: Duration = .milliseconds(100),
            lease: Duration = .seconds(30), retention: Duration = .seconds(7 * 24 * 3600), batchSize: Int = 8
        ) {
            self.queues = queues
            self.concurrency = concurrency
            self.batchSize = max(1, batchSize)
            self.pollInterval = pollInterval
            self.lease = lease
            self.retention = retention
        }
    }

    let database: Database
    /// Where jobs come from: the database's own queue, or Redis.
    public let store: any JobStore
    let definitions: [String: JobDefinition]
    let options: Options
    let logger: Logger
    let metrics: JobMetrics
    private let stopping = Mutex(false)
    private let idle = IdlePolling()

    /// `store` defaults to the durable queue in `database` (the embedded default).
    public init(
        database: Database, definitions: [JobDefinition], store: (any JobStore)? = nil, options: Options = Options(),
        logger: Logger = Logger(label: "loom.jobs"), metrics: JobMetrics = JobMetrics()
    ) {
        // Jobs run as the application itself, whoever dispatched them: no access rule applies to them.
        self.database = database.asSystem
        self.store = store ?? JobQueue(engine: database.engine, metrics: metrics)
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }) { first, _ in first }
        self.options = options
        self.logger = logger
        self.metrics = metrics
    }

    /// The queues this worker takes jobs from.
    public var queues: [String] {
        options.queues ?? Array(Set(definitions.values.map(\.queue))).sorted()
    }

    /// Takes jobs until `stop()` (then finishes those in flight) or cancellation (then abandons them: their leases run
    /// out and another worker takes them).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, options.concurrency) {
                group.addTask { await self.loop() }
            }
            group.addTask { await self.housekeeping() }
        }
    }

    /// Stops taking jobs; `run()` returns once the jobs in flight are done.
    public func stop() {
        stopping.withLock { $0 = true }
        idle.close()
    }

    var isStopping: Bool { stopping.withLock { $0 } || Task.isCancelled }

    private func loop() async {
        while !isStopping {
            do {
                if try await runBatch() > 0 { continue }
            } catch {
                logger.error("job queue unavailable: \(error)")
            }
            await idle.pause(for: options.pollInterval)
        }
    }

    /// Claims up to `batchSize` due jobs and runs them one after another; returns how many it claimed. The jobs
    /// waiting their turn have their leases renewed too (one that is no longer ours is skipped); those not started
    /// when the worker stops go back to the queue at once.
    func runBatch() async throws -> Int {
        let claimed = try await store.claim(queues: queues, lease: options.lease, now: Timestamp.now(), limit: options.batchSize)
        // Busy with these now: another loop takes over polling (and claims too, if the batch was full).
        if !claimed.isEmpty { idle.wakeOne() }
        let waiting = Mutex(Dictionary(claimed.dropFirst().map { ($0.id, $0) }) { first, _ in first })
        let lost = Mutex(Set<UUID>())
        let renewal: Task<Void, Never>? = claimed.count < 2 ? nil : Task { [store, options, logger] in
            while !Task.isCancelled {
                try? await Task.sleep(for: options.lease / 3)
                for job in waiting.withLock({ Array($0.values) }) where !Task.isCancelled {
                    do {
                        if try await !store.renew(job, lease: options.lease, now: Timestamp.now()) {
                            lost.withLock { _ = $0.insert(job.id) }
                        }
                    } catch {
                        logger.warning("renewing the lease of a waiting job failed (retrying): \(error)")
                    }
                }
            }
        }
        defer { renewal?.cancel() }
        for (index, job) in claimed.enumerated() {
            _ = waiting.withLock { $0.removeValue(forKey: job.id) }
            if index > 0 && isStopping {
                for unstarted in claimed[index...] { try? await store.release(unstarted, now: Timestamp.now()) }
                break
            }
            if lost.withLock({ $0.contains(job.id) }) { continue }
            await execute(job)
        }
        return claimed.count
    }

    /// Recovers callbacks whose worker died, and forgets succeeded jobs past their retention.
    private func housekeeping() async {
        var lastPurge = ContinuousClock.now - .seconds(3600)
        while !isStopping {
            do {
                _ = try await store.requeueExpired(now: Timestamp.now())
                try await runPendingCallbacks()
                try await settleGroups()
                if ContinuousClock.now - lastPurge > .seconds(60) {
                    let cutoff = Timestamp.now().addingTimeInterval(-JobCoding.seconds(options.retention))
                    _ = try await store.purge(succeededBefore: cutoff)
                    _ = try await JobGroups(engine: database.engine).purge(endedBefore: cutoff)
                    lastPurge = .now
                }
            } catch {
                logger.error("job housekeeping failed: \(error)")
            }
            // Every 2 s, in steps short enough that a stopping worker does not wait for the next round.
            let next = ContinuousClock.now + .seconds(2)
            while !isStopping && ContinuousClock.now < next { try? await Task.sleep(for: options.pollInterval) }
        }
    }

    /// Claims and runs one due job; false when none was due.
    @discardableResult
    public func runNext(now: Date = Timestamp.now()) async throws -> Bool {
        guard let job = try await store.claim(queues: queues, lease: options.lease, now: now, limit: 1).first else { return false }
        await execute(job)
        return true
    }

    /// Runs every due job, one after another, until none is left: for tests and tools.
    public func drain() async throws {
        _ = try await store.requeueExpired(now: Timestamp.now())
        while try await runNext() {}
    }

    /// How many more deliveries than `maxAttempts` a job gets when its workers die while running it.
    static let lostDeliveriesAllowed = 2

    struct LeaseLost: Error {}
    struct TimedOut: Error {}

    /// Runs a claimed job in its own span (when tracing is on), which its statements and callback are children of.
    func execute(_ job: ClaimedJob) async {
        _ = try? await LoomTracing.withSpan("job \(job.job)", kind: .consumer, attributes: { attributes in
            attributes["loom.job"] = job.job
            attributes["loom.job_id"] = job.id.lowercasedText
            attributes["loom.job_attempt"] = job.attempts
            if let trace = job.traceID { attributes["loom.request_id"] = trace }
        }) {
            await executeUntraced(job)
        }
    }

    func executeUntraced(_ job: ClaimedJob) async {
        var logger = self.logger
        logger[metadataKey: "jobId"] = .string(job.id.lowercasedText)
        logger[metadataKey: "job"] = .string(job.job)
        if let trace = job.traceID { logger[metadataKey: "requestId"] = .string(trace) }
        guard let definition = definitions[job.job] else {
            // Perhaps a job of a newer deployment, which other workers know: tried again later, dead after its attempts.
            logger.error("no definition for job '\(job.job)'")
            let next: JobLifecycle.AfterFailure = job.attempts >= job.maxAttempts ? .dead : .retry(at: Timestamp.now().addingTimeInterval(30))
            _ = try? await store.fail(job, error: "this worker does not know the job '\(job.job)'", then: next, callbackPending: false, now: Timestamp.now())
            return
        }
        if job.attempts > 1 {
            // Delivered again after its worker died: if its success had committed, it is confirmed, never run again.
            let finished: String?
            do {
                finished = try await store.finishedResult(of: job)
            } catch {
                logger.error("cannot tell whether the job already succeeded; handing it back: \(error)")
                try? await store.release(job, now: Timestamp.now())
                return
            }
            if let finished {
                logger.notice("job had already succeeded; confirming it without running it again")
                await confirm(job, result: finished, definition: definition, logger: logger)
                return
            }
        }
        if job.attempts > job.maxAttempts + Self.lostDeliveriesAllowed {
            // Its workers keep dying while they run it (a job that crashes or exhausts them): no more. A crash or two
            // never costs a job its run, even one with no retries.
            let failure = JobFailure(
                kind: "lost", message: "delivered \(job.attempts - 1) times without finishing: its workers stopped while running it",
                attempts: job.attempts - 1)
            await recordFailure(job, failure, then: .dead, definition: definition, logger: logger)
            return
        }
        let renewal = Task { [store, options] in
            while !Task.isCancelled {
                try? await Task.sleep(for: options.lease / 3)
                if Task.isCancelled { return }
                do {
                    guard try await store.renew(job, lease: options.lease, now: Timestamp.now()) else {
                        logger.warning("job's lease was lost while it ran; its result will not be recorded")
                        return
                    }
                } catch {
                    logger.warning("renewing the job's lease failed (retrying): \(error)")
                }
            }
        }
        defer { renewal.cancel() }
        let jobLogger = logger
        let callbackPending = definition.onSuccess != nil
        metrics.record(.started, job: job.job, queue: job.queue)
        let started = ContinuousClock.now
        defer { metrics.recordDuration(ContinuousClock.now - started, job: job.job, queue: job.queue) }
        do {
            // The job's transaction begins at its first statement; its success record commits with its writes.
            let transaction = DeferredTransaction(base: database.engine)
            let scope = UseCaseScope(database: database.on(transaction), requestID: job.traceID, logger: jobLogger)
            let result: String
            do {
                result = try await Self.withTimeout(definition.timeout) { try await definition.run(job.payload, scope) }
            } catch {
                _ = try? await transaction.finish(commit: false)
                throw error
            }
            // A member of a group is counted in the same transaction as its success: once, or not at all.
            let completedGroup = Mutex<UUID?>(nil)
            let grouped = definition.isGrouped
            let record: @Sendable (Database?) async throws -> Void = { [store] transaction in
                guard try await store.recordSuccess(job, result: result, callbackPending: callbackPending, in: transaction, now: Timestamp.now())
                else { throw LeaseLost() }
                if grouped, let transaction {
                    let group = try await JobGroups(engine: transaction.engine).recordSuccess(of: job.id, result: result, now: Timestamp.now())
                    completedGroup.withLock { $0 = group }
                }
            }
            let wrote = try await transaction.finish(commit: true) { [database] engine in try await record(database.on(engine)) }
            if !wrote {
                if grouped { try await database.transaction { try await record($0) } } else { try await record(nil) }
            }
            // Committed: the job never runs again, even if confirming fails (its next delivery finds the record).
            await confirm(job, result: result, definition: definition, logger: logger)
            if let group = completedGroup.withLock({ $0 }) { await runGroupCallback(group, definition: definition) }
        } catch is LeaseLost {
            // Another delivery of the job committed its success first: confirmed with that result, if this worker
            // still holds the job (otherwise the holder does).
            logger.warning("another delivery of the job finished it first")
            if let finished = try? await store.finishedResult(of: job) {
                await confirm(job, result: finished, definition: definition, logger: logger)
            }
        } catch is CancellationError {
            logger.notice("worker stopping: the job goes back to the queue when its lease runs out")
        } catch {
            let failure = Self.failure(error, attempts: job.attempts)
            let next = JobLifecycle.afterFailure(
                attempts: job.attempts, maxAttempts: job.maxAttempts, backoff: definition.backoff, now: Timestamp.now(),
                random: Double.random(in: 0..<1), retryable: JobLifecycle.isRetryable(kind: failure.kind))
            await recordFailure(job, failure, then: next, definition: definition, logger: logger)
        }
    }

    /// Marks a job whose success committed as succeeded, and runs its success callback; nothing when the job is no
    /// longer this worker's.
    private func confirm(_ job: ClaimedJob, result: String, definition: JobDefinition, logger: Logger) async {
        let callbackPending = definition.onSuccess != nil
        do {
            guard try await store.confirmSuccess(job, result: result, callbackPending: callbackPending, now: Timestamp.now()) else {
                logger.warning("job succeeded, but it is no longer this worker's: its holder confirms it")
                return
            }
        } catch {
            logger.error("job succeeded but confirming it failed (it is confirmed when delivered again): \(error)")
            return
        }
        metrics.record(.succeeded, job: job.job, queue: job.queue)
        logger.debug("job succeeded after \(job.attempts) attempt(s)")
        if let onSuccess = definition.onSuccess {
            await runCallback(job.id, traceID: job.traceID) { scope in try await onSuccess(job.payload, result, scope) }
        }
    }

    /// Records a failed attempt (a retry, or a dead letter with its failure callback).
    private func recordFailure(
        _ job: ClaimedJob, _ failure: JobFailure, then next: JobLifecycle.AfterFailure, definition: JobDefinition, logger: Logger
    ) async {
        let pending = next == .dead && definition.onFailure != nil
        metrics.record(.failed, job: job.job, queue: job.queue)
        metrics.record(next == .dead ? .dead : .retried, job: job.job, queue: job.queue)
        logger.warning("job failed (attempt \(job.attempts) of \(job.maxAttempts)): \(failure.message)")
        guard (try? await store.fail(job, error: failure.message, then: next, callbackPending: pending, now: Timestamp.now())) == true
        else { return }
        if pending, let onFailure = definition.onFailure {
            await runCallback(job.id, traceID: job.traceID) { scope in try await onFailure(job.payload, failure, scope) }
        }
        if next == .dead, definition.isGrouped {
            // A worker dying here leaves the group running with a dead member: housekeeping finds it (`settleGroups`).
            do {
                if let group = try await JobGroups(engine: database.engine).recordDeath(of: job.id, error: failure.message, now: Timestamp.now()) {
                    await runGroupCallback(group, definition: definition, failure: failure)
                }
            } catch {
                logger.error("recording the death of a group's member failed (housekeeping retries it): \(error)")
            }
        }
    }

    /// Runs a group's callback in its own transaction, which first takes it: exactly one worker commits it.
    /// `failure` is the death's, when this worker saw it; housekeeping knows only its message.
    func runGroupCallback(_ id: UUID, definition: JobDefinition, failure known: JobFailure? = nil) async {
        let logger = self.logger
        do {
            try await database.transaction { transaction in
                let groups = JobGroups(engine: transaction.engine)
                guard let group = try await groups.group(id), try await groups.take(id, now: Timestamp.now()) else { return }
                let scope = UseCaseScope(database: transaction, requestID: nil, logger: logger)
                let members = try await groups.members(of: id)
                switch group.state {
                case .succeeded:
                    try await definition.onGroupSuccess?(id, members.map(\.payload), members.map { $0.result ?? "null" }, scope)
                case .failed:
                    let failed = members.first { $0.job == group.failedJob }
                    let failure = known ?? JobFailure(kind: "error", message: group.lastError ?? "", attempts: 0)
                    try await definition.onGroupFailure?(id, failed?.payload ?? "null", failure, scope)
                case .running:
                    break
                }
            }
        } catch {
            logger.error("callback of job group \(id) failed: \(error)")
            try? await JobGroups(engine: database.engine).callbackFailed(id, error: String(describing: error), now: Timestamp.now())
        }
    }

    /// Groups whose end a dead worker left unhandled: a callback still pending a lease after the group ended, or a
    /// member that died without failing its group.
    func settleGroups() async throws {
        let grouped = definitions.values.filter(\.isGrouped).map(\.name).sorted()
        guard !grouped.isEmpty else { return }
        let groups = JobGroups(engine: database.engine)
        let before = Timestamp.now().addingTimeInterval(-JobCoding.seconds(options.lease))
        for member in try await groups.unsettledMembers(jobs: grouped, before: before, limit: 100) {
            guard let status = try await store.status(member), status.state == .dead,
                  let group = try await groups.recordDeath(of: member, error: status.lastError ?? "", now: Timestamp.now()),
                  let definition = definitions[status.job]
            else { continue }
            await runGroupCallback(group, definition: definition)
        }
        for group in try await groups.stalled(jobs: grouped, before: before, limit: 20) {
            guard let definition = definitions[group.job] else { continue }
            await runGroupCallback(group.id, definition: definition)
        }
    }

    /// Runs a job's callback in its own transaction, which first takes the callback (`takeCallback`): of all the
    /// workers that might try, exactly one commits it.
    func runCallback(_ id: UUID, traceID: String?, _ body: @escaping @Sendable (UseCaseScope) async throws -> Void) async {
        let logger = self.logger
        var failure: String?
        do {
            try await database.transaction { [store] transaction in
                guard try await store.takeCallback(id, in: transaction, now: Timestamp.now()) else { return }
                try await body(UseCaseScope(database: transaction, requestID: traceID, logger: logger))
            }
        } catch {
            logger.error("callback of job \(id) failed: \(error)")
            failure = String(describing: error)
        }
        do {
            try await store.finishCallback(id, error: failure, now: Timestamp.now())
        } catch {
            // Still pending: housekeeping finds it, `takeCallback` says it ran, and it is recorded then.
            logger.error("recording the callback of job \(id) failed: \(error)")
        }
    }

    /// Callbacks whose job finished but whose worker died before running them.
    func runPendingCallbacks() async throws {
        for status in try await store.pendingCallbacks(queues: queues, limit: 20, now: Timestamp.now()) {
            guard let definition = definitions[status.job] else { continue }
            if status.state == .succeeded, let onSuccess = definition.onSuccess {
                let result = status.result ?? "null"
                await runCallback(status.id, traceID: nil) { scope in try await onSuccess(status.payload, result, scope) }
            } else if status.state == .dead, let onFailure = definition.onFailure {
                let failure = JobFailure(kind: "error", message: status.lastError ?? "", attempts: status.attempts)
                await runCallback(status.id, traceID: nil) { scope in try await onFailure(status.payload, failure, scope) }
            }
        }
    }

    static func withTimeout<T: Sendable>(_ timeout: Duration?, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let timeout else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TimedOut()
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw TimedOut()
        }
    }

    static func failure(_ error: any Error, attempts: Int) -> JobFailure {
        switch error {
        case is TimedOut: JobFailure(kind: "timeout", message: "timed out", attempts: attempts)
        case let error as LoomError:
            JobFailure(kind: error.code, message: error.message, attempts: attempts)
        case let invalid as InvalidInput:
            // A job that decoded a generated command itself: the failure a `JobCoding.decode` would have reported.
            failure(LoomError(invalid), attempts: attempts)
        default: JobFailure(kind: "error", message: String(describing: error), attempts: attempts)
        }
    }
}
