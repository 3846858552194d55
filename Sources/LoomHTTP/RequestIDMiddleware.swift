import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id: the client's `x-request-id` when it sends one, else a fresh UUID (hex). The id is
/// echoed on the response, errors included, and logged with the request.
public struct RequestIDMiddleware<Context: LoomRequestContext>: RouterMiddleware {
    /// `x-request-id` (a generic type cannot store a static, so it lives in `RequestIDHeader`).
    public static var header: HTTPField.Name { RequestIDHeader.name }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let sent = request.headers[Self.header].flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
        context.requestID = sent ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[Self.header] = context.requestID
        return response
    }
}

/// The header name, parsed once per process.
enum RequestIDHeader {
    static let name = HTTPField.Name("x-request-id")!
}
