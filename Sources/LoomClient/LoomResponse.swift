import Foundation
import HTTPTypes

/// The server's answer to one request, after retries, its body read whole: what the typed calls decode.
public struct LoomRawResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headerFields: HTTPFields
    public var body: Data
    /// The `x-request-id` the request was sent with.
    public var requestID: String
    /// How many times it was sent.
    public var attempts: Int

    public init(status: HTTPResponse.Status, headerFields: HTTPFields, body: Data, requestID: String, attempts: Int) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
        self.requestID = requestID
        self.attempts = attempts
    }

    public var isSuccess: Bool { status.kind == .successful }
}

/// A decoded answer with its status and headers: a 201's `Location` (where the created row is read), a 202's
/// (the job's status route).
public struct LoomResponse<Answer> {
    public var answer: Answer
    public var status: HTTPResponse.Status
    public var headerFields: HTTPFields
    public var requestID: String

    public init(answer: Answer, status: HTTPResponse.Status, headerFields: HTTPFields, requestID: String) {
        self.answer = answer
        self.status = status
        self.headerFields = headerFields
        self.requestID = requestID
    }

    /// `Location`, as the server wrote it (`/products/7`, `/loom/jobs/…`).
    public var location: String? { headerFields[.location] }
}

extension LoomResponse: Sendable where Answer: Sendable {}
