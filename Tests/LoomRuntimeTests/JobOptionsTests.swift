import Foundation
@testable import LoomRuntime
import LoomRedis
import Testing

/// What a dispatch and the configuration may change of a job: its priority, when it is due, its queue, its retries
/// and timeout — on the table queue and on Redis, on both databases.
@Suite("Job options")
struct JobOptionsTests {
    /// A dispatch of `Add` as generated code makes one, through the harness's outbox.
    static func dispatch(_ harness: JobQueueTests.Harness, _ options: DispatchOptions, settings: [String: JobSettings] = [:]) async throws -> UUID {
        let database = harness.database.with(jobSettings: settings)
        return try await JobQueue(database: database).dispatch(
            job: "Add", queue: "math", payload: "1", maxAttempts: 1, priority: 0, options: options, traceID: nil
        ).jobId
    }

    /// Claims one job at a time, as a worker with one free slot does, and so sees the order of the claims.
    static func claimAll(_ harness: JobQueueTests.Harness, queue: String = "math", at now: Date = Timestamp.now()) async throws -> [UUID] {
        try await harness.relayed()
        var claimed: [UUID] = []
        while let job = try await harness.store.claim(queues: [queue], lease: .seconds(30), now: now, limit: 1).first {
            claimed.append(job.id)
        }
        return claimed
    }

    @Test("a higher priority is claimed first; within one, the earlier due", arguments: JobTestSetup.allCases)
    func priorityFirst(setup: JobTestSetup) async throws {
        try await JobQueueTests.withQueue(setup) { harness in
            let past = Timestamp.now().addingTimeInterval(-600)
            func at(_ second: Double, priority: Int) -> DispatchOptions {
                DispatchOptions(runAt: past.addingTimeInterval(second), priority: priority)
            }
            let low = try await Self.dispatch(harness, at(0, priority: -3))
            let normal = try await Self.dispatch(harness, at(1, priority: 0))
            let highLater = try await Self.dispatch(harness, at(3, priority: 5))
            let highEarlier = try await Self.dispatch(harness, at(2, priority: 5))
            let top = try await Self.dispatch(harness, at(4, priority: 100))
            #expect(try await Self.claimAll(harness) == [top, highEarlier, highLater, normal, low])
            #expect(try await harness.store.status(top)?.priority == 100)
        }
    }

    @Test("a delayed job and one due at a set time are not claimed before they are due", arguments: JobTestSetup.allCases)
    func delayAndRunAt(setup: JobTestSetup) async throws {
        try await JobQueueTests.withQueue(setup) { harness in
            let now = Timestamp.now()
            let delayed = try await Self.dispatch(harness, .delay(.seconds(60)))
            let scheduled = try await Self.dispatch(harness, .at(now.addingTimeInterval(3_600)))
            let status = try #require(try await harness.store.status(scheduled))
            #expect(abs(status.runAt.timeIntervalSince(now) - 3_600) < 1)
            #expect(try await Self.claimAll(harness, at: now.addingTimeInterval(30)) == [])
            #expect(try await Self.claimAll(harness, at: now.addingTimeInterval(61)) == [delayed])
            #expect(try await Self.claimAll(harness, at: now.addingTimeInterval(1_800)) == [])
            #expect(try await Self.claimAll(harness, at: now.addingTimeInterval(3_601)) == [scheduled])
        }
    }

    @Test("the queue chosen at dispatch is the one the job waits on", arguments: JobTestSetup.allCases)
    func queueAtDispatch(setup: JobTestSetup) async throws {
        try await JobQueueTests.withQueue(setup) { harness in
            let id = try await Self.dispatch(harness, .queue("urgent"))
            #expect(try await harness.store.status(id)?.queue == "urgent")
            #expect(try await Self.claimAll(harness) == [])
            #expect(try await Self.claimAll(harness, queue: "urgent") == [id])
        }
    }

    @Test("the configuration's retries, queue and priority replace the schema's; a dispatch's options replace both", arguments: JobTestSetup.allCases)
    func configuredSettings(setup: JobTestSetup) async throws {
        try await JobQueueTests.withQueue(setup) { harness in
            let settings = ["Add": JobSettings(retries: 4, queue: "configured", priority: 7)]
            let configured = try #require(try await harness.store.status(try await Self.dispatch(harness, .init(), settings: settings)))
            #expect(configured.maxAttempts == 5)
            #expect(configured.queue == "configured")
            #expect(configured.priority == 7)
            let chosen = try #require(try await harness.store.status(
                try await Self.dispatch(harness, DispatchOptions(queue: "chosen", priority: -1), settings: settings)))
            #expect(chosen.queue == "chosen")
            #expect(chosen.priority == -1)
            #expect(chosen.maxAttempts == 5)
            // Another job's settings change nothing here.
            let other = try #require(try await harness.store.status(
                try await Self.dispatch(harness, .init(), settings: ["Flaky": JobSettings(queue: "elsewhere")])))
            #expect(other.queue == "math")
            await #expect(throws: LoomError.self) { try await Self.dispatch(harness, .priority(101)) }
        }
    }

    @Test("a worker's definitions take the configured timeout and retries")
    func definitionsApplySettings() {
        let definition = JobDefinition(
            name: "Slow", queue: "slow", maxAttempts: 2, backoff: .fixed(seconds: 0), timeout: .seconds(5), run: { _, _ in "null" })
        let configured = definition.applying(JobSettings(retries: 0, queue: "fast", timeout: .seconds(1), priority: 3))
        #expect(configured.maxAttempts == 1)
        #expect(configured.queue == "fast")
        #expect(configured.timeout == .seconds(1))
        #expect(configured.priority == 3)
        #expect(definition.applying(JobSettings(timeout: .zero)).timeout == nil)
        #expect(definition.applying(nil).timeout == .seconds(5))
    }

    @Test("a job table made before priorities gains its column, and its jobs are claimed", arguments: TestBackend.allCases)
    func upgradesAnOldTable(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let time = engine.dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
            try await engine.executeScript([
                """
                CREATE TABLE "loom_jobs" ("id" TEXT PRIMARY KEY, "job" TEXT NOT NULL, "queue" TEXT NOT NULL, \
                "payload" TEXT NOT NULL, "state" TEXT NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 0, \
                "max_attempts" INTEGER NOT NULL, "run_at" \(time) NOT NULL, "lease_until" \(time), "last_error" TEXT, \
                "result" TEXT, "callback_state" TEXT, "trace_id" TEXT, "created_at" \(time) NOT NULL, "updated_at" \(time) NOT NULL)
                """,
            ])
            let queue = JobQueue(engine: engine)
            let before = UUID()
            let now = Timestamp.now()
            _ = try await engine.query(
                #"INSERT INTO "loom_jobs" ("id", "job", "queue", "payload", "state", "max_attempts", "run_at", "created_at", "updated_at") VALUES ("#
                    + (1...9).map(engine.dialect.placeholder).joined(separator: ", ") + ")",
                [JobQueue.key(before), .string("Add"), .string("math"), .string("1"), .string("queued"), .int(1), .date(now), .date(now), .date(now)])
            try await JobQueue.prepare(engine)
            try await JobQueue.prepare(engine)  // twice: nothing to do the second time
            let urgent = try await queue.enqueue(job: "Add", queue: "math", payload: "2", maxAttempts: 1, runAt: now, traceID: nil, priority: 9)
            let first = try await queue.claim(queues: ["math"], lease: .seconds(30), now: now.addingTimeInterval(1), limit: 1).map(\.id)
            let second = try await queue.claim(queues: ["math"], lease: .seconds(30), now: now.addingTimeInterval(1), limit: 1).map(\.id)
            #expect(first + second == [urgent.jobId, before])
        }
    }
}
