import HTTPTypes
import Hummingbird

/// A custom route whose use case has no generated implementation yet (use-case code generation is the next
/// milestone): it answers 501 with the error envelope naming the use case, instead of falling through to another
/// route (`GET /products/low-stock` would otherwise reach `GET /products/{productId}`).
public enum PendingRoute {
    public static func register<Context: LoomRequestContext>(
        on router: some RouterMethods<Context>, method: HTTPRequest.Method, path: String, useCase: String
    ) {
        router.on(RouterPath(path), method: method) { _, context -> Response in
            ErrorEnvelope(
                code: "not_implemented",
                message: "use case '\(useCase)' is declared in the schema but Loom does not generate use cases yet",
                traceID: context.requestID
            ).response(status: .notImplemented, encoder: context.jsonEncoder)
        }
    }
}
