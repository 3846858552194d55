import Foundation
import HTTPTypes
import LoomVocabulary

/// Reads the one error envelope, `{"detail":{…}}`, by the members `ErrorDetailMember` names.
struct ErrorEnvelope: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
        var traceId: String?
        var entity: String?
        /// A key is a JSON number when it is one (`"id":7`), else a string (`"id":"P-1"`).
        var id: String?
        var parameter: String?
        var fields: [String]?
        var violations: [LoomClientError.Violation]?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ member: ErrorDetailMember) { stringValue = member.rawValue }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            code = try container.decode(String.self, forKey: Key(.code))
            message = try container.decodeIfPresent(String.self, forKey: Key(.message)) ?? ""
            traceId = try container.decodeIfPresent(String.self, forKey: Key(.traceId))
            entity = try container.decodeIfPresent(String.self, forKey: Key(.entity))
            if let number = try? container.decodeIfPresent(Int.self, forKey: Key(.id)) {
                id = String(number)
            } else {
                id = try container.decodeIfPresent(String.self, forKey: Key(.id))
            }
            parameter = try container.decodeIfPresent(String.self, forKey: Key(.parameter))
            fields = try container.decodeIfPresent([String].self, forKey: Key(.fields))
            violations = try container.decodeIfPresent([LoomClientError.Violation].self, forKey: Key(.violations))
        }
    }

    var detail: Detail
}

extension LoomClientError {
    /// The error an answer of a status other than 2xx stands for.
    init(response: LoomRawResponse) {
        let status = response.status.code
        // The id the server logged the request under: the one it echoed, else the one sent.
        let echoedID = response.headerFields[HTTPField.Name(LoomRequestID.headerName)!] ?? response.requestID
        guard let detail = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body).detail else {
            // Not the envelope: a proxy's page, an empty body. Its first characters, or the status.
            let text = String(decoding: response.body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(
                reason: .other(status: status, code: nil), status: status, code: nil,
                message: text.isEmpty ? (response.status.reasonPhrase.isEmpty ? "HTTP \(status)" : response.status.reasonPhrase) : text,
                requestID: echoedID,
                headerFields: response.headerFields)
            return
        }
        let code = ErrorCode(rawValue: detail.code)
        let fields = detail.fields ?? []
        let reason: Reason
        switch code {
        case .badRequest: reason = .badRequest(parameter: detail.parameter)
        case .unauthenticated: reason = .unauthorized
        case .forbidden: reason = .forbidden(fields: fields)
        case .notFound: reason = .notFound(entity: detail.entity, id: detail.id)
        case .conflict: reason = .conflict(fields: fields)
        case .validationError: reason = .validation(detail.violations ?? [])
        case .ruleViolations: reason = .ruleViolations(detail.violations ?? [])
        case .unavailable: reason = .unavailable
        case .methodNotAllowed, .payloadTooLarge, .unsupportedMediaType, .clientError, .internalError, .notImplemented, nil:
            reason = .other(status: status, code: detail.code)
        }
        self.init(
            reason: reason, status: status, code: code, message: detail.message,
            requestID: detail.traceId ?? echoedID, fields: fields, headerFields: response.headerFields)
    }
}
