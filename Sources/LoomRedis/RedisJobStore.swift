import Foundation
import LoomValues
import LoomRuntime
import Synchronization

/// The job store on Redis: queues, schedule, leases, dead letters and status live in Redis (`RedisJobScripts`); the
/// application's database keeps what must commit together with a job's or a callback's writes: the dispatch itself
/// (the outbox, `loom_jobs`, moved here by `JobRelay`), the record that a job succeeded, and the record that a
/// callback ran (`loom_job_callbacks`). So a job whose writes committed is never run again, and a callback runs once.
public final class RedisJobStore: JobStore, DirectJobDispatch {
    public let redis: RedisClient
    let database: Database
    /// Every key starts with it: `loom:<schema>:`.
    let prefix: String
    /// How long a callback stays pending before housekeeping takes it for one whose worker died (the servers use the
    /// job lease).
    let callbackGrace: Duration
    private let rotation = Mutex(0)

    public init(redis: RedisClient, database: Database, namespace: String, callbackGrace: Duration = .seconds(30)) {
        self.redis = redis
        self.database = database
        self.prefix = "loom:\(namespace):"
        self.callbackGrace = callbackGrace
    }

    /// Adds jobs (from the outbox); a job already known is skipped. Returns how many were new.
    @discardableResult
    public func push(_ jobs: [JobStatus], now: Date) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        var arguments = [prefix, Self.milliseconds(now)]
        arguments.reserveCapacity(2 + jobs.count * 9)
        for job in jobs {
            arguments += [
                Self.key(job.id), job.job, job.queue, job.payload, String(job.maxAttempts), Self.milliseconds(job.runAt),
                job.traceId ?? "", Self.milliseconds(job.createdAt), String(job.priority),
            ]
        }
        return try await redis.script(RedisJobScripts.enqueue, arguments: arguments).integer ?? 0
    }

    public func claim(queues: [String], lease: Duration, now: Date, limit: Int) async throws -> [ClaimedJob] {
        guard !queues.isEmpty else { return [] }
        // A different queue first on each call, so a busy queue does not starve the others.
        let start = rotation.withLock { value in
            defer { value &+= 1 }
            return value % queues.count
        }
        let ordered = Array(queues[start...] + queues[..<start])
        let until = now.addingTimeInterval(JobCoding.seconds(lease))
        let reply = try await redis.script(
            RedisJobScripts.claim,
            arguments: [prefix, Self.milliseconds(now), Self.milliseconds(until), String(limit)] + ordered)
        let values = (reply.array ?? []).map { $0.string ?? "" }
        return stride(from: 0, to: values.count - 6, by: 7).compactMap { index in
            guard let id = UUID(uuidString: values[index]), let attempts = Int(values[index + 4]),
                  let maxAttempts = Int(values[index + 5])
            else { return nil }
            let trace = values[index + 6]
            return ClaimedJob(
                id: id, job: values[index + 1], queue: values[index + 2], payload: values[index + 3], attempts: attempts,
                maxAttempts: maxAttempts, traceID: trace.isEmpty ? nil : trace)
        }
    }

    public func release(_ job: ClaimedJob, now: Date) async throws {
        _ = try await redis.script(
            RedisJobScripts.release, arguments: [prefix, Self.key(job.id), String(job.attempts), Self.milliseconds(now)])
    }

    public func renew(_ job: ClaimedJob, lease: Duration, now: Date) async throws -> Bool {
        let until = now.addingTimeInterval(JobCoding.seconds(lease))
        return try await redis.script(
            RedisJobScripts.renew, arguments: [prefix, Self.key(job.id), String(job.attempts), Self.milliseconds(until)]
        ).integer == 1
    }

    public func finishedResult(of job: ClaimedJob) async throws -> String? {
        let sql = #"SELECT "result" FROM "loom_jobs" WHERE "id" = "# + database.engine.dialect.placeholder(1) + #" AND "state" = 'succeeded'"#
        return try await database.engine.query(sql, [.string(Self.key(job.id))]).first?.decode(String?.self, at: 0)
    }

    /// The success record: a `succeeded` row in `loom_jobs`, written with the job's writes. It replaces the job's own
    /// outbox row if the relay has not removed it yet, and is refused (false: roll back) when another delivery of the
    /// job already committed one. A job that wrote nothing needs none: Redis records its success (`confirmSuccess`).
    public func recordSuccess(
        _ job: ClaimedJob, result: String, callbackPending: Bool, in transaction: Database?, now: Date
    ) async throws -> Bool {
        guard let engine = transaction?.engine else { return true }
        let placeholders = (1...9).map(engine.dialect.placeholder) + [engine.dialect.placeholder(6), engine.dialect.placeholder(6)]
        let sql = #"INSERT INTO "loom_jobs" ("id", "job", "queue", "payload", "state", "run_at", "attempts", "max_attempts", "result", "created_at", "updated_at") VALUES ("#
            + placeholders.joined(separator: ", ")
            + #") ON CONFLICT ("id") DO UPDATE SET "state" = 'succeeded', "attempts" = excluded."attempts", "result" = excluded."result", "updated_at" = excluded."updated_at" WHERE "loom_jobs"."state" = 'queued' RETURNING "id""#
        let binds: [SQLValue] = [
            .string(Self.key(job.id)), .string(job.job), .string(job.queue), .string(job.payload), .string("succeeded"),
            .date(Timestamp.truncated(now)), .int(job.attempts), .int(job.maxAttempts), .string(result),
        ]
        return try await !engine.query(sql, binds).isEmpty
    }

    public func confirmSuccess(_ job: ClaimedJob, result: String, callbackPending: Bool, now: Date) async throws -> Bool {
        try await redis.script(
            RedisJobScripts.succeed,
            arguments: [prefix, Self.key(job.id), String(job.attempts), callbackPending ? "1" : "0", Self.milliseconds(now), result]
        ).integer == 1
    }

    public func fail(
        _ job: ClaimedJob, error: String, then next: JobLifecycle.AfterFailure, callbackPending: Bool, now: Date
    ) async throws -> Bool {
        let (state, runAt): (String, Date) = switch next {
        case .retry(let at): ("failed", at)
        case .dead: ("dead", now)
        }
        return try await redis.script(
            RedisJobScripts.fail,
            arguments: [
                prefix, Self.key(job.id), String(job.attempts), callbackPending ? "1" : "0", Self.milliseconds(now),
                String(error.prefix(2_000)), state, Self.milliseconds(runAt),
            ]
        ).integer == 1
    }

    /// The callback record: a row in `loom_job_callbacks`, written with the callback's writes; only the first commits.
    public func takeCallback(_ id: UUID, in transaction: Database, now: Date) async throws -> Bool {
        let engine = transaction.engine
        let sql = #"INSERT INTO "loom_job_callbacks" ("id", "created_at") VALUES ("# + engine.dialect.placeholder(1) + ", "
            + engine.dialect.placeholder(2) + #") ON CONFLICT ("id") DO NOTHING RETURNING "id""#
        return try await !engine.query(sql, [.string(Self.key(id)), .date(Timestamp.truncated(now))]).isEmpty
    }

    public func finishCallback(_ id: UUID, error: String?, now: Date) async throws {
        _ = try await redis.script(
            RedisJobScripts.finishCallback,
            arguments: [prefix, Self.key(id), error == nil ? "done" : "failed", String((error ?? "").prefix(2_000)), Self.milliseconds(now)])
    }

    /// Callbacks pending for longer than `callbackGrace`: the worker that finished the job runs its callback at once,
    /// so these are the ones whose worker died in between. Each is taken for another `callbackGrace`.
    public func pendingCallbacks(queues: [String], limit: Int, now: Date) async throws -> [JobStatus] {
        guard !queues.isEmpty else { return [] }
        let grace = JobCoding.seconds(callbackGrace)
        let reply = try await redis.script(
            RedisJobScripts.pendingCallbacks,
            arguments: [
                prefix, Self.milliseconds(now.addingTimeInterval(-grace)), Self.milliseconds(now.addingTimeInterval(grace)),
                String(limit),
            ] + queues)
        return try Self.statuses(reply)
    }

    public func requeueExpired(now: Date) async throws -> Int {
        try await redis.script(RedisJobScripts.requeueExpired, arguments: [prefix, Self.milliseconds(now)]).integer ?? 0
    }

    /// From Redis; a job still in the outbox (its transaction committed moments ago) is reported `queued`.
    public func status(_ id: UUID) async throws -> JobStatus? {
        let fields = try await redis.command("HGETALL", prefix + "job:" + Self.key(id))
        if let values = fields.array, !values.isEmpty { return try Self.status(id: id, fields: values) }
        guard let row = try await JobQueue(engine: database.engine).status(id) else { return nil }
        return row.state == .queued || row.state == .succeeded ? row : nil
    }

    public func dead(limit: Int) async throws -> [JobStatus] {
        try Self.statuses(try await redis.script(RedisJobScripts.dead, arguments: [prefix, String(limit)]))
    }

    /// Also forgets the record of its (finished) failure callback, so the job's next ending has its own.
    public func requeue(_ id: UUID, now: Date) async throws -> Bool {
        guard let status = try await status(id), status.state == .dead, status.callback != "pending" else { return false }
        let sql = #"DELETE FROM "loom_job_callbacks" WHERE "id" = "# + database.engine.dialect.placeholder(1)
        _ = try await database.engine.query(sql, [.string(Self.key(id))])
        return try await redis.script(RedisJobScripts.requeue, arguments: [prefix, Self.key(id), Self.milliseconds(now)]).integer == 1
    }

    /// Past their retention: succeeded jobs in Redis, and the success and callback records in the database.
    public func purge(succeededBefore date: Date) async throws -> Int {
        let purged = try await redis.script(RedisJobScripts.purge, arguments: [prefix, Self.milliseconds(date)]).integer ?? 0
        _ = try await JobQueue(engine: database.engine).purge(succeededBefore: date)
        let sql = #"DELETE FROM "loom_job_callbacks" WHERE "created_at" < "# + database.engine.dialect.placeholder(1)
        _ = try await database.engine.query(sql, [.date(Timestamp.truncated(date))])
        return purged
    }

    /// Empties this namespace: every job, queue and list. For tests and benchmarks.
    public func reset() async throws {
        let script = """
            local n = 0
            for _, key in ipairs(redis.call('KEYS', ARGV[1] .. '*')) do redis.call('DEL', key); n = n + 1 end
            return n
            """
        _ = try await redis.script(script, arguments: [prefix])
    }

    // MARK: Coding

    static func key(_ id: UUID) -> String { id.lowercasedText }

    static func milliseconds(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    static func date(_ text: String?) -> Date {
        Date(timeIntervalSince1970: Double(Int64(text ?? "") ?? 0) / 1000)
    }

    static func statuses(_ reply: RedisValue) throws -> [JobStatus] {
        try (reply.array ?? []).compactMap { entry in
            guard let pair = entry.array, pair.count == 2, let id = pair[0].string.flatMap(UUID.init(uuidString:)),
                  let fields = pair[1].array, !fields.isEmpty
            else { return nil }
            return try status(id: id, fields: fields)
        }
    }

    static func status(id: UUID, fields values: [RedisValue]) throws -> JobStatus {
        var fields: [String: String] = [:]
        for index in stride(from: 0, to: values.count - 1, by: 2) {
            fields[values[index].string ?? ""] = values[index + 1].string ?? ""
        }
        guard let state = fields["state"].flatMap(JobState.init(rawValue:)) else {
            throw RedisError.unexpected("job \(key(id)) has no state")
        }
        func optional(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }
        return JobStatus(
            id: id, job: fields["job"] ?? "", queue: fields["queue"] ?? "", state: state,
            attempts: Int(fields["attempts"] ?? "") ?? 0, maxAttempts: Int(fields["max"] ?? "") ?? 0,
            payload: fields["payload"] ?? "", lastError: optional("error"), result: optional("result"),
            callback: optional("callback"), runAt: date(fields["runAt"]), createdAt: date(fields["created"]),
            updatedAt: date(fields["updated"]), traceId: optional("trace"), priority: Int(fields["priority"] ?? "") ?? 0)
    }
}
