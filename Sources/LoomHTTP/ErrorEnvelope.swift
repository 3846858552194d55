import Foundation
import HTTPTypes
import Hummingbird
import LoomRuntime

/// The one JSON shape of every error: `{"detail":{"code":…,"message":…,"traceId":…, …}}`.
struct ErrorEnvelope: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        var traceId: String
        var entity: String?
        var id: JSONScalar?
        var parameter: String?
        var fields: [String]?
        var violations: [LoomError.Violation]?
    }

    var detail: Detail

    /// An id is a number in JSON when it is one.
    enum JSONScalar: Encodable {
        case int(Int)
        case string(String)

        init(_ text: String) {
            self = Int(text).map(JSONScalar.int) ?? .string(text)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    static func status(of error: LoomError) -> HTTPResponse.Status {
        // Every code a `LoomError` takes has its one status.
        HTTPResponse.Status(code: error.errorCode.status ?? 500)
    }

    init(_ error: LoomError, traceID: String) {
        detail = Detail(code: error.code, message: error.message, traceId: traceID)
        switch error {
        case .notFound(let entity, let id):
            detail.entity = entity
            detail.id = JSONScalar(id)
        case .notFoundBy(let entity, let field, let value):
            // The value looked up stands where a key would, and `fields` says which field it was.
            detail.entity = entity
            detail.id = JSONScalar(value)
            detail.fields = [field]
        case .conflict(_, let fields):
            detail.fields = fields
        case .validation(let violations), .ruleViolations(let violations):
            detail.violations = violations
        case .badRequest(_, let parameter):
            detail.parameter = parameter
        case .forbidden(_, let field):
            detail.fields = field.map { [$0] }
        case .unavailable, .notImplemented, .unauthenticated:
            break
        }
    }

    init(code: String, message: String, traceID: String) {
        detail = Detail(code: code, message: message, traceId: traceID)
    }

    func response(status: HTTPResponse.Status, encoder: JSONEncoder) -> Response {
        let body = (try? encoder.encode(self)) ?? Data(#"{"detail":{"code":"internal_error"}}"#.utf8)
        return JSONResponse.response(body, status: status)
    }
}
