import Foundation
import LoomValues

/// A job as a worker holds it: enough to run it and to prove, when it reports back, that its lease is still its own
/// (`attempts` fences a worker whose lease ran out and whose job went to another).
public struct ClaimedJob: Sendable, Hashable {
    public var id: UUID
    public var job: String
    public var queue: String
    public var payload: String
    public var attempts: Int
    public var maxAttempts: Int
    public var traceID: String?

    public init(id: UUID, job: String, queue: String, payload: String, attempts: Int, maxAttempts: Int, traceID: String?) {
        self.id = id
        self.job = job
        self.queue = queue
        self.payload = payload
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.traceID = traceID
    }
}

/// What `GET /jobs/{id}`, `store jobs` and tests see of a job.
public struct JobStatus: Sendable, Hashable, Codable {
    public var id: UUID
    public var job: String
    public var queue: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    /// Among due jobs of its queue, a higher one is claimed first.
    public var priority: Int
    /// The dispatch arguments as JSON text.
    public var payload: String
    public var lastError: String?
    /// The result as JSON text, once succeeded.
    public var result: String?
    /// `pending`, `done` or `failed` for a job with a callback to run; nil otherwise.
    public var callback: String?
    public var runAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    /// The id of the request that dispatched it, carried into the job's logs.
    public var traceId: String?

    public init(
        id: UUID, job: String, queue: String, state: JobState, attempts: Int, maxAttempts: Int, payload: String,
        lastError: String?, result: String?, callback: String?, runAt: Date, createdAt: Date, updatedAt: Date,
        traceId: String?, priority: Int = 0
    ) {
        self.id = id
        self.job = job
        self.queue = queue
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.priority = priority
        self.payload = payload
        self.lastError = lastError
        self.result = result
        self.callback = callback
        self.runAt = runAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.traceId = traceId
    }
}

/// The durable job queue: one table, `loom_jobs`, in the application's own database. A dispatch inside a use case's
/// transaction is a row written in that transaction, so it exists exactly when the use case's writes do (the
/// transactional outbox, with no relay to lose). Workers claim rows under a lease; a job whose worker died is claimed
/// again once its lease runs out. Written here because no package in the graph provides a SQL-backed queue.
public struct JobQueue: Sendable {
    public let engine: any DatabaseEngine
    let metrics: JobMetrics
    /// Where a dispatch outside a transaction goes instead of the table (Redis), if anywhere.
    let direct: (any DirectJobDispatch)?
    /// The configuration's changes to each job (`Database.jobSettings`), applied by `dispatch`.
    let settings: [String: JobSettings]

    public init(engine: any DatabaseEngine, metrics: JobMetrics = JobMetrics()) {
        self.engine = engine
        self.metrics = metrics
        self.direct = nil
        self.settings = [:]
    }

    /// Dispatches through `database`: into its transaction's outbox, or, outside a transaction and with Redis
    /// configured, straight to Redis (a dispatch with nothing to commit with needs no outbox).
    public init(database: Database, metrics: JobMetrics = JobMetrics()) {
        self.engine = database.engine
        self.metrics = metrics
        self.direct = database.directJobs
        self.settings = database.jobSettings
    }

    init(engine: any DatabaseEngine, metrics: JobMetrics, direct: (any DirectJobDispatch)?, settings: [String: JobSettings]) {
        self.engine = engine
        self.metrics = metrics
        self.direct = direct
        self.settings = settings
    }

    static let table = "loom_jobs"
    static let statusColumns =
        #""id", "job", "queue", "state", "attempts", "max_attempts", "payload", "last_error", "result", "callback_state", "run_at", "created_at", "updated_at", "trace_id", "priority""#

    /// Created at start-up next to the schema's tables (whether or not the schema uses migrations).
    public static func createStatements(for dialect: SQLDialect) -> [String] {
        let time = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
        return [
            """
            CREATE TABLE IF NOT EXISTS "loom_jobs" ("id" TEXT PRIMARY KEY, "job" TEXT NOT NULL, "queue" TEXT NOT NULL, \
            "payload" TEXT NOT NULL, "state" TEXT NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 0, \
            "max_attempts" INTEGER NOT NULL, "run_at" \(time) NOT NULL, "lease_until" \(time), "last_error" TEXT, \
            "result" TEXT, "callback_state" TEXT, "trace_id" TEXT, "created_at" \(time) NOT NULL, "updated_at" \(time) NOT NULL, \
            "priority" INTEGER NOT NULL DEFAULT 0)
            """,
            // Partial indexes: a claim reads only waiting jobs in due order, and the lease sweep only running ones, however
            // many finished jobs the table keeps.
            #"CREATE INDEX IF NOT EXISTS "loom_jobs_waiting" ON "loom_jobs" ("run_at") WHERE "state" IN ('queued', 'failed')"#,
            // A claim's order, highest priority first, read from an index rather than sorted out of every due job.
            #"CREATE INDEX IF NOT EXISTS "loom_jobs_due" ON "loom_jobs" ("priority" DESC, "run_at") WHERE "state" IN ('queued', 'failed')"#,
            #"CREATE INDEX IF NOT EXISTS "loom_jobs_leases" ON "loom_jobs" ("lease_until") WHERE "state" = 'running'"#,
            // With Redis: the callbacks that ran, each recorded in its callback's transaction (see `RedisJobStore`).
            #"CREATE TABLE IF NOT EXISTS "loom_job_callbacks" ("id" TEXT PRIMARY KEY, "created_at" \#(time) NOT NULL)"#,
        ] + JobGroups.createStatements(for: dialect)
    }

    /// Creates the tables, and brings a `loom_jobs` made by an earlier version up to date (its `priority` column) before
    /// the indexes that read it.
    public static func prepare(_ engine: any DatabaseEngine) async throws {
        let statements = createStatements(for: engine.dialect)
        try await engine.executeScript([statements[0]])
        switch engine.dialect {
        case .postgres:
            try await engine.executeScript([#"ALTER TABLE "loom_jobs" ADD COLUMN IF NOT EXISTS "priority" INTEGER NOT NULL DEFAULT 0"#])
        case .sqlite:
            let columns = try await engine.query(#"SELECT "name" FROM pragma_table_info('loom_jobs')"#, [])
            if try !columns.contains(where: { try $0.decode(String.self, at: 0) == "priority" }) {
                try await engine.executeScript([#"ALTER TABLE "loom_jobs" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0"#])
            }
        }
        try await engine.executeScript(Array(statements.dropFirst()))
    }

    private func placeholder(_ index: Int) -> String { engine.dialect.placeholder(index) }

    /// The range of a job's priority; the Redis store folds it into a sorted set's score, so it is bounded.
    public static let priorities = -100...100

    /// A group's dispatch as generated code makes it: one job per payload, and the group that counts them, written
    /// together (in the caller's transaction, or one of their own), so no member can finish before its group exists.
    public func dispatchGroup(
        job: String, queue: String, payloads: [String], maxAttempts: Int, priority: Int, options: DispatchOptions, traceID: String?
    ) async throws -> JobGroupHandle {
        let group = UUID()
        let members = payloads.map { (id: UUID(), payload: $0) }
        let (metrics, settings) = (self.metrics, self.settings)
        let handles = try await engine.withTransaction { transaction in
            try await JobGroups(engine: transaction).create(id: group, job: job, members: members, now: Timestamp.now())
            let outbox = JobQueue(engine: transaction, metrics: metrics, direct: nil, settings: settings)
            var handles: [JobHandle] = []
            for member in members {
                handles.append(try await outbox.dispatch(
                    job: job, queue: queue, payload: member.payload, maxAttempts: maxAttempts, priority: priority,
                    options: options, traceID: traceID, id: member.id))
            }
            return handles
        }
        return JobGroupHandle(groupId: group, jobIds: handles.map(\.jobId), queue: handles.first?.queue ?? queue)
    }

    /// A dispatch as generated code makes it: the job as the schema declares it (`queue`, `maxAttempts`,
    /// `priority`), changed by the configuration (`jobs.<Job>.*`), then by this dispatch's `options`.
    public func dispatch(
        job: String, queue: String, payload: String, maxAttempts: Int, priority: Int, options: DispatchOptions, traceID: String?,
        id: UUID = UUID()
    ) async throws -> JobHandle {
        let configured = settings[job]
        let priority = options.priority ?? configured?.priority ?? priority
        guard Self.priorities.contains(priority) else {
            throw LoomError.badRequest(message: "a job's priority is from -100 to 100, got \(priority)", parameter: nil)
        }
        let runAt = options.runAt ?? Timestamp.now().addingTimeInterval(JobCoding.seconds(options.delay))
        return try await enqueue(
            job: job, queue: options.queue ?? configured?.queue ?? queue, payload: payload,
            maxAttempts: configured?.retries.map { $0 + 1 } ?? maxAttempts, runAt: runAt, traceID: traceID, priority: priority, id: id)
    }

    /// Adds a job, due at `runAt`. Inside a transaction, it is queued only if the transaction commits.
    public func enqueue(
        job: String, queue: String, payload: String, maxAttempts: Int, runAt: Date, traceID: String?, priority: Int = 0,
        id: UUID = UUID()
    ) async throws -> JobHandle {
        let now = Timestamp.now()
        if let direct, !engine.isTransaction {
            let job = JobStatus(
                id: id, job: job, queue: queue, state: .queued, attempts: 0, maxAttempts: maxAttempts, payload: payload,
                lastError: nil, result: nil, callback: nil, runAt: runAt, createdAt: now, updatedAt: now, traceId: traceID,
                priority: priority)
            do {
                try await direct.push([job], now: now)
                metrics.record(.dispatched, job: job.job, queue: queue)
                return JobHandle(jobId: id, queue: queue)
            } catch {
                // Redis unreachable: the outbox keeps the job until a relay can move it (the relay logs the outage).
            }
        }
        let values = (1...4).map(placeholder) + ["'queued'", "0"] + (5...10).map(placeholder)
        let sql = #"INSERT INTO "loom_jobs" ("id", "job", "queue", "payload", "state", "attempts", "max_attempts", "run_at", "trace_id", "created_at", "updated_at", "priority") VALUES ("#
            + values.joined(separator: ", ") + ")"
        _ = try await engine.query(sql, [
            .string(id.lowercasedText), .string(job), .string(queue), .string(payload), .int(maxAttempts),
            .date(Timestamp.truncated(runAt)), traceID.map(SQLValue.string) ?? .null, .date(now), .date(now), .int(priority),
        ])
        // Counted when written: a dispatch whose transaction then rolls back is counted too.
        metrics.record(.dispatched, job: job, queue: queue)
        return JobHandle(jobId: id, queue: queue)
    }

    /// Puts back in the queue every running job whose lease ran out (its worker died): the next claim delivers it
    /// again, as attempt `attempts + 1`. Workers run it every few seconds; returns how many.
    public func requeueExpired(now: Date) async throws -> Int {
        let sql = #"UPDATE "loom_jobs" SET "state" = 'queued', "lease_until" = NULL, "updated_at" = "# + placeholder(1)
            + #" WHERE "state" = 'running' AND "lease_until" < "# + placeholder(1) + #" RETURNING "id""#
        return try await engine.query(sql, [.date(Timestamp.truncated(now))]).count
    }

    /// Takes the next due job of `queues`, under a lease until `now + lease`.
    public func claim(queues: [String], lease: Duration, now: Date) async throws -> ClaimedJob? {
        try await claim(queues: queues, lease: lease, now: now, limit: 1).first
    }

    /// Takes up to `limit` due jobs of `queues` in one statement, each under a lease until `now + lease`.
    public func claim(queues: [String], lease: Duration, now: Date, limit: Int) async throws -> [ClaimedJob] {
        guard !queues.isEmpty, limit > 0 else { return [] }
        let leaseUntil = now.addingTimeInterval(JobCoding.seconds(lease))
        let queueList = queues.indices.map { placeholder($0 + 3) }.joined(separator: ", ")
        // PostgreSQL: concurrent workers skip each other's candidates instead of queueing on them. SQLite has one
        // writer at a time, so the subquery and the update see the same row.
        let lock = engine.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let sql = #"UPDATE "loom_jobs" SET "state" = 'running', "attempts" = "attempts" + 1, "lease_until" = "#
            + placeholder(1) + #", "updated_at" = "# + placeholder(2)
            + #" WHERE "id" IN (SELECT "id" FROM "loom_jobs" WHERE "state" IN ('queued', 'failed') AND "run_at" <= "#
            + placeholder(2) + #" AND "queue" IN ("# + queueList + #") ORDER BY "priority" DESC, "run_at" LIMIT \#(limit)"# + lock + ")"
            + #" RETURNING "id", "job", "queue", "payload", "attempts", "max_attempts", "trace_id""#
        let rows = try await engine.query(sql, [.date(Timestamp.truncated(leaseUntil)), .date(Timestamp.truncated(now))] + queues.map(SQLValue.string))
        return try rows.compactMap { row in
            guard let id = UUID(uuidString: try row.decode(String.self, at: 0)) else { return nil }
            return ClaimedJob(
                id: id, job: try row.decode(at: 1), queue: try row.decode(at: 2), payload: try row.decode(at: 3),
                attempts: try row.decode(at: 4), maxAttempts: try row.decode(at: 5), traceID: try row.decode(String?.self, at: 6))
        }
    }

    /// Hands a claimed job that has not started back to its queue, as if never claimed.
    public func release(_ job: ClaimedJob, now: Date) async throws {
        let sql = #"UPDATE "loom_jobs" SET "state" = 'queued', "attempts" = "attempts" - 1, "lease_until" = NULL, "updated_at" = "#
            + placeholder(1) + #" WHERE "id" = "# + placeholder(2) + #" AND "state" = 'running' AND "attempts" = "# + placeholder(3)
        _ = try await engine.query(sql, [.date(Timestamp.truncated(now)), Self.key(job.id), .int(job.attempts)])
    }

    /// Extends a running job's lease; false when the job is no longer this worker's.
    public func renew(_ job: ClaimedJob, lease: Duration, now: Date) async throws -> Bool {
        let sql = #"UPDATE "loom_jobs" SET "lease_until" = "# + placeholder(1) + #" WHERE "id" = "# + placeholder(2)
            + #" AND "state" = 'running' AND "attempts" = "# + placeholder(3) + #" RETURNING "id""#
        let until = Timestamp.truncated(now.addingTimeInterval(JobCoding.seconds(lease)))
        return try await !engine.query(sql, [.date(until), Self.key(job.id), .int(job.attempts)]).isEmpty
    }

    /// Marks the job succeeded with its result, if it is still this worker's: false otherwise (its lease ran out and
    /// another worker has it). Run in the job's own transaction, so its writes and this commit together.
    public func succeed(_ job: ClaimedJob, result: String, callbackPending: Bool, now: Date) async throws -> Bool {
        let sql = #"UPDATE "loom_jobs" SET "state" = 'succeeded', "result" = "# + placeholder(1)
            + #", "lease_until" = NULL, "last_error" = NULL, "callback_state" = "# + placeholder(2) + #", "updated_at" = "#
            + placeholder(3) + #" WHERE "id" = "# + placeholder(4) + #" AND "state" = 'running' AND "attempts" = "#
            + placeholder(5) + #" RETURNING "id""#
        let callback: SQLValue = callbackPending ? .string("pending") : .null
        return try await !engine.query(sql, [.string(result), callback, .date(Timestamp.truncated(now)), Self.key(job.id), .int(job.attempts)]).isEmpty
    }

    /// Records a failed attempt: a retry at a later time, or a dead letter.
    public func fail(
        _ job: ClaimedJob, error: String, then next: JobLifecycle.AfterFailure, callbackPending: Bool, now: Date
    ) async throws -> Bool {
        let (state, runAt): (String, Date?) = switch next {
        case .retry(let at): ("failed", at)
        case .dead: ("dead", nil)
        }
        let sql = #"UPDATE "loom_jobs" SET "state" = "# + placeholder(1) + #", "last_error" = "# + placeholder(2)
            + #", "lease_until" = NULL, "run_at" = COALESCE("# + placeholder(3) + #", "run_at"), "callback_state" = "#
            + placeholder(4) + #", "updated_at" = "# + placeholder(5) + #" WHERE "id" = "# + placeholder(6)
            + #" AND "state" = 'running' AND "attempts" = "# + placeholder(7) + #" RETURNING "id""#
        let binds: [SQLValue] = [
            .string(state), .string(String(error.prefix(2_000))), runAt.map { .date(Timestamp.truncated($0)) } ?? .null,
            callbackPending ? .string("pending") : .null, .date(Timestamp.truncated(now)), Self.key(job.id), .int(job.attempts),
        ]
        return try await !engine.query(sql, binds).isEmpty
    }

    /// Takes the job's pending callback for this transaction: true for exactly one caller, ever, among those whose
    /// transactions commit. Run it first in the callback's transaction.
    public func takeCallback(_ id: UUID, now: Date) async throws -> Bool {
        let sql = #"UPDATE "loom_jobs" SET "callback_state" = 'done', "updated_at" = "# + placeholder(1)
            + #" WHERE "id" = "# + placeholder(2) + #" AND "callback_state" = 'pending' RETURNING "id""#
        return try await !engine.query(sql, [.date(Timestamp.truncated(now)), Self.key(id)]).isEmpty
    }

    /// A callback that threw: kept out of the pending list, its error recorded.
    public func callbackFailed(_ id: UUID, error: String, now: Date) async throws {
        let sql = #"UPDATE "loom_jobs" SET "callback_state" = 'failed', "last_error" = "# + placeholder(1)
            + #", "updated_at" = "# + placeholder(2) + #" WHERE "id" = "# + placeholder(3) + #" AND "callback_state" = 'pending'"#
        _ = try await engine.query(sql, [.string("callback: " + String(error.prefix(2_000))), .date(Timestamp.truncated(now)), Self.key(id)])
    }

    /// Jobs of `queues` whose callback is still pending (their worker died after finishing them).
    public func pendingCallbacks(queues: [String], limit: Int) async throws -> [JobStatus] {
        guard !queues.isEmpty else { return [] }
        let list = queues.indices.map { placeholder($0 + 1) }.joined(separator: ", ")
        let sql = "SELECT " + Self.statusColumns + #" FROM "loom_jobs" WHERE "callback_state" = 'pending' AND "state" IN ('succeeded', 'dead') AND "queue" IN ("#
            + list + #") ORDER BY "updated_at" LIMIT \#(limit)"#
        return try await engine.query(sql, queues.map(SQLValue.string)).map(Self.status)
    }

    public func status(_ id: UUID) async throws -> JobStatus? {
        let sql = "SELECT " + Self.statusColumns + #" FROM "loom_jobs" WHERE "id" = "# + placeholder(1)
        return try await engine.query(sql, [Self.key(id)]).first.map(Self.status)
    }

    /// The dead letters, oldest first.
    public func dead(limit: Int = 100) async throws -> [JobStatus] {
        let sql = "SELECT " + Self.statusColumns + #" FROM "loom_jobs" WHERE "state" = 'dead' ORDER BY "updated_at" LIMIT \#(limit)"#
        return try await engine.query(sql, []).map(Self.status)
    }

    /// Puts a dead job back in its queue with a fresh set of attempts; false when there is no such dead job.
    public func requeue(_ id: UUID, now: Date) async throws -> Bool {
        let sql = #"UPDATE "loom_jobs" SET "state" = 'queued', "attempts" = 0, "run_at" = "# + placeholder(1)
            + #", "callback_state" = NULL, "updated_at" = "# + placeholder(1) + #" WHERE "id" = "# + placeholder(2)
            + #" AND "state" = 'dead' RETURNING "id""#
        return try await !engine.query(sql, [.date(Timestamp.truncated(now)), Self.key(id)]).isEmpty
    }

    /// Up to `limit` queued jobs, oldest due first: what the relay to Redis moves next.
    public func queued(limit: Int) async throws -> [JobStatus] {
        let sql = "SELECT " + Self.statusColumns + #" FROM "loom_jobs" WHERE "state" = 'queued' ORDER BY "run_at" LIMIT \#(limit)"#
        return try await engine.query(sql, []).map(Self.status)
    }

    /// Deletes these jobs if they are still queued (a job that already succeeded keeps its record).
    public func removeQueued(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        let list = ids.indices.map { placeholder($0 + 1) }.joined(separator: ", ")
        _ = try await engine.query(#"DELETE FROM "loom_jobs" WHERE "state" = 'queued' AND "id" IN ("# + list + ")", ids.map(Self.key))
    }

    /// Forgets succeeded jobs last touched before `date` (their retention is over); returns how many.
    public func purge(succeededBefore date: Date) async throws -> Int {
        let sql = #"DELETE FROM "loom_jobs" WHERE "state" = 'succeeded' AND ("callback_state" IS NULL OR "callback_state" <> 'pending') AND "updated_at" < "#
            + placeholder(1) + #" RETURNING "id""#
        return try await engine.query(sql, [.date(Timestamp.truncated(date))]).count
    }

    static func key(_ id: UUID) -> SQLValue { .string(id.lowercasedText) }

    static func status(_ row: SQLRow) throws -> JobStatus {
        guard let id = UUID(uuidString: try row.decode(String.self, at: 0)),
              let state = JobState(rawValue: try row.decode(String.self, at: 3))
        else { throw SQLDecodingError(expected: "a job row", found: row.values.first ?? .null) }
        return JobStatus(
            id: id, job: try row.decode(at: 1), queue: try row.decode(at: 2), state: state, attempts: try row.decode(at: 4),
            maxAttempts: try row.decode(at: 5), payload: try row.decode(at: 6), lastError: try row.decode(String?.self, at: 7),
            result: try row.decode(String?.self, at: 8), callback: try row.decode(String?.self, at: 9), runAt: try row.decode(at: 10),
            createdAt: try row.decode(at: 11), updatedAt: try row.decode(at: 12), traceId: try row.decode(String?.self, at: 13),
            priority: try row.decode(at: 14))
    }
}
