import Foundation
import LoomPostgres
import LoomRedis
import LoomRuntime
import LoomSQLite
import Synchronization

// `make bench-jobs`: jobs end to end, as the jobs issue defines it: no-op jobs dispatched from this process and run by
// one worker process (this program, started again as `JobBenchmark worker …`), on the embedded queue (SQLite, and
// PostgreSQL) and on Redis (in front of PostgreSQL), in one run. Reported per setup: the dispatch rate alone (the
// baseline: what a dispatch costs with nothing running), jobs/s end to end (first dispatch to last job finished),
// dispatch-to-start latency p50 and p99, and the worker process's peak memory.

let environment = ProcessInfo.processInfo.environment
let jobCount = Int(environment["BENCH_JOBS"] ?? "") ?? 20_000
let dispatchers = 8
/// Dispatched one at a time at `pacedRate` after the flood, for the latency of a queue that keeps up.
let pacedCount = 1_000
let pacedRate = 500.0

enum Setup: String, CaseIterable {
    case sqlite
    case postgres
    /// Dispatched outside a transaction: straight to Redis.
    case redis
    /// Each dispatched inside a transaction: through the outbox table and the relay.
    case redisOutbox

    var title: String {
        switch self {
        case .sqlite: "embedded, SQLite"
        case .postgres: "embedded, PostgreSQL"
        case .redis: "Redis (+ PostgreSQL), dispatched outside a transaction"
        case .redisOutbox: "Redis (+ PostgreSQL), each dispatched in a transaction (outbox)"
        }
    }

    var usesRedis: Bool { self == .redis || self == .redisOutbox }

    var concurrency: Int { self == .sqlite ? 8 : 32 }
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

/// A line on stdout, written at once (the worker's lines are read by the dispatching process as they come).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func postgresURL() -> String {
    let environment = ProcessInfo.processInfo.environment
    let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
    let port = environment["POSTGRES_PORT"] ?? "55432"
    let user = environment["POSTGRES_USER"] ?? "postgres"
    return "postgres://\(user)@\(host):\(port)/postgres?sslmode=disable"
}

func redisURL() -> RedisURL {
    let environment = ProcessInfo.processInfo.environment
    return RedisURL(host: environment["REDIS_HOSTNAME"] ?? "127.0.0.1", port: Int(environment["REDIS_PORT"] ?? "") ?? 56379)
}

/// Opens the setup's database (and Redis), runs `body`, closes them.
func withBackend(
    _ setup: Setup, sqlitePath: String, _ body: (Database, RedisJobStore?) async throws -> Void
) async throws {
    switch setup {
    case .sqlite:
        let engine = try await SQLiteEngine.open(path: sqlitePath)
        do { try await body(Database(engine: engine), nil) } catch { try? await engine.shutdown(); throw error }
        try await engine.shutdown()
    case .postgres, .redis, .redisOutbox:
        let engine = try PostgresEngine(url: postgresURL(), poolSize: 40)
        let redis = setup.usesRedis ? RedisClient(url: redisURL(), threads: 40) : nil
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            let store = redis.map { RedisJobStore(redis: $0, database: Database(engine: engine), namespace: "bench") }
            // As the server sets it up: with Redis, dispatches outside a transaction go there directly.
            try await body(Database(engine: engine, directJobs: store), store)
        }
        try await redis?.shutdown()
    }
}

/// Dispatches `count` no-op jobs from `dispatchers` tasks, each alone or each in its own transaction; a payload is
/// its dispatch time (prefixed `p` for the paced ones).
func dispatch(_ count: Int, database: Database, inTransactions: Bool, paced: Bool = false) async throws {
    if paced {
        let start = ContinuousClock.now
        for index in 0..<count {
            try await Task.sleep(until: start + .seconds(Double(index) / pacedRate))
            let send: @Sendable (Database) async throws -> JobHandle = { database in
                try await JobQueue(database: database).enqueue(
                    job: "Noop", queue: "bench", payload: "p" + String(Date().timeIntervalSince1970), maxAttempts: 1,
                    runAt: Timestamp.now(), traceID: nil)
            }
            _ = try await inTransactions ? database.transaction(send) : send(database)
        }
        return
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<dispatchers {
            group.addTask {
                for _ in stride(from: worker, to: count, by: dispatchers) {
                    let send: @Sendable (Database) async throws -> JobHandle = { database in
                        try await JobQueue(database: database).enqueue(
                            job: "Noop", queue: "bench", payload: String(Date().timeIntervalSince1970), maxAttempts: 1,
                            runAt: Timestamp.now(), traceID: nil)
                    }
                    _ = try await inTransactions ? database.transaction(send) : send(database)
                }
            }
        }
        try await group.waitForAll()
    }
}

// MARK: The worker process

/// `JobBenchmark worker SETUP SQLITE_PATH COUNT`: runs jobs; once COUNT flooded jobs have run, prints
/// `flood LAST_FINISH_EPOCH P50 P99`; once the paced ones have too, `paced P50 P99 PEAK_MB`.
func runWorker(_ setup: Setup, sqlitePath: String, count: Int) async throws {
    let flood = Mutex<[Double]>([])
    let paced = Mutex<[Double]>([])
    let noop = JobDefinition(
        name: "Noop", queue: "bench", maxAttempts: 1, backoff: .fixed(seconds: 0), timeout: nil,
        run: { payload, _ in
            let now = Date().timeIntervalSince1970
            if payload.hasPrefix("p") {
                paced.withLock { $0.append(now - (Double(payload.dropFirst()) ?? now)) }
            } else {
                flood.withLock { $0.append(now - (Double(payload) ?? now)) }
            }
            return "null"
        })
    try await withBackend(setup, sqlitePath: sqlitePath) { database, redisStore in
        let worker = JobWorker(
            database: database, definitions: [noop], store: redisStore,
            options: .init(queues: ["bench"], concurrency: setup.concurrency, pollInterval: .milliseconds(2)))
        let relay = redisStore.map { JobRelay(database: database, store: $0) }
        let relaying = Task { await relay?.run() }
        let running = Task { await worker.run() }
        say("ready")
        while flood.withLock({ $0.count }) < count { try await Task.sleep(for: .milliseconds(1)) }
        let lastFinish = Date().timeIntervalSince1970
        let sorted = flood.withLock { $0 }.sorted()
        say("flood \(lastFinish) \(percentile(sorted, 0.5)) \(percentile(sorted, 0.99))")
        while paced.withLock({ $0.count }) < pacedCount { try await Task.sleep(for: .milliseconds(2)) }
        worker.stop()
        relay?.stop()
        await running.value
        await relaying.value
    }
    let sorted = paced.withLock { $0 }.sorted()
    say("paced \(percentile(sorted, 0.5)) \(percentile(sorted, 0.99)) \(peakMemoryMB())")
}

// MARK: The dispatching process

func measure(_ setup: Setup, folder: URL) async throws {
    let sqlitePath = folder.appending(path: "\(setup.rawValue).db").path
    var dispatchOnly = 0.0
    try await withBackend(setup, sqlitePath: sqlitePath) { database, redisStore in
        try await database.engine.executeScript(
            [#"DROP TABLE IF EXISTS "loom_jobs""#, #"DROP TABLE IF EXISTS "loom_job_callbacks""#]
                + JobQueue.createStatements(for: database.engine.dialect))
        try await redisStore?.reset()
        // Baseline: dispatching alone, nothing running.
        let start = ContinuousClock.now
        try await dispatch(jobCount, database: database, inTransactions: setup == .redisOutbox)
        dispatchOnly = Double(jobCount) / (ContinuousClock.now - start).seconds
        _ = try await database.engine.query(#"DELETE FROM "loom_jobs""#, [])
        try await redisStore?.reset()
    }

    let worker = Process()
    worker.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    worker.arguments = ["worker", setup.rawValue, sqlitePath, String(jobCount)]
    let pipe = Pipe()
    worker.standardOutput = pipe
    try worker.run()
    var lines = lineStream(pipe.fileHandleForReading).makeAsyncIterator()
    guard try await lines.next() == "ready" else { throw BenchmarkFailure("the worker did not start") }

    var firstDispatch = 0.0
    try await withBackend(setup, sqlitePath: sqlitePath) { database, redisStore in
        // As a server would: its relay moves its dispatches to Redis.
        let relay = redisStore.map { JobRelay(database: database, store: $0) }
        let relaying = Task { await relay?.run() }
        firstDispatch = Date().timeIntervalSince1970
        try await dispatch(jobCount, database: database, inTransactions: setup == .redisOutbox)
        guard let flood = try await lines.next() else { throw BenchmarkFailure("the worker ended early") }
        try await dispatch(pacedCount, database: database, inTransactions: setup == .redisOutbox, paced: true)
        guard let paced = try await lines.next() else { throw BenchmarkFailure("the worker ended early") }
        relay?.stop()
        await relaying.value
        let floodFields = flood.split(separator: " ").dropFirst().compactMap { Double($0) }
        let pacedFields = paced.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard floodFields.count == 3, pacedFields.count == 3 else { throw BenchmarkFailure("unexpected worker report: \(flood) / \(paced)") }
        let endToEnd = Double(jobCount) / (floodFields[0] - firstDispatch)
        say(String(
            format: "| %@ | %d | %.0f | %.0f | %.2f | %.1f / %.1f ms | %.1f / %.1f ms | %.0f MB |",
            setup.title, setup.concurrency, dispatchOnly, endToEnd, endToEnd / dispatchOnly, floodFields[1] * 1000,
            floodFields[2] * 1000, pacedFields[0] * 1000, pacedFields[1] * 1000, pacedFields[2]))
    }
    worker.waitUntilExit()
}

/// The lines a child writes, as they come.
func lineStream(_ handle: FileHandle) -> AsyncStream<String> {
    AsyncStream { continuation in
        let pending = Mutex(Data())
        handle.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            let lines: [String] = pending.withLock { buffer in
                buffer.append(chunk)
                var lines: [String] = []
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
                return lines
            }
            for line in lines { continuation.yield(line) }
        }
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

let arguments = CommandLine.arguments
if arguments.count == 5, arguments[1] == "worker", let setup = Setup(rawValue: arguments[2]), let count = Int(arguments[4]) {
    try await runWorker(setup, sqlitePath: arguments[3], count: count)
} else {
    let only = environment["BENCH_SETUPS"].map { $0.split(separator: ",").compactMap { Setup(rawValue: String($0)) } } ?? Setup.allCases
    print("\(jobCount) no-op jobs dispatched by \(dispatchers) tasks in this process, run by one worker process")
    print("| setup | worker concurrency | dispatch only (jobs/s) | end to end (jobs/s) | end to end ÷ dispatch | dispatch-to-start p50 / p99, flooded | p50 / p99 at \(Int(pacedRate)) jobs/s | worker peak memory |")
    print("|---|---|---|---|---|---|---|---|")
    let folder = FileManager.default.temporaryDirectory.appending(path: "loom-bench-jobs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for setup in only { try await measure(setup, folder: folder) }
    try? FileManager.default.removeItem(at: folder)
}
