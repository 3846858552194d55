import Foundation
import NIOPosix
import PostgresNIO
import Synchronization

// Issue #22: three ways for a Swift server process to run many concurrent small queries against PostgreSQL, measured
// side by side in one process and one run:
//   (a) PoolMode.swift       — postgres-nio's PostgresClient pool, configured as LoomServer configures it;
//   (b) EventLoopMode.swift  — PostgresConnections opened directly, N per NIO event loop, request tasks pinned to
//                              their loop with a task executor preference;
//   (c) LibpqMode.swift      — libpq in pipeline mode, one driver thread per connection.
// Every mode does the same work per query: a prepared statement, one int8 bind, binary results, every row decoded
// into `Product`, and the answer checked (the id asked for, 25 consecutive rows for a page). A mode that fails a
// check counts an error, and a run with errors exits 1.
//
// Settings (scripts/bench-postgres-paths.sh sets them): POSTGRES_HOSTNAME (127.0.0.1), POSTGRES_PORT (55432),
// POSTGRES_USER (postgres), BENCH_DATABASE (loom_bench_paths), BENCH_SECONDS (5 per round), BENCH_ROUNDS (3),
// BENCH_WARMUP_SECONDS (1), BENCH_SERIAL_SECONDS (2: the rounds at concurrency 1), BENCH_SERIAL (1: also measure
// concurrency 1). The results go to stdout as markdown table rows; progress goes to stderr.

// MARK: The work

/// A row of `products`, decoded the same way by every mode.
struct Product: Equatable, Sendable {
    var id: Int64
    var sku: String
    var name: String
    var category: String
    var priceCents: Int64
    var stock: Int64
    var createdAt: Date
    var updatedAt: Date
}

enum SQL {
    static let columns = "id, sku, name, category, price_cents, stock, created_at, updated_at"
    static let getByID = "SELECT \(columns) FROM products WHERE id = $1"
    static let page = "SELECT \(columns) FROM products WHERE id > $1 ORDER BY id LIMIT 25"
    static let rowCount: Int64 = 10_000
    static let pageSize = 25
}

enum Workload: String, CaseIterable, Sendable {
    case getByID = "get by id"
    case page = "page of 25"
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One way to reach PostgreSQL. `runWorkers` starts the request tasks in the context the mode needs (mode b pins
/// each one to an event loop); `worker` is the task's index, for modes that assign connections by it.
protocol PathMode: Sendable {
    var name: String { get }
    func runWorkers(count: Int, _ body: @escaping @Sendable (Int) async -> Void) async
    func getByID(_ id: Int64, worker: Int) async throws -> Product
    func page(after id: Int64, worker: Int) async throws -> [Product]
    func shutdown() async
}

extension PathMode {
    func runWorkers(count: Int, _ body: @escaping @Sendable (Int) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<count { group.addTask { await body(worker) } }
        }
    }
}

// MARK: Measurement

@inline(__always) func monotonicNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
}

/// User + system CPU time of the whole process, in nanoseconds.
func processCPUNanos() -> UInt64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func nanos(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1_000 }
    return nanos(usage.ru_utime) + nanos(usage.ru_stime)
}

/// SplitMix64: a cheap per-task generator, so that no mode pays for a shared random source.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct Round {
    var queries: Int
    var errors: Int
    var firstError: String?
    var seconds: Double
    var cpuNanos: UInt64
    var latencies: [UInt64]  // sorted
    var checksum: Int64

    var queriesPerSecond: Double { Double(queries) / seconds }
    var cpuMicrosPerQuery: Double { queries == 0 ? 0 : Double(cpuNanos) / 1_000 / Double(queries) }
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
        return Double(latencies[max(0, index)]) / 1_000_000
    }
}

struct WorkerResult: Sendable {
    var latencies: [UInt64]
    var errors: Int
    var firstError: String?
    var checksum: Int64
}

/// Runs `concurrency` request tasks for `seconds`, each issuing one query after another, and checks every answer.
func measure(_ mode: any PathMode, _ workload: Workload, concurrency: Int, seconds: Double, seed: UInt64) async -> Round {
    let results = Mutex<[WorkerResult]>([])
    let cpuBefore = processCPUNanos()
    let start = monotonicNanos()
    let deadline = start + UInt64(seconds * 1_000_000_000)
    await mode.runWorkers(count: concurrency) { worker in
        var random = SplitMix(state: seed &+ UInt64(worker) &* 7919)
        var result = WorkerResult(latencies: [], errors: 0, firstError: nil, checksum: 0)
        result.latencies.reserveCapacity(Int(seconds * 40_000) / max(1, concurrency) + 1_000)
        while monotonicNanos() < deadline {
            let began = monotonicNanos()
            do {
                switch workload {
                case .getByID:
                    let id = Int64(random.next() % UInt64(SQL.rowCount)) + 1
                    let product = try await mode.getByID(id, worker: worker)
                    guard product.id == id else { throw BenchmarkError("asked for \(id), got \(product.id)") }
                    result.checksum &+= product.priceCents &+ product.stock &+ Int64(product.sku.utf8.count)
                        &+ Int64(product.updatedAt.timeIntervalSince1970)
                case .page:
                    let after = Int64(random.next() % UInt64(SQL.rowCount - Int64(SQL.pageSize) + 1))
                    let products = try await mode.page(after: after, worker: worker)
                    guard products.count == SQL.pageSize, products.first?.id == after + 1,
                        products.last?.id == after + Int64(SQL.pageSize)
                    else { throw BenchmarkError("page after \(after): \(products.count) rows from \(products.first?.id ?? -1)") }
                    for product in products {
                        result.checksum &+= product.priceCents &+ product.stock &+ Int64(product.sku.utf8.count)
                            &+ Int64(product.updatedAt.timeIntervalSince1970)
                    }
                }
                result.latencies.append(monotonicNanos() - began)
            } catch {
                result.errors += 1
                if result.firstError == nil { result.firstError = String(describing: error) }
            }
        }
        results.withLock { $0.append(result) }
    }
    let elapsed = Double(monotonicNanos() - start) / 1_000_000_000
    let cpu = processCPUNanos() - cpuBefore
    let workers = results.withLock { $0 }
    var latencies = workers.flatMap(\.latencies)
    latencies.sort()
    return Round(
        queries: latencies.count, errors: workers.reduce(0) { $0 + $1.errors },
        firstError: workers.lazy.compactMap(\.firstError).first, seconds: elapsed, cpuNanos: cpu, latencies: latencies,
        checksum: workers.reduce(0) { $0 &+ $1.checksum })
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

// MARK: Main

let environment = ProcessInfo.processInfo.environment
let settings = Settings(
    host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1",
    port: Int(environment["POSTGRES_PORT"] ?? "") ?? 55432,
    user: environment["POSTGRES_USER"] ?? "postgres",
    database: environment["BENCH_DATABASE"] ?? "loom_bench_paths")
let roundSeconds = Double(environment["BENCH_SECONDS"] ?? "") ?? 5
let rounds = Int(environment["BENCH_ROUNDS"] ?? "") ?? 3
let warmupSeconds = Double(environment["BENCH_WARMUP_SECONDS"] ?? "") ?? 1
let serialSeconds = Double(environment["BENCH_SERIAL_SECONDS"] ?? "") ?? 2
let measureSerial = (environment["BENCH_SERIAL"] ?? "1") != "0"

struct Settings: Sendable {
    var host: String
    var port: Int
    var user: String
    var database: String
}

let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
log("event loops: \(loops.count); cores: \(ProcessInfo.processInfo.activeProcessorCount)")

let pool = try await PoolMode(settings)
var eventLoopModes: [EventLoopMode] = []
for perLoop in [1, 4, 16] { eventLoopModes.append(try await EventLoopMode(settings, loops: loops, perLoop: perLoop)) }
var libpqModes: [LibpqMode] = []
for perLoop in [1, 2] { libpqModes.append(try LibpqMode(settings, connections: perLoop * loops.count)) }
let modes: [any PathMode] = [pool] + eventLoopModes + libpqModes

// The same answers from every mode: proof that each one decodes every column, dates included.
do {
    let reference = try await pool.getByID(4_242, worker: 0)
    let referencePage = try await pool.page(after: 9_000, worker: 0)
    for mode in modes {
        let product = try await mode.getByID(4_242, worker: 0)
        let page = try await mode.page(after: 9_000, worker: 0)
        guard product == reference, page == referencePage else {
            throw BenchmarkError("\(mode.name) decodes differently: \(product) vs \(reference)")
        }
    }
    log("every mode decodes the same rows: \(reference)")
    // libpq: an error in a pipeline reaches its caller only, and the queries it aborted are retried.
    try await libpqModes[0].checkErrorIsolation()
    log("libpq: a failing query in a pipeline fails its caller only")
}

struct Plan {
    var workload: Workload
    var concurrency: Int
    var seconds: Double
    var modes: [any PathMode]
}
var plans: [Plan] = Workload.allCases.map { Plan(workload: $0, concurrency: 32, seconds: roundSeconds, modes: modes) }
if measureSerial {
    // At concurrency 1 the number of connections does not matter: one of each kind.
    let serialModes: [any PathMode] = [pool, eventLoopModes[0], libpqModes[0]]
    plans += Workload.allCases.map { Plan(workload: $0, concurrency: 1, seconds: serialSeconds, modes: serialModes) }
}

var failed = false
var seed: UInt64 = 0x5EED
for plan in plans {
    for mode in plan.modes {
        _ = await measure(mode, plan.workload, concurrency: plan.concurrency, seconds: warmupSeconds, seed: seed)
        seed &+= 1
    }
    var results: [String: [Round]] = [:]
    for round in 1...rounds {
        for mode in plan.modes {
            let batchesBefore = (mode as? LibpqMode)?.batches ?? 0
            let result = await measure(mode, plan.workload, concurrency: plan.concurrency, seconds: plan.seconds, seed: seed)
            seed &+= 1
            results[mode.name, default: []].append(result)
            let qps = fixed(result.queriesPerSecond, 0)
            let p50 = fixed(result.percentile(0.5), 3)
            let p99 = fixed(result.percentile(0.99), 3)
            let cpu = fixed(result.cpuMicrosPerQuery, 1)
            var failure = result.firstError.map { " (\($0))" } ?? ""
            if let libpq = mode as? LibpqMode {
                failure += ", \(libpq.batches - batchesBefore) pipeline syncs (mean batch \(fixed(Double(result.queries) / Double(max(1, libpq.batches - batchesBefore)), 1)))"
            }
            if let bound = mode as? EventLoopMode {
                failure += ", tasks off their loop: \(bound.offLoop.value.load(ordering: .relaxed))"
            }
            log("\(plan.workload.rawValue) c=\(plan.concurrency) round \(round) \(mode.name): \(qps) q/s, p50 \(p50) ms, p99 \(p99) ms, \(cpu) µs CPU/query, \(result.errors) errors\(failure)")
            if result.errors > 0 || result.queries == 0 { failed = true }
        }
    }
    for mode in plan.modes {
        let list = results[mode.name] ?? []
        let qps = list.map(\.queriesPerSecond)
        let cells = [
            mode.name, plan.workload.rawValue, "\(plan.concurrency)", fixed(median(qps), 0),
            "\(fixed(qps.min() ?? 0, 0))–\(fixed(qps.max() ?? 0, 0))", fixed(median(list.map { $0.percentile(0.5) }), 3),
            fixed(median(list.map { $0.percentile(0.99) }), 3), fixed(median(list.map(\.cpuMicrosPerQuery)), 1),
            "\(list.reduce(0) { $0 + $1.errors })",
        ]
        print("| " + cells.joined(separator: " | ") + " |")
        fflush(nil)
    }
}

for mode in modes { await mode.shutdown() }
if failed {
    log("FAILED: some round had errors or no queries")
    exit(1)
}
