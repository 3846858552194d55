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
        context.requestID = sent ?? RequestIDHeader.fresh()
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[Self.header] = context.requestID
        return response
    }
}

/// The header name, parsed once per process.
enum RequestIDHeader {
    static let name = HTTPField.Name("x-request-id")!

    /// 128 random bits as 32 lowercase hex digits, written directly: a UUID's string with its dashes removed went
    /// through Foundation's string search, 3 % of a small request (docs/benchmarks.md).
    static func fresh() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            for half in 0..<2 {
                let bits = generator.next()
                for index in 0..<16 { buffer[half * 16 + index] = digits[Int((bits >> (60 - 4 * UInt64(index))) & 0xf)] }
            }
            return 32
        }
    }
}
