import Foundation
import Testing

/// The store's jobs end to end, on the durable queue inside the server (SQLite and PostgreSQL): dispatched by the
/// routes, run by the embedded worker, retried, dead-lettered and re-queued, their callbacks run once, and a job
/// dispatched just before the server died still runs after it restarts.
@Suite("Store jobs end to end", .serialized)
struct StoreJobTests {
    static let product = #"{"sku":"S1","name":"Saw","category":"tools","priceCents":100,"stock":0}"#

    /// Polls `GET /loom/jobs/{id}` until the job is in one of `states`.
    static func waitFor(_ id: String, in states: Set<String>, http: HTTPClient, seconds: Double = 20) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await http.get("/loom/jobs/\(id)").object
            if let state = last["state"] as? String, states.contains(state) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("job \(id) never reached \(states); last seen: \(last)")
    }

    static func store(_ arguments: [String], databaseURL: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        process.environment = environment
        // Read as it comes, not to end of file: a server another test starts at the same moment can inherit the
        // pipe's write end, and then the end of file would wait for that server.
        let pipe = Pipe()
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)  // the last chunk reaches the handler
        pipe.fileHandleForReading.readabilityHandler = nil
        return (process.terminationStatus, output.text)
    }

    @Test("dispatch, run, success callback once; summary in-process; the workflow", arguments: Backend.allCases)
    func success(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/products", Self.product).status == 201)
            let accepted = try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#)
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect(accepted.object["queue"] as? String == "notifications")
            let id = try #require(accepted.object["jobId"] as? String)
            let done = try await Self.waitFor(id, in: ["succeeded"], http: http)
            #expect(done["result"] as? String == "true")
            #expect(done["attempts"] as? Int == 1)
            // The callback ran in its own transaction, once: a second e-mail does not mark twice.
            let second = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
            _ = try await Self.waitFor(second, in: ["succeeded"], http: http)
            _ = try await Self.waitFor(second, in: ["succeeded"], http: http)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await http.get("/products/1").object["category"] as? String == "tools-restock-notified")

            let summary = try await http.get("/products/1/jobs/summary")
            #expect(summary.status == 200)
            #expect(summary.object["summary"] as? String == "Product S1 (Saw) in category tools-restock-notified costs 100 cents and is out of stock.")
            let workflow = try await http.post("/products/1/workflows/restock", #"{"recipientEmail":"ops@example.com"}"#)
            #expect(workflow.status == 202)
            #expect((workflow.object["summary"] as? String)?.hasPrefix("Product S1 (Saw)") == true)
            #expect(workflow.object["queue"] as? String == "notifications")
            _ = try await Self.waitFor(try #require(workflow.object["restockJobId"] as? String), in: ["succeeded"], http: http)
            #expect(try await http.get("/loom/jobs/00000000-0000-0000-0000-000000000000").status == 404)
            #expect(try await http.get("/loom/jobs/nope").status == 400)
        }
    }

    @Test("failures retry with backoff, die, call back once; the dead letters are listed and re-queued from the command line", arguments: Backend.allCases)
    func failure(backend: Backend) async throws {
        let (databaseURL, cleanup) = try backend.makeDatabase()
        let server = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup)
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)
        #expect(try await http.post("/products", #"{"sku":"S2","name":"Axe","category":"tools","priceCents":50}"#).status == 201)
        let failing = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com","forceFail":true}"#).object["jobId"] as? String)
        let sync = try await http.post("/products/jobs/sync-erp", #"{"productIds":[1,2],"forceFailIds":[1]}"#)
        #expect(sync.status == 202)
        #expect(sync.object["dispatched"] as? Int == 2)
        let syncIDs = try #require(sync.object["jobIds"] as? [String])
        #expect(try await Self.waitFor(syncIDs[0], in: ["dead"], http: http)["lastError"] as? String == "the ERP sync of product 1 was told to fail (forceFailIds)")
        _ = try await Self.waitFor(syncIDs[1], in: ["succeeded"], http: http)

        // Three attempts (2 retries, exponential from 1 s), then the failure callback.
        let dead = try await Self.waitFor(failing, in: ["dead"], http: http)
        #expect(dead["attempts"] as? Int == 3)
        #expect(dead["lastError"] as? String == "the restock e-mail was told to fail (forceFail)")
        let created = try #require(instant(dead["createdAt"]))
        let ended = try #require(instant(dead["updatedAt"]))
        #expect(ended.timeIntervalSince(created) >= 3)  // waited 1 s, then 2 s
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await http.get("/products/1").object["category"] as? String == "tools-restock-failed")

        let listed = try Self.store(["jobs", "dead"], databaseURL: databaseURL)
        #expect(listed.status == 0)
        #expect(listed.output.contains(failing.lowercased()) || listed.output.contains(failing))
        let requeued = try Self.store(["jobs", "requeue", failing], databaseURL: databaseURL)
        #expect(requeued.status == 0, "\(requeued.output)")
        _ = try await Self.waitFor(failing, in: ["queued", "running", "failed"], http: http)
        #expect(try Self.store(["jobs", "requeue", UUID().uuidString], databaseURL: databaseURL).status != 0)
    }

    @Test("a job dispatched just before the server was killed runs after it restarts", arguments: Backend.allCases)
    func survivesACrash(backend: Backend) async throws {
        let (databaseURL, cleanup) = try backend.makeDatabase()
        // No worker in the first server: the job waits in the queue when the process dies.
        let first = try await ServerProcess.start(databaseURL: databaseURL, cleanup: {}, environment: ["LOOM_WORKER": "0"])
        let before = HTTPClient(baseURL: first.baseURL)
        #expect(try await before.post("/products", Self.product).status == 201)
        let id = try #require(try await before.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
        #expect(try await before.get("/loom/jobs/\(id)").object["state"] as? String == "queued")
        first.kill()

        let second = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup)
        defer { second.stop() }
        let after = HTTPClient(baseURL: second.baseURL)
        _ = try await Self.waitFor(id, in: ["succeeded"], http: after)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await after.get("/products/1").object["category"] as? String == "tools-restock-notified")
    }

    @Test("`store worker --queues` runs only its queues, beside a server that runs none", arguments: Backend.allCases)
    func separateWorker(backend: Backend) async throws {
        let (databaseURL, cleanup) = try backend.makeDatabase()
        let server = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup, environment: ["LOOM_WORKER": "0"])
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)

        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        worker.arguments = ["worker", "--queues", "notifications", "--concurrency", "2"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "warning"
        worker.environment = environment
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer { if worker.isRunning { worker.terminate(); worker.waitUntilExit() } }

        let email = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
        let sync = try #require((try await http.post("/products/jobs/sync-erp", #"{"productIds":[1]}"#).object["jobIds"] as? [String])?.first)
        _ = try await Self.waitFor(email, in: ["succeeded"], http: http)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await http.get("/loom/jobs/\(sync)").object["state"] as? String == "queued")  // `erp` is not its queue
        // SIGTERM: a graceful stop.
        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
    }
}

/// `2026-11-30T06:19:03.806666Z`, as the server writes instants.
func instant(_ value: Any?) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return (value as? String).flatMap(formatter.date(from:))
}
