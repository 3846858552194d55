import Foundation

/// What dispatching a job gives back: the job's id and the queue it waits on.
public struct JobHandle: Sendable, Hashable, Codable {
    public var jobId: UUID
    public var queue: String

    public init(jobId: UUID, queue: String) {
        self.jobId = jobId
        self.queue = queue
    }
}

extension LoomError {
    /// What a job's generated entry points answer until the jobs runtime exists: a 501 naming the job, so a route
    /// that dispatches one is validated (its 404s and 422s are real) and says plainly what is missing.
    public static func jobsNotRunning(_ job: String) -> LoomError {
        .notImplemented(message: "job '\(job)' is declared in the schema, but this server does not run jobs yet")
    }
}
