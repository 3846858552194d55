import Foundation
import LoomRedis
import MetricsTestKit
@testable import LoomRuntime
import Synchronization
import Testing

/// The job lifecycle as a pure state machine, without a database.
@Suite("Job lifecycle")
struct JobLifecycleTests {
    @Test func backoffGrowsWithJitterUnderItsCap() {
        let backoff = JobBackoff.exponential(baseSeconds: 1, capSeconds: 10)
        #expect(backoff.delay(afterAttempt: 1, random: 0) == 1)
        #expect(backoff.delay(afterAttempt: 3, random: 0) == 4)
        #expect(backoff.delay(afterAttempt: 3, random: 0.999) < 5.01)
        #expect(backoff.delay(afterAttempt: 30, random: 0.5) == 10)
        #expect(JobBackoff.fixed(seconds: 5).delay(afterAttempt: 7, random: 0.9) == 5)
    }

    @Test func failuresRetryUntilTheLastAttemptThenDie() {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(JobLifecycle.afterFailure(attempts: 1, maxAttempts: 3, backoff: .fixed(seconds: 2), now: now, random: 0)
            == .retry(at: now.addingTimeInterval(2)))
        #expect(JobLifecycle.afterFailure(attempts: 3, maxAttempts: 3, backoff: .fixed(seconds: 2), now: now, random: 0) == .dead)
        #expect(JobLifecycle.afterFailure(attempts: 1, maxAttempts: 1, backoff: .fixed(seconds: 2), now: now, random: 0) == .dead)
        // A row that does not exist will not exist on the next attempt either; a timeout might pass.
        #expect(JobLifecycle.afterFailure(attempts: 1, maxAttempts: 3, backoff: .fixed(seconds: 2), now: now, random: 0,
                                          retryable: JobLifecycle.isRetryable(kind: "not_found")) == .dead)
        #expect(JobLifecycle.isRetryable(kind: "timeout") && JobLifecycle.isRetryable(kind: "error") && JobLifecycle.isRetryable(kind: "unavailable"))
    }

    @Test func aJobIsClaimableWhenDueOrWhenItsLeaseRanOut() {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(JobLifecycle.isClaimable(state: .queued, runAt: now, leaseUntil: nil, now: now))
        #expect(!JobLifecycle.isClaimable(state: .failed, runAt: now.addingTimeInterval(1), leaseUntil: nil, now: now))
        #expect(!JobLifecycle.isClaimable(state: .running, runAt: now, leaseUntil: now.addingTimeInterval(1), now: now))
        #expect(JobLifecycle.isClaimable(state: .running, runAt: now, leaseUntil: now.addingTimeInterval(-1), now: now))
        #expect(!JobLifecycle.isClaimable(state: .succeeded, runAt: now, leaseUntil: nil, now: now))
        #expect(!JobLifecycle.isClaimable(state: .dead, runAt: now, leaseUntil: nil, now: now))
    }
}

/// The durable queue and its worker on SQLite and PostgreSQL, with hand-written job definitions.
@Suite("Job queue", .serialized)
struct JobQueueTests {
    struct Boom: Error {}

    /// Set by the `Traced` job as it starts (the database cannot tell: on SQLite its transaction holds the connection).
    static let tracedStarted = Mutex(false)

    /// `Add` adds its payload to a counter (its success callback writes a mark); `Flaky` writes, then throws (its
    /// failure callback writes a mark).
    static func definitions() -> [JobDefinition] {
        [
            JobDefinition(
                name: "Add", queue: "math", maxAttempts: 1, backoff: .fixed(seconds: 0), timeout: nil,
                run: { payload, scope in
                    _ = try await scope.database.engine.query(#"UPDATE "counters" SET "n" = "n" + \#(Int(payload)!) WHERE "id" = 1"#, [])
                    return "\"added\""
                },
                onSuccess: { _, result, scope in
                    _ = try await scope.database.engine.query(#"INSERT INTO "marks" ("what") VALUES ('success \#(result)')"#, [])
                }
            ),
            JobDefinition(
                name: "Flaky", queue: "math", maxAttempts: 3, backoff: .fixed(seconds: 0), timeout: nil,
                run: { _, scope in
                    _ = try await scope.database.engine.query(#"UPDATE "counters" SET "n" = "n" + 1000 WHERE "id" = 1"#, [])
                    throw Boom()
                },
                onFailure: { _, failure, scope in
                    _ = try await scope.database.engine.query(#"INSERT INTO "marks" ("what") VALUES ('failure after \#(failure.attempts)')"#, [])
                }
            ),
            JobDefinition(
                name: "Traced", queue: "math", maxAttempts: 1, backoff: .fixed(seconds: 0), timeout: nil,
                run: { _, scope in
                    tracedStarted.withLock { $0 = true }
                    // The dispatching request's id travels with the job, into its scope and its logs.
                    _ = try await scope.database.engine.query(#"INSERT INTO "marks" ("what") VALUES ('trace \#(scope.requestID ?? "none")')"#, [])
                    try await Task.sleep(for: .milliseconds(300))
                    return "null"
                }
            ),
            JobDefinition(
                name: "Missing", queue: "math", maxAttempts: 3, backoff: .fixed(seconds: 0), timeout: nil,
                run: { _, _ in throw LoomError.notFound(entity: "Product", id: "9") }
            ),
            JobDefinition(
                name: "Slow", queue: "slow", maxAttempts: 2, backoff: .fixed(seconds: 0), timeout: .milliseconds(50),
                run: { _, _ in
                    try await Task.sleep(for: .seconds(600))
                    return "null"
                }
            ),
        ]
    }

    /// A worker over a fresh database, and over a fresh Redis namespace when the setup says so.
    struct Harness {
        let database: Database
        let worker: JobWorker
        let relay: JobRelay?
        let metrics: JobMetrics
        var store: any JobStore { worker.store }
        /// Where dispatches go, as generated code writes them.
        var outbox: JobQueue { JobQueue(engine: database.engine, metrics: metrics) }

        /// Relays the outbox (with Redis), then runs every due job.
        func drain() async throws {
            try await relay?.relayOnce()
            try await worker.drain()
        }

        func relayed() async throws {
            try await relay?.relayOnce()
        }
    }

    static func withQueue(
        _ setup: JobTestSetup, metrics: JobMetrics = JobMetrics(), _ body: (Harness) async throws -> Void
    ) async throws {
        try await setup.withJobDatabase { database, store, relay in
            let worker = JobWorker(
                database: database, definitions: definitions(), store: store, options: .init(lease: .seconds(5)), metrics: metrics)
            try await body(Harness(database: database, worker: worker, relay: relay, metrics: metrics))
        }
    }

    static func counter(_ database: Database) async throws -> Int {
        try await database.engine.query(#"SELECT "n" FROM "counters" WHERE "id" = 1"#, []).first!.decode(Int.self, at: 0)
    }

    static func marks(_ database: Database) async throws -> [String] {
        try await database.engine.query(#"SELECT "what" FROM "marks""#, []).map { try $0.decode(String.self, at: 0) }
    }

    static func enqueue(_ queue: JobQueue, _ job: String, _ payload: String, maxAttempts: Int = 1) async throws -> JobHandle {
        try await queue.enqueue(job: job, queue: job == "Slow" ? "slow" : "math", payload: payload, maxAttempts: maxAttempts, runAt: Timestamp.now(), traceID: "trace-1")
    }

    @Test("a job runs once, commits its writes, and its success callback runs once", arguments: JobTestSetup.allCases)
    func success(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            let handle = try await Self.enqueue(harness.outbox, "Add", "5")
            #expect(try await worker.store.status(handle.jobId)?.state == .queued)
            try await harness.drain()
            let status = try #require(try await worker.store.status(handle.jobId))
            #expect(status.state == .succeeded)
            #expect(status.result == "\"added\"")
            #expect(status.callback == "done")
            #expect(status.attempts == 1)
            #expect(try await Self.counter(database) == 5)
            #expect(try await Self.marks(database) == ["success \"added\""])
            try await harness.drain()  // nothing runs twice
            try await worker.runPendingCallbacks()
            #expect(try await Self.counter(database) == 5)
            #expect(try await Self.marks(database).count == 1)
        }
    }

    @Test("failures retry, roll back their writes, die after the last attempt, call back once, and can be re-queued", arguments: JobTestSetup.allCases)
    func failure(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            let handle = try await Self.enqueue(harness.outbox, "Flaky", "0", maxAttempts: 3)
            try await harness.relayed()
            #expect(try await worker.runNext())
            #expect(try await worker.store.status(handle.jobId)?.state == .failed)
            try await harness.drain()
            let status = try #require(try await worker.store.status(handle.jobId))
            #expect(status.state == .dead)
            #expect(status.attempts == 3)
            #expect(status.lastError?.contains("Boom") == true)
            #expect(try await Self.counter(database) == 0)  // every attempt's write rolled back
            #expect(try await Self.marks(database) == ["failure after 3"])
            #expect(try await worker.store.dead(limit: 100).map(\.id) == [handle.jobId])

            #expect(try await worker.store.requeue(handle.jobId, now: Timestamp.now()))
            #expect(try await worker.store.status(handle.jobId)?.state == .queued)
            #expect(try await worker.store.requeue(handle.jobId, now: Timestamp.now()) == false)  // only a dead job
        }
    }

    @Test("a failure no retry can cure (a row not found) is dead after one attempt", arguments: JobTestSetup.allCases)
    func notRetried(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let handle = try await Self.enqueue(harness.outbox, "Missing", "null", maxAttempts: 3)
            try await harness.drain()
            let status = try #require(try await harness.store.status(handle.jobId))
            #expect(status.state == .dead)
            #expect(status.attempts == 1)
            #expect(status.lastError == "Product with id=9 not found")
        }
    }

    @Test("a job whose workers keep dying while they run it is dead after its attempts and two more, and calls back", arguments: JobTestSetup.allCases)
    func lostInEveryAttempt(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let handle = try await Self.enqueue(harness.outbox, "Flaky", "0", maxAttempts: 2)
            try await harness.relayed()
            for _ in 0..<4 {
                // Claimed, then the worker is gone (it never reports back).
                #expect(try await harness.store.claim(queues: ["math"], lease: .milliseconds(50), now: Timestamp.now(), limit: 1).count == 1)
                try await Task.sleep(for: .milliseconds(100))
                #expect(try await harness.store.requeueExpired(now: Timestamp.now()) == 1)
            }
            try await harness.drain()
            let status = try #require(try await harness.store.status(handle.jobId))
            #expect(status.state == .dead)
            #expect(status.lastError == "delivered 4 times without finishing: its workers stopped while running it")
            #expect(try await Self.counter(harness.database) == 0)  // it never ran
            #expect(try await Self.marks(harness.database) == ["failure after 4"])
        }
    }

    @Test("a re-queued dead job that dies again calls back again", arguments: JobTestSetup.allCases)
    func requeuedJobCallsBackAgain(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let handle = try await Self.enqueue(harness.outbox, "Flaky", "0", maxAttempts: 1)
            try await harness.drain()
            #expect(try await harness.store.status(handle.jobId)?.callback == "done")
            #expect(try await harness.store.requeue(handle.jobId, now: Timestamp.now()))
            try await harness.drain()
            #expect(try await harness.store.status(handle.jobId)?.state == .dead)
            #expect(try await Self.marks(harness.database) == ["failure after 1", "failure after 1"])
        }
    }

    @Test("a job past its timeout fails with kind timeout", arguments: JobTestSetup.allCases)
    func timeout(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let worker = harness.worker
            let handle = try await Self.enqueue(harness.outbox, "Slow", "null", maxAttempts: 1)
            let started = ContinuousClock.now
            try await harness.drain()
            #expect(ContinuousClock.now - started < .seconds(120))  // the job alone would take ten minutes
            let status = try #require(try await worker.store.status(handle.jobId))
            #expect(status.state == .dead)
            #expect(status.lastError == "timed out")
        }
    }

    @Test("a dispatch inside a rolled-back transaction queues nothing", arguments: JobTestSetup.allCases)
    func transactionalDispatch(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            await #expect(throws: Boom.self) {
                try await database.transaction { transaction in
                    _ = try await Self.enqueue(JobQueue(engine: transaction.engine), "Add", "1")
                    throw Boom()
                }
            }
            let kept = try await database.transaction { try await Self.enqueue(JobQueue(engine: $0.engine), "Add", "2") }
            try await harness.drain()
            #expect(try await Self.counter(database) == 2)
            #expect(try await worker.store.status(kept.jobId)?.state == .succeeded)
        }
    }

    @Test("with Redis, a dispatch outside a transaction goes straight there; inside one, through the outbox; Redis down, into the outbox", arguments: [JobTestSetup.sqliteRedis, .postgresRedis])
    func directDispatch(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let store = try #require(harness.store as? RedisJobStore)
            let database = Database(engine: harness.database.engine, directJobs: store)
            func outboxCount() async throws -> Int {
                try await database.engine.query(#"SELECT count(*) FROM "loom_jobs" WHERE "state" = 'queued'"#, []).first!.decode(Int.self, at: 0)
            }
            let direct = try await Self.enqueue(JobQueue(database: database), "Add", "1")
            #expect(try await outboxCount() == 0)
            #expect(try await store.claim(queues: ["math"], lease: .seconds(5), now: Timestamp.now(), limit: 10).map(\.id) == [direct.jobId])

            let transactional = try await database.transaction { try await Self.enqueue(JobQueue(database: $0), "Add", "2") }
            #expect(try await outboxCount() == 1)  // until the relay moves it
            try await harness.relayed()
            #expect(try await outboxCount() == 0)
            #expect(try await store.status(transactional.jobId)?.state == .queued)

            let unreachable = RedisClient(url: RedisURL(host: "127.0.0.1", port: 1))
            let down = RedisJobStore(redis: unreachable, database: harness.database, namespace: "nowhere")
            let kept = try await Self.enqueue(JobQueue(database: Database(engine: database.engine, directJobs: down)), "Add", "3")
            try await unreachable.shutdown()
            #expect(try await outboxCount() == 1)
            try await harness.relayed()
            #expect(try await store.status(kept.jobId)?.state == .queued)
        }
    }

    @Test("a job whose worker died is delivered again after its lease; the dead worker cannot finish it", arguments: JobTestSetup.allCases)
    func leaseExpiry(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            let handle = try await Self.enqueue(harness.outbox, "Add", "7")
            // A worker claims it and dies (never reports back).
            try await harness.relayed()
            let lost = try #require(try await worker.store.claim(queues: ["math"], lease: .milliseconds(100), now: Timestamp.now(), limit: 1).first)
            #expect(try await worker.store.claim(queues: ["math"], lease: .seconds(5), now: Timestamp.now(), limit: 1).isEmpty)  // leased
            try await Task.sleep(for: .milliseconds(200))
            try await harness.drain()
            #expect(try await worker.store.status(handle.jobId)?.state == .succeeded)
            #expect(try await worker.store.status(handle.jobId)?.attempts == 2)
            #expect(try await Self.counter(database) == 7)
            // Fenced: the first claim's report comes too late and changes nothing.
            #expect(try await worker.store.recordSuccess(lost, result: "null", callbackPending: false, in: database, now: Timestamp.now()) == false)
            #expect(try await worker.store.renew(lost, lease: .seconds(5), now: Timestamp.now()) == false)
        }
    }

    @Test("a callback left pending by a dead worker runs exactly once, however many workers recover it", arguments: JobTestSetup.allCases)
    func callbackExactlyOnce(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            let handle = try await Self.enqueue(harness.outbox, "Add", "1")
            // Finished, callback pending, and the worker died before running it.
            try await harness.relayed()
            let claimed = try #require(try await worker.store.claim(queues: ["math"], lease: .seconds(5), now: Timestamp.now(), limit: 1).first)
            #expect(try await worker.store.recordSuccess(claimed, result: "\"added\"", callbackPending: true, in: database, now: Timestamp.now()))
            #expect(try await worker.store.confirmSuccess(claimed, result: "\"added\"", callbackPending: true, now: Timestamp.now()))
            let other = JobWorker(database: database, definitions: Self.definitions(), store: worker.store)
            async let first: Void = worker.runPendingCallbacks()
            async let second: Void = other.runPendingCallbacks()
            _ = try await (first, second)
            try await worker.runPendingCallbacks()
            #expect(try await Self.marks(database) == ["success \"added\""])
            #expect(try await worker.store.status(handle.jobId)?.callback == "done")
        }
    }

    @Test("the request id travels with the job; stopping lets the job in flight finish", arguments: JobTestSetup.allCases)
    func traceAndGracefulStop(setup: JobTestSetup) async throws {
        try await Self.withQueue(setup) { harness in
            let (database, worker) = (harness.database, harness.worker)
            let handle = try await Self.enqueue(harness.outbox, "Traced", "null")
            try await harness.relayed()
            Self.tracedStarted.withLock { $0 = false }
            let running = Task { await worker.run() }
            // Wait until the job is running, then ask the worker to stop: it takes no new job, finishes this one.
            while !Self.tracedStarted.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            worker.stop()
            let later = try await Self.enqueue(harness.outbox, "Add", "1")
            await running.value
            #expect(try await worker.store.status(handle.jobId)?.state == .succeeded)
            #expect(try await Self.marks(database) == ["trace trace-1"])
            #expect(try await worker.store.status(later.jobId)?.state == .queued)
        }
    }

    @Test("dispatched, started, succeeded, retried, failed and dead are counted, and each attempt timed", arguments: JobTestSetup.allCases)
    func metrics(setup: JobTestSetup) async throws {
        let recorded = TestMetrics()
        try await Self.withQueue(setup, metrics: JobMetrics(factory: recorded)) { harness in
            _ = try await Self.enqueue(harness.outbox, "Add", "1")
            _ = try await Self.enqueue(harness.outbox, "Flaky", "0", maxAttempts: 2)
            try await harness.drain()
            func total(_ event: JobMetrics.Event, _ job: String) -> Int64 {
                recorded.counterTotal(label: "loom_jobs_\(event.rawValue)_total", dimensions: [("job", job), ("queue", "math")])
            }
            #expect(total(.dispatched, "Add") == 1 && total(.started, "Add") == 1 && total(.succeeded, "Add") == 1)
            #expect(total(.dispatched, "Flaky") == 1 && total(.started, "Flaky") == 2)
            #expect(total(.failed, "Flaky") == 2 && total(.retried, "Flaky") == 1 && total(.dead, "Flaky") == 1)
            #expect(total(.succeeded, "Flaky") == 0)
            let timer = try recorded.expectTimer("loom_job_duration_seconds", [("job", "Flaky"), ("queue", "math")])
            #expect(timer.values.count == 2)
        }
    }
}

