import CoreMetrics
import Hummingbird
import LoomHTTP

/// The request metrics under the names the Python framework's dashboards read, next to Hummingbird's own:
/// `http_requests_total{method,path_template,status_code}` and `http_request_duration_seconds{method,path_template}`.
/// A path no route matched is `__unmatched__`, as there, so raw paths never become labels. Outside the error
/// middleware, it records the status the client gets.
struct FrameworkMetricsMiddleware<Context: LoomRequestContext>: RouterMiddleware {
    static var unmatched: String { "__unmatched__" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, template: Self.template(context), status: status, since: started)
            throw error
        }
        record(request, template: Self.template(context), status: response.status.code, since: started)
        return response
    }

    /// The matched route's template; Hummingbird names an unmatched one `NotFound`, never a path.
    static func template(_ context: Context) -> String {
        guard let path = context.endpointPath, path.hasPrefix("/") else { return unmatched }
        return path
    }

    private func record(_ request: Request, template: String, status: Int, since started: ContinuousClock.Instant) {
        let method = request.method.rawValue
        Counter(label: "http_requests_total", dimensions: [("method", method), ("path_template", template), ("status_code", String(status))])
            .increment()
        let elapsed = ContinuousClock.now - started
        Timer(label: "http_request_duration_seconds", dimensions: [("method", method), ("path_template", template)])
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
