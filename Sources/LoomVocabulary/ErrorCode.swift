/// `detail.code` of the one error envelope, `{"detail":{"code":…,"message":…,"traceId":…}}`, with the status each is
/// sent with. The runtime picks the code, the document lists every one, a client decodes it into a typed error.
public enum ErrorCode: String, Sendable, Hashable, CaseIterable {
    case badRequest = "bad_request"
    case unauthenticated
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case conflict
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case validationError = "validation_error"
    case ruleViolations = "rule_violations"
    /// Another 4xx the HTTP layer refuses a request with (none of a documented route's answers).
    case clientError = "client_error"
    case internalError = "internal_error"
    case notImplemented = "not_implemented"
    case unavailable

    /// The status the code is sent with; nil for `client_error`, which keeps the HTTP layer's.
    public var status: Int? {
        switch self {
        case .badRequest: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .validationError, .ruleViolations: 422
        case .clientError: nil
        case .internalError: 500
        case .notImplemented: 501
        case .unavailable: 503
        }
    }

    /// The code of an error the HTTP layer raised with only a status (an unknown route, a body too large).
    public init(status: Int) {
        switch status {
        case 400: self = .badRequest
        case 401: self = .unauthenticated
        case 403: self = .forbidden
        case 404: self = .notFound
        case 405: self = .methodNotAllowed
        case 409: self = .conflict
        case 413: self = .payloadTooLarge
        case 415: self = .unsupportedMediaType
        case 422: self = .validationError
        case 400..<500: self = .clientError
        case 501: self = .notImplemented
        case 503: self = .unavailable
        default: self = .internalError
        }
    }

    /// Codes only a schema with `auth` sends.
    public var needsAuth: Bool { self == .unauthenticated || self == .forbidden }
}

/// The members of the envelope's `detail`.
public enum ErrorDetailMember: String, Sendable, Hashable, CaseIterable {
    case code, message, traceId
    /// `not_found`: the entity and the key looked up.
    case entity, id
    /// `bad_request`: the parameter at fault.
    case parameter
    /// `conflict`, `forbidden`: the fields at fault.
    case fields
    /// `validation_error`, `rule_violations`: each broken constraint or rule.
    case violations
}
