import CoreMetrics
import Hummingbird
import LoomHTTP
import Prometheus
import Synchronization

/// The process's metrics, in Prometheus text at `GET /metrics`: swift-prometheus is bootstrapped as the swift-metrics
/// backend, so everything recorded through swift-metrics is there — Hummingbird's requests by route template, method
/// and status (`hb_requests`, the `http_server_request_duration` histogram, active requests) and the job counters and
/// timer (`loom_jobs_*_total`, `loom_job_duration_seconds`). Route templates, never raw paths, keep the label sets
/// bounded.
enum ServerMetrics {
    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry, bootstrapping the metrics system on first use (swift-metrics allows it once per process).
    static func registry() -> PrometheusCollectorRegistry {
        bootstrapped.withLock { registry in
            if let registry { return registry }
            let new = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: new))
            registry = new
            return new
        }
    }

    static func register<Context: LoomRequestContext>(on router: Router<Context>, registry: PrometheusCollectorRegistry) {
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
