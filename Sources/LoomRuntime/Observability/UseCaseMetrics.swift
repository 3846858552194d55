import CoreMetrics
import LoomValues

/// Each use case's outcome and duration, through swift-metrics (Prometheus at `GET /metrics`):
/// `loom_use_cases_total{use_case, outcome}` and `loom_use_case_duration_seconds{use_case}`. Use-case names come from
/// the schema and outcomes from a fixed list, so the label sets are bounded.
///
/// The same under the Python framework's names, for its dashboards: `loom_usecase_requests_total{usecase, status}`
/// (`success` or `error`), `loom_usecase_errors_total{usecase, error_kind}` (the outcome) and
/// `loom_usecase_duration_seconds{usecase}`.
enum UseCaseMetrics {
    static func record(_ useCase: String, outcome: String, duration: Duration) {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Counter(label: "loom_use_cases_total", dimensions: [("use_case", useCase), ("outcome", outcome)]).increment()
        Timer(label: "loom_use_case_duration_seconds", dimensions: [("use_case", useCase)]).recordNanoseconds(nanoseconds)
        let succeeded = outcome == "ok"
        Counter(label: "loom_usecase_requests_total", dimensions: [("usecase", useCase), ("status", succeeded ? "success" : "error")])
            .increment()
        if !succeeded {
            Counter(label: "loom_usecase_errors_total", dimensions: [("usecase", useCase), ("error_kind", outcome)]).increment()
        }
        Timer(label: "loom_usecase_duration_seconds", dimensions: [("usecase", useCase)]).recordNanoseconds(nanoseconds)
    }

    /// `ok`, an error envelope's code (`not_found`, `rule_violations`, …), `constraint` (the database refused a
    /// write), `cancelled` or `error`.
    static func outcome(of error: any Error) -> String {
        switch error {
        case let error as LoomError: error.code
        case let invalid as InvalidInput: LoomError(invalid).code
        case DatabaseError.statementTimeout: "unavailable"
        case is DatabaseError: "constraint"
        case is CancellationError: "cancelled"
        default: "error"
        }
    }
}
