import Foundation
import HTTPTypes

/// When a request is sent again: only an idempotent one (GET, HEAD, PUT, DELETE, OPTIONS), after a transport error
/// (no answer, or an answer cut short) or a status in `retryableStatuses` (503: the database did not answer in time).
/// A POST or PATCH is never sent twice, since the first may have been applied. Waits grow exponentially from
/// `initialDelay`, capped at `maximumDelay`, less a random share of up to `jitter`, so clients that failed together do
/// not come back together.
public struct LoomRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included: 1 sends once.
    public var maximumAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Double
    public var maximumDelay: Duration
    /// The share of each wait (0...1) taken off at random: 0 waits exactly, 0.5 waits between half and all of it.
    public var jitter: Double
    public var retryableStatuses: Set<Int>

    /// The methods RFC 9110 calls idempotent (TRACE aside): sending one twice leaves the server as sending it once.
    public static let idempotentMethods: Set<HTTPRequest.Method> = [.get, .head, .put, .delete, .options]

    public init(
        maximumAttempts: Int = 3, initialDelay: Duration = .milliseconds(200), multiplier: Double = 2,
        maximumDelay: Duration = .seconds(5), jitter: Double = 0.5, retryableStatuses: Set<Int> = [503]
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.jitter = min(max(jitter, 0), 1)
        self.retryableStatuses = retryableStatuses
    }

    /// Three attempts, 200 ms then 400 ms apart (less up to half, at random).
    public static var `default`: LoomRetryPolicy { LoomRetryPolicy() }

    /// Every request sent once.
    public static var none: LoomRetryPolicy { LoomRetryPolicy(maximumAttempts: 1) }

    /// How many attempts a request of this method gets.
    public func attempts(for method: HTTPRequest.Method) -> Int {
        Self.idempotentMethods.contains(method) ? maximumAttempts : 1
    }

    /// The wait after failed attempt `attempt` (from 1), before the next.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponential = seconds(initialDelay) * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(exponential, seconds(maximumDelay))
        let share = jitter > 0 ? Double.random(in: 0..<jitter, using: &generator) : 0
        return .nanoseconds(Int64((capped * (1 - share) * 1_000_000_000).rounded()))
    }

    /// The wait before retrying an answer of a retryable status: the server's `Retry-After` (whole seconds) when it
    /// sends one, else `delay(afterAttempt:)`; nil when the server asks for longer than `maximumDelay`, since then
    /// the caller is better told at once.
    public func delay(
        afterAttempt attempt: Int, retryAfter: String?, using generator: inout some RandomNumberGenerator
    ) -> Duration? {
        guard let retryAfter, let asked = Int(retryAfter.trimmingCharacters(in: .whitespaces)), asked >= 0 else {
            return delay(afterAttempt: attempt, using: &generator)
        }
        let wait = Duration.seconds(asked)
        return wait <= maximumDelay ? wait : nil
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

