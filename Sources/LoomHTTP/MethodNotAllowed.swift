import HTTPTypes
import Hummingbird

/// A path the schema serves, asked with a method it does not serve: a 405 `method_not_allowed` whose `Allow` header
/// lists the methods it does, instead of a 404 that would say the path does not exist. Generated route tables
/// register it for every path of the endpoint table.
public enum MethodNotAllowed {
    /// The methods a Loom schema can route, and the standard ones it never serves (`OPTIONS`, `TRACE`, and `QUERY`
    /// of the HTTP QUERY draft): on a served path each is a 405 naming what is served, not a 404 saying the path does
    /// not exist. `HEAD` is left to Hummingbird, which answers it from `GET`; other extension methods (`PROPFIND`)
    /// are a 404.
    static let answered: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!]

    public static func register<Context: LoomRequestContext>(
        on router: some RouterMethods<Context>, path: String, allowed: [HTTPRequest.Method]
    ) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in answered where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                throw HTTPError(
                    .methodNotAllowed, headers: [.allow: allow],
                    message: "\(request.method.rawValue) is not served at this path; it serves \(allow)"
                )
            }
        }
    }
}
