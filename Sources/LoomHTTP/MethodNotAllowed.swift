import HTTPTypes
import Hummingbird

/// A path the schema serves, asked with a method it does not serve: a 405 `method_not_allowed` whose `Allow` header
/// lists the methods it does, instead of a 404 that would say the path does not exist. Generated route tables
/// register it for every path of the endpoint table.
public enum MethodNotAllowed {
    /// The methods a Loom schema can route; the others never reach a route.
    static let routable: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    public static func register<Context: LoomRequestContext>(
        on router: some RouterMethods<Context>, path: String, allowed: [HTTPRequest.Method]
    ) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in routable where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                throw HTTPError(
                    .methodNotAllowed, headers: [.allow: allow],
                    message: "\(request.method.rawValue) is not served at this path; it serves \(allow)"
                )
            }
        }
    }
}
