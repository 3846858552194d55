import Synchronization

/// Keeps an idle worker's loops from all polling: when the queue is empty, one loop polls (every `pollInterval`)
/// while the others wait. A loop that claims a full batch wakes one more (there may be more work), which does the
/// same, so a busy queue has every loop claiming within a few round trips. An idle worker of N loops costs the queue
/// one claim per interval, not N, and a trickle of jobs wakes no loop it does not need.
final class IdlePolling: Sendable {
    private struct State {
        var pollerSleeping = false
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Called by a loop that found nothing: the first sleeps `interval` (and then polls again); the others wait until
    /// `wake()`.
    func pause(for interval: Duration) async {
        let isPoller = state.withLock { state in
            if state.pollerSleeping && !state.closed { return false }
            state.pollerSleeping = true
            return true
        }
        if isPoller {
            try? await Task.sleep(for: interval)
            state.withLock { $0.pollerSleeping = false }
            return
        }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    // Woken (or cancelled) before getting here: do not wait.
                    if !state.pollerSleeping || state.closed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiters.removeValue(forKey: id) }
            continuation?.resume()
        }
    }

    /// The worker is stopping: no loop waits any more.
    func close() {
        state.withLock { $0.closed = true }
        wake()
    }

    /// There may be more work: one waiting loop goes back to claiming.
    func wakeOne() {
        let waiter = state.withLock { state in
            state.waiters.first.map { state.waiters.removeValue(forKey: $0.key) } ?? nil
        }
        waiter?.resume()
    }

    private func wake() {
        let waiters = state.withLock { state in
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }
}
