import Foundation

/// Where a worker takes jobs from and reports to: `JobQueue` (the `loom_jobs` table of the application's database,
/// the embedded default) or `RedisJobStore` (Redis, fed from that table by `JobRelay`). Dispatch is the same for both:
/// generated code writes the job into `loom_jobs` in the caller's transaction (`JobQueue.enqueue`).
///
/// A job's success is recorded in two steps: `recordSuccess` inside the job's own database transaction, so the
/// record commits with the job's writes or not at all, then `confirmSuccess` after the commit. A redelivered job
/// whose success is already recorded is never run again (`finishedResult`).
public protocol JobStore: Sendable {
    /// Takes up to `limit` due jobs of `queues`, each under a lease until `now + lease`.
    func claim(queues: [String], lease: Duration, now: Date, limit: Int) async throws -> [ClaimedJob]
    /// Hands a claimed job that has not started back to its queue, as if never claimed (a stopping worker's).
    func release(_ job: ClaimedJob, now: Date) async throws
    /// Extends a running job's lease; false when the job is no longer this worker's.
    func renew(_ job: ClaimedJob, lease: Duration, now: Date) async throws -> Bool
    /// The result of a job delivered again whose success was already committed (its worker died before confirming it).
    func finishedResult(of job: ClaimedJob) async throws -> String?
    /// In the job's transaction: records the success; false when the job is no longer this worker's (roll back).
    /// `transaction` is nil when the job wrote nothing (and so began no transaction).
    func recordSuccess(_ job: ClaimedJob, result: String, callbackPending: Bool, in transaction: Database?, now: Date) async throws -> Bool
    /// After the job's transaction committed; false when the job is no longer this worker's (its holder confirms it).
    func confirmSuccess(_ job: ClaimedJob, result: String, callbackPending: Bool, now: Date) async throws -> Bool
    /// Records a failed attempt: a retry at a later time, or a dead letter; false when the job is no longer this worker's.
    func fail(_ job: ClaimedJob, error: String, then next: JobLifecycle.AfterFailure, callbackPending: Bool, now: Date) async throws -> Bool
    /// In the callback's transaction: true for exactly one caller, ever, among those whose transactions commit.
    func takeCallback(_ id: UUID, in transaction: Database, now: Date) async throws -> Bool
    /// After the callback's transaction: committed (`error` nil) or rolled back with `error`.
    func finishCallback(_ id: UUID, error: String?, now: Date) async throws
    /// Jobs whose callback is still pending though their job ended a while ago (their worker died in between).
    func pendingCallbacks(queues: [String], limit: Int, now: Date) async throws -> [JobStatus]
    /// Puts back every running job whose lease ran out; returns how many.
    func requeueExpired(now: Date) async throws -> Int
    func status(_ id: UUID) async throws -> JobStatus?
    /// The dead letters, oldest first.
    func dead(limit: Int) async throws -> [JobStatus]
    /// Puts a dead job back in its queue with a fresh set of attempts; false when there is no such dead job.
    func requeue(_ id: UUID, now: Date) async throws -> Bool
    /// Forgets succeeded jobs last touched before `date`; returns how many.
    func purge(succeededBefore date: Date) async throws -> Int
}

extension JobQueue: JobStore {
    /// A succeeded job is never claimed again here: its success and its writes commit together.
    public func finishedResult(of job: ClaimedJob) async throws -> String? { nil }

    public func recordSuccess(
        _ job: ClaimedJob, result: String, callbackPending: Bool, in transaction: Database?, now: Date
    ) async throws -> Bool {
        let engine = transaction?.engine ?? self.engine
        return try await JobQueue(engine: engine).succeed(job, result: result, callbackPending: callbackPending, now: now)
    }

    /// Recorded by `recordSuccess` already, in the job's transaction.
    public func confirmSuccess(_ job: ClaimedJob, result: String, callbackPending: Bool, now: Date) async throws -> Bool { true }

    public func takeCallback(_ id: UUID, in transaction: Database, now: Date) async throws -> Bool {
        try await JobQueue(engine: transaction.engine).takeCallback(id, now: now)
    }

    public func finishCallback(_ id: UUID, error: String?, now: Date) async throws {
        if let error { try await callbackFailed(id, error: error, now: now) }
    }

    public func pendingCallbacks(queues: [String], limit: Int, now: Date) async throws -> [JobStatus] {
        try await pendingCallbacks(queues: queues, limit: limit)
    }
}

/// A store that takes dispatched jobs directly (Redis): dispatches made outside any transaction skip the outbox.
public protocol DirectJobDispatch: Sendable {
    /// Adds the jobs; a job whose id is already known is skipped. Returns how many were new.
    @discardableResult
    func push(_ jobs: [JobStatus], now: Date) async throws -> Int
}
