/// The words of commands, use cases, jobs, callbacks and routes. Contextual like the rest: a keyword only where
/// the grammar expects one.
extension Keywords {
    /// What a use case's body may contain, in the order messages list them.
    static let useCaseStatements = [
        "require", "load", "exists", "compute", "unique", "rule", "check", "invoke", "dispatch", "uses",
    ]
    /// What a job's body may contain.
    static let jobStatements = ["queue", "retries", "backoff", "timeout", "priority", "require", "load", "uses"]
    /// The job options: a keyword and the values on its line.
    static let jobOptions = ["queue", "retries", "backoff", "timeout", "priority"]
    /// Every statement keyword: a body of either kind parses all of them, and the checker says which fit.
    static let statements = useCaseStatements + jobOptions
    static let callbackEvents = ["success", "failure"]
    static let backoffKinds = ["fixed", "exponential"]
    static let httpMethods = HTTPMethod.allCases.map(\.rawValue)
}
