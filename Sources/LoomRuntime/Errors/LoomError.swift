import LoomValues
import LoomVocabulary

/// Every error a client can cause. Each maps to one HTTP status and one JSON envelope
/// (`{"detail":{"code":…,"message":…,"traceId":…}}`), so nothing a client sends becomes a 500.
public enum LoomError: Error, Sendable, Equatable {
    /// 404: `User with id=7 not found`.
    case notFound(entity: String, id: String)
    /// 404 for a row looked up by another field than its key: `Product with sku=P-1 not found`.
    case notFoundBy(entity: String, field: String, value: String)
    /// 409: a unique value already used, or a row still referenced.
    case conflict(message: String, fields: [String])
    /// 422 `validation_error`: a body of the wrong shape (malformed JSON, a missing, unknown, mistyped or null field).
    case validation([Violation])
    /// 422 `rule_violations`: a well-formed input whose values break the schema's rules — constraint attributes
    /// (`@notBlank`, `@pattern`, `@range`, enum membership), `unique`, `rule` and `check` — every one listed.
    case ruleViolations([Violation])
    /// 400: a malformed query or path parameter.
    case badRequest(message: String, parameter: String?)
    /// 503: the database could not answer in time (a statement over its timeout); the request may be retried.
    case unavailable(message: String)
    /// 501: the schema declares something this server does not run yet (a job before the jobs runtime exists).
    case notImplemented(message: String)
    /// 401 `unauthenticated`: no credential where one is needed, or one that does not prove anything (a bad token is
    /// never taken as no token). `reason` is RFC 6750's error code for the `WWW-Authenticate` challenge
    /// (`invalid_token`), nil when no credential was sent.
    case unauthenticated(message: String, reason: String?)
    /// 403 `forbidden`: the caller may read the row but not do this to it; `field` names a field it may not write.
    case forbidden(message: String, field: String?)

    /// One field and what is wrong with it (LoomValues, where a generated `init(from:)` makes them).
    public typealias Violation = LoomValues.Violation

    /// The 401 of a request with no credential for something no rule allows an anonymous caller.
    public static let credentialRequired = LoomError.unauthenticated(message: "this request needs a bearer token", reason: nil)

    /// `detail.code`, and through it the status (`ErrorCode.status`).
    public var errorCode: ErrorCode {
        switch self {
        case .notFound, .notFoundBy: .notFound
        case .conflict: .conflict
        case .validation: .validationError
        case .ruleViolations: .ruleViolations
        case .badRequest: .badRequest
        case .unavailable: .unavailable
        case .notImplemented: .notImplemented
        case .unauthenticated: .unauthenticated
        case .forbidden: .forbidden
        }
    }

    public var code: String { errorCode.rawValue }

    public var message: String {
        switch self {
        case .notFound(let entity, let id): "\(entity) with id=\(id) not found"
        case .notFoundBy(let entity, let field, let value): "\(entity) with \(field)=\(value) not found"
        case .conflict(let message, _): message
        case .validation(let violations), .ruleViolations(let violations):
            violations.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .badRequest(let message, _): message
        case .unavailable(let message): message
        case .notImplemented(let message): message
        case .unauthenticated(let message, _): message
        case .forbidden(let message, _): message
        }
    }
}

extension LoomError {
    /// The 422 of a body or payload a generated `init(from:)` refused (`Violations.failure`): the shape's problems
    /// (`validation_error`), or when the shape is right, the rules its values broke while decoding (`rule_violations`).
    public init(_ invalid: InvalidInput) {
        self = invalid.shape.isEmpty ? .ruleViolations(invalid.rules) : .validation(invalid.shape)
    }
}
