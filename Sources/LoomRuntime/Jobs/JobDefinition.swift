import Foundation
import LoomValues

/// One job of a schema as the worker runs it: generated code (`StoreApplication.jobs`) fills it in with typed
/// closures over the user's job and callback types; payloads and results travel as JSON text.
public struct JobDefinition: Sendable {
    public let name: String
    public internal(set) var queue: String
    /// The first attempt plus the retries.
    public internal(set) var maxAttempts: Int
    public let backoff: JobBackoff
    /// An attempt running longer fails with "timed out"; nil for no limit.
    public internal(set) var timeout: Duration?
    /// Among due jobs of one queue, a higher priority is claimed first (default 0).
    public internal(set) var priority: Int
    /// Decodes the payload, runs the job's `load`s and the user's job, and encodes the result.
    public let run: @Sendable (_ payload: String, _ scope: UseCaseScope) async throws -> String
    /// The success callback (payload, result), if the schema declares one.
    public let onSuccess: (@Sendable (_ payload: String, _ result: String, _ scope: UseCaseScope) async throws -> Void)?
    /// The failure callback (payload, failure) after the last attempt, if the schema declares one.
    public let onFailure: (@Sendable (_ payload: String, _ failure: JobFailure, _ scope: UseCaseScope) async throws -> Void)?
    /// Of a group of this job (`callback … on success of all`): every member succeeded (their payloads and results, in
    /// the order dispatched).
    public let onGroupSuccess: (@Sendable (_ group: UUID, _ payloads: [String], _ results: [String], _ scope: UseCaseScope) async throws -> Void)?
    /// Of a group of this job (`callback … on failure of any`): the first member that failed for good.
    public let onGroupFailure: (@Sendable (_ group: UUID, _ payload: String, _ failure: JobFailure, _ scope: UseCaseScope) async throws -> Void)?

    /// Its dispatches may form groups whose progress the worker counts.
    var isGrouped: Bool { onGroupSuccess != nil || onGroupFailure != nil }

    public init(
        name: String, queue: String, maxAttempts: Int, backoff: JobBackoff, timeout: Duration?, priority: Int = 0,
        run: @escaping @Sendable (String, UseCaseScope) async throws -> String,
        onSuccess: (@Sendable (String, String, UseCaseScope) async throws -> Void)? = nil,
        onFailure: (@Sendable (String, JobFailure, UseCaseScope) async throws -> Void)? = nil,
        onGroupSuccess: (@Sendable (UUID, [String], [String], UseCaseScope) async throws -> Void)? = nil,
        onGroupFailure: (@Sendable (UUID, String, JobFailure, UseCaseScope) async throws -> Void)? = nil
    ) {
        self.name = name
        self.queue = queue
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.timeout = timeout
        self.priority = priority
        self.run = run
        self.onSuccess = onSuccess
        self.onFailure = onFailure
        self.onGroupSuccess = onGroupSuccess
        self.onGroupFailure = onGroupFailure
    }
}

/// Why a job ended up dead: what its failure callback receives.
public struct JobFailure: Sendable, Hashable, Codable {
    /// `error` (the job threw), `timeout`, or `not_found` (a `load` found no row).
    public var kind: String
    public var message: String
    public var attempts: Int

    public init(kind: String, message: String, attempts: Int) {
        self.kind = kind
        self.message = message
        self.attempts = attempts
    }
}

/// The JSON coding of payloads and results (Loom's conventions: camelCase, ISO-8601 instants).
public enum JobCoding {
    public static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try LoomJSON.encoder.encode(value), as: UTF8.self)
    }

    /// A payload or result a generated `init(from:)` refuses fails the job as the 422 it would answer a body with.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        do {
            return try LoomJSON.decoder.decode(type, from: Data(text.utf8))
        } catch let invalid as InvalidInput {
            throw LoomError(invalid)
        }
    }

    /// A duration in seconds (a dispatch's `delay`, a lease, a retention).
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A job's result when it has none.
public struct NoResult: Codable, Sendable, Hashable {
    public init() {}
}
