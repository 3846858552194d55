/// Where a job is in its life. `failed` is a failed attempt that will be retried; `dead` is a job whose last attempt
/// failed: it waits in the dead letters until someone re-queues it.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed
    case dead
}

/// `GET /loom/jobs/{jobId}`: a job's state, attempts, last error and result, served by a server whose schema declares
/// jobs. A `202 Accepted` whose answer carries a `jobId` names it in `Location`.
public enum JobStatusRoute {
    public static let pathTemplate = "/loom/jobs/{jobId}"
    public static let parameter = "jobId"
    /// The answer's members, in the order they are written; the optional ones are left out when empty.
    public static let members = [
        "id", "job", "queue", "state", "attempts", "maxAttempts", "priority", "payload", "lastError", "result", "callback",
        "runAt", "createdAt", "updatedAt", "traceId",
    ]
    public static let optionalMembers: Set<String> = ["lastError", "result", "callback", "traceId"]
    /// The field of a use case's answer that names the job it dispatched.
    public static let answerField = "jobId"

    /// The status path of one job (a lower-case UUID, as the server writes ids).
    public static func path(jobID: String) -> String { "/loom/jobs/" + jobID.lowercased() }
}
