import Foundation
import LoomPostgres
import LoomRuntime
import LoomSQLite
import Synchronization

// `make bench-jobs`: the durable job queue end to end on the embedded SQLite database and on PostgreSQL, in one run.
// A dispatcher writes no-op jobs as fast as it can while a worker (8 at a time) runs them. Reported per backend:
// the dispatch rate alone (the baseline: what writing a row costs), jobs/s end to end (first dispatch to last
// finish), dispatch-to-start latency p50 and p99, and the process's peak memory.

let environment = ProcessInfo.processInfo.environment
let jobCount = Int(environment["BENCH_JOBS"] ?? "") ?? 5_000

/// Records when each job started, relative to when it was dispatched (its payload).
final class Latencies: Sendable {
    let values = Mutex<[Double]>([])
    func add(_ seconds: Double) { values.withLock { $0.append(seconds) } }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func measure(_ name: String, engine: any DatabaseEngine) async throws {
    try await engine.executeScript(["DROP TABLE IF EXISTS \"loom_jobs\""] + JobQueue.createStatements(for: engine.dialect))
    let database = Database(engine: engine)
    let latencies = Latencies()
    let noop = JobDefinition(
        name: "Noop", queue: "bench", maxAttempts: 1, backoff: .fixed(seconds: 0), timeout: nil,
        run: { payload, _ in
            latencies.add(Date().timeIntervalSince1970 - (Double(payload) ?? 0))
            return "null"
        })
    let queue = JobQueue(engine: engine)

    // Baseline: dispatching alone, nothing running.
    let dispatchStart = ContinuousClock.now
    for _ in 0..<jobCount {
        _ = try await queue.enqueue(job: "Noop", queue: "bench", payload: String(Date().timeIntervalSince1970), maxAttempts: 1, runAt: Timestamp.now(), traceID: nil)
    }
    let dispatchSeconds = (ContinuousClock.now - dispatchStart).seconds
    _ = try await engine.query("DELETE FROM \"loom_jobs\"", [])

    // End to end: a dispatcher and a worker at once.
    let worker = JobWorker(
        database: database, definitions: [noop],
        options: .init(queues: ["bench"], concurrency: 8, pollInterval: .milliseconds(5)))
    let running = Task { await worker.run() }
    let started = ContinuousClock.now
    for _ in 0..<jobCount {
        _ = try await queue.enqueue(job: "Noop", queue: "bench", payload: String(Date().timeIntervalSince1970), maxAttempts: 1, runAt: Timestamp.now(), traceID: nil)
    }
    while latencies.values.withLock({ $0.count }) < jobCount { try await Task.sleep(for: .milliseconds(5)) }
    let endToEnd = (ContinuousClock.now - started).seconds
    worker.stop()
    await running.value
    let sorted = latencies.values.withLock { $0 }.sorted()
    print(String(
        format: "%@: dispatch only %.0f jobs/s; end to end %.0f jobs/s; dispatch-to-start p50 %.1f ms, p99 %.1f ms; peak memory %.0f MB",
        name, Double(jobCount) / dispatchSeconds, Double(jobCount) / endToEnd, percentile(sorted, 0.5) * 1000,
        percentile(sorted, 0.99) * 1000, peakMemoryMB()))
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

print("\(jobCount) no-op jobs, one worker of 8, in this process")
let folder = FileManager.default.temporaryDirectory.appending(path: "loom-bench-jobs-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let sqlite = try await SQLiteEngine.open(path: folder.appending(path: "jobs.db").path)
try await measure("SQLite (embedded)", engine: sqlite)
try await sqlite.shutdown()
try? FileManager.default.removeItem(at: folder)

let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
let port = environment["POSTGRES_PORT"] ?? "55432"
let user = environment["POSTGRES_USER"] ?? "postgres"
let postgres = try PostgresEngine(url: "postgres://\(user)@\(host):\(port)/postgres?sslmode=disable")
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { await postgres.run() }
    try await measure("PostgreSQL", engine: postgres)
    _ = try await postgres.query("DROP TABLE IF EXISTS \"loom_jobs\"", [])
    group.cancelAll()
}
