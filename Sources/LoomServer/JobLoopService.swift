import LoomRedis
import LoomRuntime
import ServiceLifecycle
import Synchronization

/// A job loop (the worker, or the relay to Redis) as a service of the server's (or `store worker`'s) service group: it
/// starts once the database is ready (tables created or migrated, `ready` opened), and on SIGTERM stops taking work
/// and finishes what it holds before the group ends.
struct JobLoopService: Service {
    let ready: ReadySignal
    let run: @Sendable () async -> Void
    let stop: @Sendable () -> Void

    init(worker: JobWorker, ready: ReadySignal) {
        self.ready = ready
        self.run = { await worker.run() }
        self.stop = { worker.stop() }
    }

    init(relay: JobRelay, ready: ReadySignal) {
        self.ready = ready
        self.run = { await relay.run() }
        self.stop = { relay.stop() }
    }

    func run() async throws {
        let ready = self.ready
        await withGracefulShutdownHandler {
            // Cancelled while waiting (the server failed to start): give up at once.
            let started = await withTaskCancellationHandler {
                await ready.wait()
            } onCancel: {
                ready.cancel()
            }
            guard started else { return }
            await run()
        } onGracefulShutdown: {
            stop()
            ready.cancel()
        }
    }
}

/// Opened once (or cancelled): what the job loops wait for before their first step.
final class ReadySignal: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Bool, Never>])
        case done(Bool)
    }

    private let state = Mutex(State.waiting([]))

    func open() { finish(true) }
    func cancel() { finish(false) }

    /// Whether `open()` has been called.
    var isOpen: Bool {
        state.withLock { state in
            if case .done(true) = state { true } else { false }
        }
    }

    /// True once opened; false when cancelled first.
    func wait() async -> Bool {
        await withCheckedContinuation { continuation in
            let immediate: Bool? = state.withLock { state in
                switch state {
                case .done(let value): return value
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return nil
                }
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func finish(_ value: Bool) {
        let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = .done(value)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }
}

/// Work to do once when a process starts, as a service of its group: the group starts it after the services listed
/// before it (their tasks are added first, though it does not wait for them to be running), and it then stays until
/// the group shuts down (a service that returns would end the group).
struct StartupService: Service {
    let work: @Sendable () async throws -> Void

    init(_ work: @escaping @Sendable () async throws -> Void) {
        self.work = work
    }

    func run() async throws {
        try await work()
        try? await gracefulShutdown()
    }
}

/// Runs PostgreSQL's pool and opens `running` as it starts. A statement sent before `PostgresClient.run()` has begun
/// draws PostgresNIO's warning ("run() hasn't been called yet"), and ServiceGroup starts its services without waiting
/// for one another, so the start-up statements (migrations, the job table) wait for this signal. `run()` sets its flag
/// before it first suspends, and this task goes straight into it after opening the signal, while a waiter must first
/// be scheduled on another thread.
struct PoolService: Service {
    let run: @Sendable () async -> Void
    let running: ReadySignal

    func run() async throws {
        running.open()
        await run()
    }
}
