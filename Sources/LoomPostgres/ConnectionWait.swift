import LoomRuntime
import PostgresNIO
import Synchronization

/// A bounded wait for a pooled connection. postgres-nio's pool queues a request until a connection is free (or can
/// be opened) with no limit, so a saturated pool or an unreachable server would hang every request; here the wait
/// is raced against a timer, and a request that gets no connection in time is a 503 `unavailable`. Once a connection
/// is leased the timer no longer matters: the statement timeout bounds the work. (No postgres-nio option does this;
/// cancelling the waiting task withdraws its lease request from the pool.)
struct ConnectionWait: Sendable {
    /// Nil: wait as long as the pool makes it.
    let timeout: Duration?
    let metrics: PoolMetrics

    func withConnection<Result: Sendable>(
        _ client: PostgresClient, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let metrics = self.metrics
        metrics.waiters.increment()
        let wait = WaitState()
        defer { wait.end(metrics) }
        @Sendable func leased(_ connection: PostgresConnection) async throws -> Result {
            wait.end(metrics)
            metrics.inUse.increment()
            defer { metrics.inUse.decrement() }
            return try await body(connection)
        }
        guard let timeout else { return try await client.withConnection(leased) }
        let lease = LeaseState()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    lease.leased.withLock { $0 = true }
                    return try await leased(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                guard lease.leased.withLock({ $0 }) else { throw Self.unavailable(after: timeout) }
                return nil
            }
            while let result = try await group.next() {
                if let value = result {
                    group.cancelAll()
                    return value
                }
            }
            throw Self.unavailable(after: timeout)
        }
    }

    /// A request's wait for a connection, which ends once: when the connection is leased, or when the request gives
    /// up without one.
    final class WaitState: Sendable {
        let waiting = Atomic(true)

        func end(_ metrics: PoolMetrics) {
            if waiting.exchange(false, ordering: .relaxed) { metrics.waiters.decrement() }
        }
    }

    /// Set once the pool hands over a connection: from then on the timer has nothing to say.
    final class LeaseState: Sendable {
        let leased = Mutex(false)
    }

    static func unavailable(after timeout: Duration) -> LoomError {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        return .unavailable(message: "no database connection was free within \(milliseconds) ms; try again")
    }
}
