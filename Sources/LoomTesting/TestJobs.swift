import Foundation
import LoomRuntime

/// The jobs of a test's database: what its use cases dispatched, as the queue holds them, and a worker that runs the
/// due ones when the test says so (never on its own).
public struct TestJobs: Sendable {
    let engine: any DatabaseEngine
    let worker: JobWorker

    /// Every job in the queue, whatever its state, in the order dispatched.
    public func all() async throws -> [JobStatus] {
        let queue = JobQueue(engine: engine)
        // rowid: the order of insertion, even for jobs dispatched in the same microsecond (the kit is SQLite's).
        let ids = try await engine.query(#"SELECT "id" FROM "loom_jobs" ORDER BY rowid"#, [])
        var jobs: [JobStatus] = []
        for row in ids {
            if let id = UUID(uuidString: try row.decode(String.self, at: 0)), let status = try await queue.status(id) {
                jobs.append(status)
            }
        }
        return jobs
    }

    /// The jobs named `job` (`"SendRestockEmail"`), in the order dispatched.
    public func dispatched(_ job: String) async throws -> [JobStatus] {
        try await all().filter { $0.job == job }
    }

    /// The payloads of the jobs named `job`, typed (`SendRestockEmailPayload.self`), in the order dispatched.
    public func payloads<Payload: Decodable>(_ type: Payload.Type, of job: String) async throws -> [Payload] {
        try await dispatched(job).map { try JobCoding.decode(Payload.self, from: $0.payload) }
    }

    /// Runs the jobs that are due, with their callbacks, one after another until none is: those a run dispatches or
    /// retries are run too once due. Returns how many runs it made; throws `StillDue` after `limit` runs with jobs
    /// still due (a job that dispatches itself, say), so such a test fails instead of hanging.
    @discardableResult
    public func runDue(atMost limit: Int = 1000) async throws -> Int {
        var runs = 0
        while runs < limit, try await worker.runNext() { runs += 1 }
        if runs == limit, try await anyDue() { throw StillDue(runs: runs) }
        return runs
    }

    /// Whether a job waits whose time has come.
    private func anyDue() async throws -> Bool {
        let sql = #"SELECT 1 FROM "loom_jobs" WHERE "state" IN ('queued', 'failed') AND "run_at" <= "# + engine.dialect.placeholder(1)
        return try await !engine.query(sql, [.date(Timestamp.now())]).isEmpty
    }

    /// `runDue` made its most runs and jobs were still due.
    public struct StillDue: Error, Equatable {
        public var runs: Int

        public init(runs: Int) {
            self.runs = runs
        }
    }
}
