import Hummingbird
import HTTPTypes
import Logging
import LoomRuntime
import LoomVocabulary

/// Turns every thrown error into the JSON envelope: client errors keep their status, Hummingbird's own (unknown
/// route, body too large) get a code, and anything else is a logged 500 that reveals nothing internal.
public struct ErrorMiddleware<Context: LoomRequestContext>: RouterMiddleware {
    /// The realm a 401's `WWW-Authenticate` challenge names (the schema's name).
    public let realm: String

    public init(realm: String = "loom") {
        self.realm = realm
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LoomError {
            return response(for: error, context: context)
        } catch let invalid as InvalidInput {
            // A generated command decoded outside `RequestBody` (by a handler of the user's): the same 422.
            return response(for: LoomError(invalid), context: context)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let message = (error as? HTTPError)?.body ?? status.reasonPhrase
            var response = ErrorEnvelope(code: Self.code(for: status), message: message, traceID: context.requestID)
                .response(status: status, encoder: context.jsonEncoder)
            // A 405's `Allow`, for one, travels in the error's headers.
            if let headers = (error as? HTTPError)?.headers {
                for field in headers where field.name != .contentType && field.name != .contentLength {
                    response.headers.append(field)
                }
            }
            return response
        } catch {
            // `describing`, not `reflecting`: a driver's debug description can carry row data from the server's detail.
            context.logger.error("unhandled error \(type(of: error)): \(String(describing: error))", metadata: ["path": .string(request.uri.path)])
            return ErrorEnvelope(code: ErrorCode.internalError.rawValue, message: "an unexpected error occurred", traceID: context.requestID)
                .response(status: .internalServerError, encoder: context.jsonEncoder)
        }
    }

    private func response(for error: LoomError, context: Context) -> Response {
        var response = ErrorEnvelope(error, traceID: context.requestID)
            .response(status: ErrorEnvelope.status(of: error), encoder: context.jsonEncoder)
        if case .unauthenticated(_, let reason) = error {
            // RFC 6750 §3: the scheme and realm, and for a credential that was sent, why it was refused.
            response.headers[.wwwAuthenticate] = "Bearer realm=\"\(realm)\"" + (reason.map { ", error=\"\($0)\"" } ?? "")
        }
        return response
    }

    static func code(for status: HTTPResponse.Status) -> String {
        ErrorCode(status: status.code).rawValue
    }
}
