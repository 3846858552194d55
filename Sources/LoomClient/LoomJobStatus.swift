import Foundation
import LoomVocabulary

/// A job as `GET /loom/jobs/{jobId}` answers it (`JobStatusRoute.members`; the OpenAPI document's `LoomJobStatus`):
/// where it is in its life, its attempts, its payload and, once it succeeded, its result, both as JSON values since
/// the route serves every job of the schema.
public struct LoomJobStatus: Sendable, Hashable, Codable {
    public var id: UUID
    /// The job's name in the schema (`SendRestockEmail`).
    public var job: String
    public var queue: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    public var priority: Int
    public var payload: JSONValue
    /// The last failed attempt's error.
    public var lastError: String?
    /// What the job returned, once it succeeded.
    public var result: JSONValue?
    /// Where its callback is (`done`, …), for a job that has one.
    public var callback: String?
    public var runAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    /// The `x-request-id` of the request that dispatched it.
    public var traceId: String?

    public init(
        id: UUID, job: String, queue: String, state: JobState, attempts: Int, maxAttempts: Int, priority: Int,
        payload: JSONValue, lastError: String? = nil, result: JSONValue? = nil, callback: String? = nil, runAt: Date,
        createdAt: Date, updatedAt: Date, traceId: String? = nil
    ) {
        self.id = id
        self.job = job
        self.queue = queue
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.priority = priority
        self.payload = payload
        self.lastError = lastError
        self.result = result
        self.callback = callback
        self.runAt = runAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.traceId = traceId
    }

    /// The members in `JobStatusRoute.members`' order (a test holds the two equal); the optional ones are
    /// `JobStatusRoute.optionalMembers`.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, job, queue, state, attempts, maxAttempts, priority, payload, lastError, result, callback, runAt, createdAt,
             updatedAt, traceId
    }

    /// Whether the job will change no more by itself: it succeeded, or its last attempt failed (`dead`).
    public var isSettled: Bool { state == .succeeded || state == .dead }
}
