import LoomRuntime
import PostgresNIO
import Synchronization

/// A bounded wait for a pooled connection. postgres-nio's pool queues a request until a connection is free (or can
/// be opened) with no limit, so a saturated pool or an unreachable server would hang every request; here a request
/// that gets no connection in time is cancelled (which withdraws its lease request from the pool) and answers 503
/// `unavailable`. Once a connection is leased the deadline no longer matters: the statement timeout bounds the work.
/// No postgres-nio option does this.
struct ConnectionWait: Sendable {
    /// Nil: wait as long as the pool makes it.
    let timeout: Duration?
    let metrics: PoolMetrics
    let deadlines = WaitDeadlines()

    func withConnection<Result: Sendable>(
        _ client: PostgresClient, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let metrics = self.metrics
        metrics.waiters.increment()
        guard let timeout else {
            var waiting = true
            defer { if waiting { metrics.waiters.decrement() } }
            return try await client.withConnection { connection in
                waiting = false
                metrics.waiters.decrement()
                return try await Self.use(connection, body, metrics)
            }
        }
        let deadlines = self.deadlines
        // The wait runs in a child task, so that cancelling it at the deadline cancels nothing of the request's own
        // (a task's cancellation is for good): one child and a dictionary entry, no timer.
        async let leased: Result = withUnsafeCurrentTask { task in
            let ticket = deadlines.register(task.map(CancellableTask.init), deadline: .now + timeout)
            do {
                let result = try await client.withConnection { connection in
                    // Past the deadline already (the pool answered as time ran out): given back, and a 503.
                    guard deadlines.end(ticket, leased: true) == .waiting else { throw Self.unavailable(after: timeout) }
                    metrics.waiters.decrement()
                    return try await Self.use(connection, body, metrics)
                }
                deadlines.end(ticket)
                return result
            } catch {
                let wait = deadlines.end(ticket)
                if wait != .leased { metrics.waiters.decrement() }
                if wait == .timedOut { throw Self.unavailable(after: timeout) }
                throw error
            }
        }
        return try await leased
    }

    static func use<Result>(
        _ connection: PostgresConnection, _ body: (PostgresConnection) async throws -> Result, _ metrics: PoolMetrics
    ) async throws -> Result {
        metrics.inUse.increment()
        defer { metrics.inUse.decrement() }
        return try await body(connection)
    }

    static func unavailable(after timeout: Duration) -> LoomError {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        return .unavailable(message: "no database connection was free within \(milliseconds) ms; try again")
    }
}

/// A waiting child task, to be cancelled from the sweeper at its deadline. Only touched under `WaitDeadlines`' lock while
/// the task is still inside `withUnsafeCurrentTask`'s body (its wait has not ended), so the task is alive.
struct CancellableTask: @unchecked Sendable {
    let task: UnsafeCurrentTask
}

/// The requests waiting for a connection, each with its deadline. One task checks them every 50 ms while any waits,
/// and cancels those past theirs. A timer per request (a child task sleeping, as this was first written) cost ~25 µs
/// and two context switches a statement on a busy server (docs/benchmarks.md); here a wait is a lock and a dictionary
/// entry, and a deadline is met within 50 ms.
final class WaitDeadlines: Sendable {
    enum Wait: Equatable { case waiting, leased, timedOut, ended }

    private struct Waiter {
        var deadline: ContinuousClock.Instant
        var task: CancellableTask?
        var wait: Wait = .waiting
    }

    private struct State {
        var next = 0
        var waiters: [Int: Waiter] = [:]
        var sweeping = false
    }

    private let state = Mutex(State())
    static let sweepInterval = Duration.milliseconds(50)

    func register(_ task: CancellableTask?, deadline: ContinuousClock.Instant) -> Int {
        let (ticket, startSweeper) = state.withLock { state -> (Int, Bool) in
            state.next += 1
            state.waiters[state.next] = Waiter(deadline: deadline, task: task)
            defer { state.sweeping = true }
            return (state.next, !state.sweeping)
        }
        if startSweeper { Task { await self.sweep() } }
        return ticket
    }

    /// Ends a request's wait: with `leased`, it got its connection (unless its deadline passed first). Returns what
    /// the wait was before; the first call decides, later ones only forget the ticket.
    @discardableResult
    func end(_ ticket: Int, leased: Bool = false) -> Wait {
        state.withLock { state in
            guard var waiter = state.waiters[ticket] else { return .ended }
            let before = waiter.wait
            if before == .waiting, leased {
                waiter.wait = .leased
                waiter.task = nil
                state.waiters[ticket] = waiter
            } else {
                state.waiters[ticket] = nil
            }
            return before
        }
    }

    private func sweep() async {
        while true {
            try? await Task.sleep(for: Self.sweepInterval)
            let now = ContinuousClock.now
            let done = state.withLock { state -> Bool in
                for (ticket, waiter) in state.waiters where waiter.wait == .waiting && waiter.deadline <= now {
                    state.waiters[ticket]?.wait = .timedOut
                    state.waiters[ticket]?.task = nil
                    waiter.task?.task.cancel()
                }
                if state.waiters.isEmpty { state.sweeping = false }
                return state.waiters.isEmpty
            }
            if done { return }
        }
    }
}
