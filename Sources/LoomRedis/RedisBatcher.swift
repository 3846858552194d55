import Synchronization

/// Coalesces the commands of concurrent callers into one pipeline: while one pipeline is on its way, the callers that
/// arrive wait together, and the next pipeline carries all of them. Under load, a cache hit's version check then
/// costs a share of one round trip and one thread hop instead of a whole one each; alone, a caller waits for no one.
/// A caller's commands are sent after it arrived, so it reads what Redis holds at least as late as it asked.
final class RedisBatcher: Sendable {
    private struct Waiting: Sendable {
        let commands: [[String]]
        let evenIfUnreachable: Bool
        let continuation: CheckedContinuation<[RedisValue], any Error>
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        var sending = false
    }

    private let redis: RedisClient
    private let state = Mutex(State())

    init(redis: RedisClient) {
        self.redis = redis
    }

    /// The replies to `commands`, in order, as `RedisClient.pipeline` gives them (`evenIfUnreachable` as there: the
    /// pipeline that carries them tries to connect).
    func pipeline(_ commands: [[String]], evenIfUnreachable: Bool = false) async throws -> [RedisValue] {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLock { state in
                state.waiting.append(Waiting(commands: commands, evenIfUnreachable: evenIfUnreachable, continuation: continuation))
                defer { state.sending = true }
                return !state.sending
            }
            if starts { Task { await send() } }
        }
    }

    /// Sends what waits, then what arrived meanwhile, until nothing does.
    private func send() async {
        while true {
            let batch = state.withLock { state in
                let batch = state.waiting
                state.waiting.removeAll()
                if batch.isEmpty { state.sending = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let replies = try await redis.pipeline(
                    batch.flatMap(\.commands), evenIfUnreachable: batch.contains(where: \.evenIfUnreachable))
                var start = 0
                for waiting in batch {
                    waiting.continuation.resume(returning: Array(replies[start..<(start + waiting.commands.count)]))
                    start += waiting.commands.count
                }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
