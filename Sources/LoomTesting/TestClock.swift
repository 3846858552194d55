import Foundation
import LoomRuntime
import Synchronization

/// Time for a test's jobs. The code under test reads the real clock (`Timestamp.now()`), so instead of faking
/// "now", advancing moves the schedule: every job still waiting (queued, or failed and due to retry) becomes due that
/// much sooner. A job dispatched with `.delay(.seconds(60))` runs after `advance(by: .seconds(60))`, a retry after
/// advancing past its backoff, and nothing in the code under test needs a clock of its own.
public final class TestClock: Sendable {
    let engine: any DatabaseEngine
    private let total = Mutex(Duration.zero)

    init(engine: any DatabaseEngine) {
        self.engine = engine
    }

    /// How far the test has advanced the clock.
    public var advanced: Duration { total.withLock { $0 } }

    /// Brings every waiting job `duration` closer to its time.
    public func advance(by duration: Duration) async throws {
        precondition(duration >= .zero, "a test clock only goes forward")
        let seconds = JobCoding.seconds(duration)
        let waiting = try await engine.query(#"SELECT "id", "run_at" FROM "loom_jobs" WHERE "state" IN ('queued', 'failed')"#, [])
        for row in waiting {
            let id: String = try row.decode(at: 0)
            let runAt: Date = try row.decode(at: 1)
            _ = try await engine.query(
                #"UPDATE "loom_jobs" SET "run_at" = "# + engine.dialect.placeholder(1) + #" WHERE "id" = "# + engine.dialect.placeholder(2),
                [.date(Timestamp.truncated(runAt.addingTimeInterval(-seconds))), .string(id)])
        }
        total.withLock { $0 += duration }
    }
}
