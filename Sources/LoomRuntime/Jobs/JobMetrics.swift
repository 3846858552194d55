import CoreMetrics

/// The job counters and the duration timer, through swift-metrics: whatever backend the application bootstraps
/// (Prometheus, in the metrics issue) exports them; with none, they cost nothing. Labels are job and queue names from
/// the schema, so their number is bounded.
public struct JobMetrics: Sendable {
    let factory: any MetricsFactory

    /// `factory`: the process's (`MetricsSystem.factory`) by default; tests pass their own.
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory ?? MetricsSystem.factory
    }

    /// What happened to a job: `dispatched`, `started`, `succeeded`, `retried` (a failed attempt with retries left),
    /// `failed` (every failed attempt) or `dead` (the last one failed).
    public enum Event: String, Sendable, CaseIterable {
        case dispatched, started, succeeded, retried, failed, dead
    }

    public func record(_ event: Event, job: String, queue: String) {
        Counter(label: "loom_jobs_\(event.rawValue)_total", dimensions: [("job", job), ("queue", queue)], factory: factory).increment()
    }

    /// How long one attempt ran, whatever its outcome.
    public func recordDuration(_ duration: Duration, job: String, queue: String) {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Timer(label: "loom_job_duration_seconds", dimensions: [("job", job), ("queue", queue)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }
}
