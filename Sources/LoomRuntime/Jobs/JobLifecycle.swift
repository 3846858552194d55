import Foundation
import LoomVocabulary

/// Where a job is in its life: the vocabulary's, which the job status route answers with and a client decodes.
public typealias JobState = LoomVocabulary.JobState

/// How long to wait before the next attempt.
public enum JobBackoff: Sendable, Hashable {
    case fixed(seconds: Double)
    /// `base × 2^(attempt-1)` seconds, never more than `cap`, with up to a quarter of it added at random so that jobs
    /// failing together do not retry together.
    case exponential(baseSeconds: Double, capSeconds: Double = 300)

    /// The wait after failed attempt number `attempt` (1-based). `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        switch self {
        case .fixed(let seconds):
            return seconds
        case .exponential(let base, let cap):
            let exponent = Double(max(0, min(attempt - 1, 30)))
            let plain = min(cap, base * pow(2, exponent))
            return min(cap, plain + plain * 0.25 * random)
        }
    }
}

/// The decisions of a job's life, as a pure state machine: what a failed attempt leads to, when a lease has run out.
/// The queue applies them in SQL; tests check them without a database.
public enum JobLifecycle {
    /// What follows a failed attempt.
    public enum AfterFailure: Sendable, Hashable {
        /// Tried again once `at` has come.
        case retry(at: Date)
        /// No attempts left: a dead letter (and the failure callback, if any).
        case dead
    }

    /// `attempts` counts the attempt that just failed; a job may run `maxAttempts` times in all. A failure that
    /// another attempt cannot cure (`retryable` false: a row that does not exist, a payload the rules refuse) is dead
    /// at once.
    public static func afterFailure(
        attempts: Int, maxAttempts: Int, backoff: JobBackoff, now: Date, random: Double, retryable: Bool = true
    ) -> AfterFailure {
        guard retryable, attempts < maxAttempts else { return .dead }
        return .retry(at: now.addingTimeInterval(backoff.delay(afterAttempt: attempts, random: random)))
    }

    /// Whether another attempt could succeed after a job failed with an error of this kind (`JobFailure.kind`): not
    /// after a client error (a `load` that found no row, a rule refused, a malformed payload), which would fail the
    /// same way; yes after anything else (an exception, a timeout, an unavailable database).
    public static func isRetryable(kind: String) -> Bool {
        let final: [ErrorCode] = [.notFound, .validationError, .ruleViolations, .badRequest, .conflict, .notImplemented]
        return !final.contains { $0.rawValue == kind }
    }

    /// Whether a worker may take the job now: queued or failed and due, or running under a lease that has run out (its
    /// worker died: the job is delivered again).
    public static func isClaimable(state: JobState, runAt: Date, leaseUntil: Date?, now: Date) -> Bool {
        switch state {
        case .queued, .failed: runAt <= now
        case .running: (leaseUntil ?? .distantPast) < now
        case .succeeded, .dead: false
        }
    }
}
