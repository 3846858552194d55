import Foundation
import NIOCore
import PostgresNIO
import Synchronization

// Mode (b): `PostgresConnection`s opened directly (no pool), `perLoop` of them on each event loop of
// `MultiThreadedEventLoopGroup.singleton`. Request task `worker` runs with a task executor preference for loop
// `worker % loops`, so its code runs on that loop's thread, the same thread as its connections' channels: a query
// hops no thread. It picks one of its loop's connections round robin. postgres-nio queues the queries given to one
// connection and sends the next only when the previous one is complete (no pipelining), hence several connections
// per loop. No lease, no pool state machine: a connection is shared, not checked out.

/// Runs the jobs of tasks that prefer it on a NIO event loop. NIO 2.101's `EventLoop` is a `SerialExecutor` only;
/// a task executor preference needs a `TaskExecutor`.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

final class EventLoopMode: PathMode {
    let name: String
    let executors: [EventLoopTaskExecutor]
    let connections: [[PostgresConnection]]  // per loop
    let next: [Counter]  // round robin per loop
    let logger = Logger(label: "bench.eventloop")
    let offLoop = Counter()  // request tasks found off their loop at their end (expected: 0)

    init(_ settings: Settings, loops: [any EventLoop], perLoop: Int) async throws {
        name = "b. event loop (\(perLoop)/loop)"
        executors = loops.map(EventLoopTaskExecutor.init)
        let configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: nil,
            database: settings.database, tls: .disable)
        var connections: [[PostgresConnection]] = []
        var id = 0
        for loop in loops {
            var onLoop: [PostgresConnection] = []
            for _ in 0..<perLoop {
                id += 1
                onLoop.append(try await PostgresConnection.connect(
                    on: loop, configuration: configuration, id: id, logger: logger
                ).get())
            }
            connections.append(onLoop)
        }
        self.connections = connections
        next = loops.map { _ in Counter() }
    }

    func runWorkers(count: Int, _ body: @escaping @Sendable (Int) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<count {
                let executor = executors[worker % executors.count]
                group.addTask(executorPreference: executor) {
                    await body(worker)
                    // The preference holds across the awaits: the task is still on its loop's thread.
                    if !executor.loop.inEventLoop { self.offLoop.value.wrappingAdd(1, ordering: .relaxed) }
                }
            }
        }
    }

    /// A connection of the loop the task is pinned to.
    func connection(for worker: Int) -> PostgresConnection {
        let loop = worker % connections.count
        let index = next[loop].value.wrappingAdd(1, ordering: .relaxed).oldValue
        return connections[loop][index % connections[loop].count]
    }

    func getByID(_ id: Int64, worker: Int) async throws -> Product {
        let products = try await rows(GetProductStatement(id: id), on: connection(for: worker), logger: logger)
        guard products.count == 1 else { throw BenchmarkError("get \(id): \(products.count) rows") }
        return products[0]
    }

    func page(after id: Int64, worker: Int) async throws -> [Product] {
        try await rows(PageStatement(after: id), on: connection(for: worker), logger: logger)
    }

    func shutdown() async {
        for connection in connections.joined() { try? await connection.close() }
    }
}
