import Foundation
import HTTPTypes
import LoomVocabulary

/// The server answered with an error status. Every Loom error has one body,
/// `{"detail":{"code":…,"message":…,"traceId":…, …}}`; `reason` is its code with the members that code carries,
/// and the message and request id are here whatever the reason. A body that is not that envelope (a proxy's HTML
/// 502) is still one of these, `.other(status:code: nil)`, with the status and the request id sent.
public struct LoomClientError: Error, Sendable, Hashable {
    /// What went wrong, by `detail.code`.
    public enum Reason: Sendable, Hashable {
        /// 400 `bad_request`: a malformed path or query parameter, named when the server knows which.
        case badRequest(parameter: String?)
        /// 401 `unauthenticated`: no bearer token where one is needed, or one that proves nothing.
        case unauthorized
        /// 403 `forbidden`: not allowed for this caller; `fields` names a field it may not write.
        case forbidden(fields: [String])
        /// 404 `not_found`: the row (`entity`) by its key, or by the field `LoomClientError.fields` names; both nil
        /// for a path that is no route.
        case notFound(entity: String?, id: String?)
        /// 409 `conflict`: a unique value already taken, or a row still referenced.
        case conflict(fields: [String])
        /// 422 `validation_error`: the body does not fit its type (malformed JSON, a missing or mistyped field).
        case validation([Violation])
        /// 422 `rule_violations`: a well-formed body that breaks the schema's rules, every one listed.
        case ruleViolations([Violation])
        /// 503 `unavailable`: the database did not answer in time; the request may be sent again later.
        case unavailable
        /// Any other status or code (405, 413, 415, 500, 501, a 4xx of the HTTP layer, a body that is not the
        /// envelope): the status, and `detail.code` when there was one.
        case other(status: Int, code: String?)
    }

    /// One broken constraint or rule of a 422.
    public struct Violation: Sendable, Hashable, Codable, CustomStringConvertible {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { field + ": " + message }
    }

    public var reason: Reason
    public var status: Int
    /// `detail.code`, when the body was the envelope and the code one this client knows.
    public var code: ErrorCode?
    /// `detail.message`; for a body that is not the envelope, its first characters (or `HTTP 502` when empty).
    public var message: String
    /// `detail.traceId`, the id the server logged the request under; else the `x-request-id` that was sent.
    public var requestID: String
    /// `detail.fields`: of a `conflict` or `forbidden`, and of a `not_found` by another field than the key (`sku`).
    public var fields: [String]
    /// The answer's header fields (`Retry-After`, `WWW-Authenticate`, `Allow`).
    public var headerFields: HTTPFields

    public init(
        reason: Reason, status: Int, code: ErrorCode?, message: String, requestID: String, fields: [String] = [],
        headerFields: HTTPFields = [:]
    ) {
        self.reason = reason
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.fields = fields
        self.headerFields = headerFields
    }

    /// The violations of a 422, else none.
    public var violations: [Violation] {
        switch reason {
        case .validation(let violations), .ruleViolations(let violations): violations
        default: []
        }
    }
}

extension LoomClientError: CustomStringConvertible, LocalizedError {
    public var description: String {
        "\(status) \(code?.rawValue ?? "error"): \(message) (request \(requestID))"
    }

    public var errorDescription: String? { description }
}
