import Foundation
import LoomValues
import LoomRuntime

/// A job's status as `GET /loom/jobs/{jobId}` and `store jobs` write it: the stored record, with its payload and
/// result as the JSON values they are (`"result": true`), not JSON text inside a string (`"result": "true"`).
struct JobStatusAnswer: Encodable {
    let status: JobStatus

    private enum Key: String, CodingKey {
        case id, job, queue, state, attempts, maxAttempts, priority, payload, lastError, result, callback, runAt, createdAt,
             updatedAt, traceId
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(status.id.lowercasedText, forKey: .id)
        try container.encode(status.job, forKey: .job)
        try container.encode(status.queue, forKey: .queue)
        try container.encode(status.state, forKey: .state)
        try container.encode(status.attempts, forKey: .attempts)
        try container.encode(status.maxAttempts, forKey: .maxAttempts)
        try container.encode(status.priority, forKey: .priority)
        try container.encode(Self.value(status.payload), forKey: .payload)
        try container.encodeIfPresent(status.lastError, forKey: .lastError)
        try container.encodeIfPresent(status.result.map(Self.value), forKey: .result)
        try container.encodeIfPresent(status.callback, forKey: .callback)
        try container.encode(status.runAt, forKey: .runAt)
        try container.encode(status.createdAt, forKey: .createdAt)
        try container.encode(status.updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(status.traceId, forKey: .traceId)
    }

    /// Stored JSON text as its value; text that is not JSON (never written by Loom) stays a string.
    static func value(_ text: String) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
    }
}
