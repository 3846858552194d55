/// What a deployment changes of a job the schema declares, from the configuration (`jobs.<Job>.retries|queue|
/// timeout|priority`): read at start-up, applied to dispatches and to the worker alike.
public struct JobSettings: Sendable, Hashable {
    public var retries: Int?
    public var queue: String?
    /// Nil: the schema's (a configured 0 means none).
    public var timeout: Duration?
    public var priority: Int?

    public init(retries: Int? = nil, queue: String? = nil, timeout: Duration? = nil, priority: Int? = nil) {
        self.retries = retries
        self.queue = queue
        self.timeout = timeout
        self.priority = priority
    }
}

extension JobDefinition {
    /// The job as configured: each setting given replaces the schema's.
    public func applying(_ settings: JobSettings?) -> JobDefinition {
        guard let settings else { return self }
        var job = self
        if let retries = settings.retries { job.maxAttempts = retries + 1 }
        if let queue = settings.queue { job.queue = queue }
        if let timeout = settings.timeout { job.timeout = timeout == .zero ? nil : timeout }
        if let priority = settings.priority { job.priority = priority }
        return job
    }
}
