import Foundation
import Testing

/// What an operator's tools read from the real server: `/metrics` in Prometheus text (requests by route template,
/// the job counters) and `/ready` (503 while a dependency does not answer).
@Suite("Store operations end to end", .serialized)
struct StoreOperationsTests {
    @Test("/metrics counts requests by route template and the jobs; /ready says ready", arguments: Backend.allCases)
    func metricsAndReadiness(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/products", StoreJobTests.product).status == 201)
            #expect(try await http.get("/products/12345").status == 404)
            let id = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
            _ = try await StoreJobTests.waitFor(id, in: ["succeeded"], http: http)

            let ready = try await http.get("/ready")
            #expect(ready.status == 200)
            #expect(ready.object["database"] as? String == "ok")

            let metrics = try await http.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"hb_requests{http_route="/products/{productId}",http_request_method="GET",http_response_status_code="404"} 1"#))
            #expect(text.contains(#"hb_requests{http_route="/products",http_request_method="POST",http_response_status_code="201"} 1"#))
            #expect(!text.contains("12345"))  // a template, never the raw path: the label set stays bounded
            #expect(text.contains(#"loom_jobs_dispatched_total{job="SendRestockEmail",queue="notifications"} 1"#))
            #expect(text.contains(#"loom_jobs_succeeded_total{job="SendRestockEmail",queue="notifications"} 1"#))
            #expect(text.contains(#"loom_job_duration_seconds_count{job="SendRestockEmail",queue="notifications"} 1"#))
        }
    }

    @Test("/ready is a 503 in the envelope while Redis does not answer, and jobs wait in the outbox")
    func readinessWithoutRedis() async throws {
        let server = try await ServerProcess.start(backend: .postgres, environment: ["REDIS_URL": "redis://127.0.0.1:1/0"])
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        let ready = try await http.get("/ready")
        #expect(ready.status == 503)
        #expect(ready.detail["code"] as? String == "unavailable", "\(ready.text)")
        #expect(try await http.get("/health").status == 200)  // alive, though not ready
        // A writing use case still dispatches: into the outbox, relayed once Redis answers.
        #expect(try await http.post("/products", StoreJobTests.product).status == 201)
        #expect(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).status == 202)
    }
}
