import Foundation
import HTTPTypes
import LoomValues
import LoomVocabulary

extension LoomClientCore {
    /// A job's status by its id (`GET /loom/jobs/{jobId}`).
    public func jobStatus(id: UUID) async throws -> LoomJobStatus {
        try await send(.get, path: JobStatusRoute.path(jobID: id.lowercasedText), as: LoomJobStatus.self, operationID: "getLoomJobStatus")
    }

    /// The status of the job a 202 named in its `Location` (`/loom/jobs/…`).
    public func jobStatus(at location: String) async throws -> LoomJobStatus {
        guard let path = LoomPath.requestPath(forLocation: location, serverURL: configuration.serverURL) else {
            throw LoomDecodingError(status: 202, requestID: "", problem: "the Location '\(location)' is not a path or URL of this server")
        }
        return try await send(.get, path: path, as: LoomJobStatus.self, operationID: "getLoomJobStatus")
    }

    /// The status of the job a 202 answer dispatched, read through its `Location`.
    public func jobStatus<Answer>(of accepted: LoomResponse<Answer>) async throws -> LoomJobStatus {
        guard let location = accepted.location else {
            throw LoomDecodingError(status: accepted.status.code, requestID: accepted.requestID, problem: "the answer has no Location")
        }
        return try await jobStatus(at: location)
    }

    /// Reads the job's status every `interval` (with the configuration's sleep) until `isDone` holds, at most
    /// `maximumPolls` times; throws `LoomJobWaitTimeout`, with the last status read, when it never did.
    public func waitForJob(
        at location: String, every interval: Duration = .milliseconds(250), maximumPolls: Int = 240,
        until isDone: @Sendable (LoomJobStatus) -> Bool = { $0.isSettled }
    ) async throws -> LoomJobStatus {
        var status = try await jobStatus(at: location)
        var polls = 1
        while !isDone(status) {
            guard polls < maximumPolls else { throw LoomJobWaitTimeout(last: status, polls: polls) }
            try await configuration.sleep(interval)
            status = try await jobStatus(at: location)
            polls += 1
        }
        return status
    }
}

/// `waitForJob` read the status as often as it was allowed to and the job was still not done.
public struct LoomJobWaitTimeout: Error, Sendable, Hashable, CustomStringConvertible {
    public var last: LoomJobStatus
    public var polls: Int

    public var description: String { "job \(last.id) (\(last.job)) still \(last.state.rawValue) after \(polls) reads of its status" }
}
