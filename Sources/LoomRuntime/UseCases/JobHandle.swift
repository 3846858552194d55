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
