import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The store's jobs end to end, on the durable queue inside the server (SQLite and PostgreSQL) and on Redis (in front
/// of PostgreSQL): dispatched by the routes, run by the embedded worker or `store worker`, retried, dead-lettered and
/// re-queued, their callbacks run once, a job dispatched just before the server died still runs after it restarts,
/// and a worker killed in the middle of a job, or between a job and its callback, loses nothing and repeats nothing.
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

    static func store(_ arguments: [String], databaseURL: String, environment extra: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment.merge(extra) { _, new in new }
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

    @Test("dispatch, run, success callback once; summary in-process; the workflow", arguments: JobSetup.allCases)
    func success(setup: JobSetup) async throws {
        let server = try await ServerProcess.start(backend: setup.backend, environment: setup.environment())
        defer { server.stop() }
        do {
            let http = HTTPClient(baseURL: server.baseURL)
            #expect(try await http.post("/products", Self.product).status == 201)
            let accepted = try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#)
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect(accepted.object["queue"] as? String == "notifications")
            let id = try #require(accepted.object["jobId"] as? String)
            // One spelling of the id everywhere, lower case as RFC 9562 and the Python framework write it: Foundation's
            // own is upper case, and a client comparing the body's id with the Location's must find them equal.
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil, "\(id)")
            #expect(accepted.headers["location"] == "/loom/jobs/" + id)
            let done = try await Self.waitFor(id, in: ["succeeded"], http: http)
            #expect(done["id"] as? String == id)
            // The result and the payload as JSON values, not JSON inside strings.
            #expect(done["result"] as? Bool == true)
            #expect((done["payload"] as? [String: Any])?["productId"] as? Int == 1)
            #expect(((done["payload"] as? [String: Any])?["body"] as? [String: Any])?["recipientEmail"] as? String == "ops@example.com")
            #expect(done["priority"] as? Int == 10)  // the schema's `priority 10`
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

    @Test("failures retry with backoff, die, call back once; the dead letters are listed and re-queued from the command line", arguments: JobSetup.allCases)
    func failure(setup: JobSetup) async throws {
        let (databaseURL, cleanup) = try setup.backend.makeDatabase()
        let environment = setup.environment()
        let server = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup, environment: environment)
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)
        #expect(try await http.post("/products", #"{"sku":"S2","name":"Axe","category":"tools","priceCents":50}"#).status == 201)
        let failing = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com","forceFail":true}"#).object["jobId"] as? String)
        let sync = try await http.post("/products/jobs/sync-erp", #"{"productIds":[1,2],"forceFailIds":[1]}"#)
        #expect(sync.status == 202)
        #expect(sync.object["dispatched"] as? Int == 2)
        let syncIDs = try #require(sync.object["jobIds"] as? [String])
        #expect((sync.object["groupId"] as? String).map { $0 == $0.lowercased() } == true)
        #expect(syncIDs.allSatisfy { $0 == $0.lowercased() }, "a list of UUIDs in lower case too: \(syncIDs)")
        #expect(try await Self.waitFor(syncIDs[0], in: ["dead"], http: http)["lastError"] as? String == "the ERP sync of product 1 was told to fail (forceFailIds)")
        _ = try await Self.waitFor(syncIDs[1], in: ["succeeded"], http: http)
        // The group failed with product 1: its failure callback marked product 1, once; its success callback never ran.
        func category(_ id: Int) async throws -> String { try await http.get("/products/\(id)").object["category"] as? String ?? "" }
        try await Self.waitUntil { try await category(1).contains("-erp-failed") }
        #expect(try await category(2) == "tools")
        // A sync whose every job succeeds marks every product of it.
        let synced = try await http.post("/products/jobs/sync-erp", #"{"productIds":[2]}"#)
        _ = try await Self.waitFor(try #require((synced.object["jobIds"] as? [String])?.first), in: ["succeeded"], http: http)
        try await Self.waitUntil { try await category(2) == "tools-erp-synced" }

        // Three attempts (2 retries, exponential from 1 s), then the failure callback.
        let dead = try await Self.waitFor(failing, in: ["dead"], http: http)
        #expect(dead["attempts"] as? Int == 3)
        #expect(dead["lastError"] as? String == "the restock e-mail was told to fail (forceFail)")
        let created = try #require(instant(dead["createdAt"]))
        let ended = try #require(instant(dead["updatedAt"]))
        #expect(ended.timeIntervalSince(created) >= 3)  // waited 1 s, then 2 s
        try await Task.sleep(for: .milliseconds(200))
        let marked = try await category(1)
        #expect(marked.contains("-restock-failed") && marked.components(separatedBy: "-erp-failed").count == 2, "\(marked)")

        let listed = try Self.store(["jobs", "dead"], databaseURL: databaseURL, environment: environment)
        #expect(listed.status == 0)
        #expect(listed.output.contains(failing.lowercased()) || listed.output.contains(failing))
        let requeued = try Self.store(["jobs", "requeue", failing], databaseURL: databaseURL, environment: environment)
        #expect(requeued.status == 0, "\(requeued.output)")
        _ = try await Self.waitFor(failing, in: ["queued", "running", "failed"], http: http)
        #expect(try Self.store(["jobs", "requeue", UUID().uuidString], databaseURL: databaseURL, environment: environment).status != 0)
    }

    @Test("a job dispatched just before the server was killed runs after it restarts", arguments: JobSetup.allCases)
    func survivesACrash(setup: JobSetup) async throws {
        let (databaseURL, cleanup) = try setup.backend.makeDatabase()
        var environment = setup.environment()
        // No worker in the first server, and with Redis, a Redis it cannot reach: the dispatch waits in the outbox
        // when the process dies.
        var firstEnvironment = environment.merging(["JOBS_WORKER": "false"]) { _, new in new }
        if environment["REDIS_URL"] != nil { firstEnvironment["REDIS_URL"] = "redis://127.0.0.1:1/0" }
        let first = try await ServerProcess.start(databaseURL: databaseURL, cleanup: {}, environment: firstEnvironment)
        let before = HTTPClient(baseURL: first.baseURL)
        #expect(try await before.post("/products", Self.product).status == 201)
        let dispatched = try await before.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#)
        #expect(dispatched.status == 202, "\(dispatched.text)")
        let id = try #require(dispatched.object["jobId"] as? String)
        let seen = try await before.get("/loom/jobs/\(id)")
        #expect(environment["REDIS_URL"] == nil ? seen.object["state"] as? String == "queued" : seen.status == 503)
        first.kill()

        environment["LOG_LEVEL"] = "warning"
        let second = try await ServerProcess.start(databaseURL: databaseURL, cleanup: cleanup, environment: environment)
        defer { second.stop() }
        let after = HTTPClient(baseURL: second.baseURL)
        _ = try await Self.waitFor(id, in: ["succeeded"], http: after)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await after.get("/products/1").object["category"] as? String == "tools-restock-notified")
    }

    @Test("kill -9 of a worker in the middle of a job: another worker completes it, and its callback runs once", arguments: [JobSetup.postgres, .postgresRedis])
    func workerKilledMidJob(setup: JobSetup) async throws {
        let (databaseURL, cleanup) = try setup.backend.makeDatabase()
        let environment = setup.environment().merging(["JOBS_LEASE_SECONDS": "2"]) { _, new in new }
        let server = try await ServerProcess.start(
            databaseURL: databaseURL, cleanup: cleanup, environment: environment.merging(["JOBS_WORKER": "false"]) { _, new in new })
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)
        let id = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
        // A session that lets no one even read `products` for 4 s: the first worker takes the job and waits on the
        // product its `load` reads, in the middle of the job, when it is killed.
        let holder = try Self.psqlInBackground(databaseURL, #"BEGIN; LOCK TABLE "products" IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;"#)
        defer { holder.terminate() }
        try await Task.sleep(for: .milliseconds(300))
        let first = try WorkerProcess.start(databaseURL: databaseURL, environment: environment)
        _ = try await Self.waitFor(id, in: ["running"], http: http)
        try await Task.sleep(for: .milliseconds(300))
        first.kill()

        let second = try WorkerProcess.start(databaseURL: databaseURL, environment: environment)
        defer { second.stop() }
        let done = try await Self.waitFor(id, in: ["succeeded"], http: http, seconds: 30)
        #expect(done["attempts"] as? Int == 2)  // delivered again once the first worker's lease ran out
        _ = try await Self.waitFor(id, in: ["succeeded"], http: http)
        try await Self.waitUntil { try await http.get("/loom/jobs/\(id)").object["callback"] as? String == "done" }
        #expect(try await http.get("/products/1").object["category"] as? String == "tools-restock-notified")
    }

    @Test("kill -9 of a worker between a job and its callback: another worker runs the callback, once", arguments: [JobSetup.postgres, .postgresRedis])
    func workerKilledBeforeCallback(setup: JobSetup) async throws {
        let (databaseURL, cleanup) = try setup.backend.makeDatabase()
        let environment = setup.environment().merging(["JOBS_LEASE_SECONDS": "2"]) { _, new in new }
        let server = try await ServerProcess.start(
            databaseURL: databaseURL, cleanup: cleanup, environment: environment.merging(["JOBS_WORKER": "false"]) { _, new in new })
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)
        // The product's row locked for 4 s: the job (which only reads it) commits, and its callback (which writes it)
        // waits, when the worker is killed.
        let holder = try Self.psqlInBackground(databaseURL, #"BEGIN; SELECT 1 FROM "products" WHERE "id" = 1 FOR UPDATE; SELECT pg_sleep(4); COMMIT;"#)
        defer { holder.terminate() }
        try await Task.sleep(for: .milliseconds(300))
        let first = try WorkerProcess.start(databaseURL: databaseURL, environment: environment)
        let id = try #require(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"ops@example.com"}"#).object["jobId"] as? String)
        let finished = try await Self.waitFor(id, in: ["succeeded"], http: http)
        #expect(finished["callback"] as? String == "pending")
        try await Task.sleep(for: .milliseconds(300))
        first.kill()

        let second = try WorkerProcess.start(databaseURL: databaseURL, environment: environment)
        defer { second.stop() }
        try await Self.waitUntil(seconds: 30) { try await http.get("/loom/jobs/\(id)").object["callback"] as? String == "done" }
        #expect(try await http.get("/loom/jobs/\(id)").object["attempts"] as? Int == 1)  // the job itself never ran again
        #expect(try await http.get("/products/1").object["category"] as? String == "tools-restock-notified")
    }

    static func waitUntil(seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("condition not met within \(seconds) s")
    }

    static func psqlInBackground(_ databaseURL: String, _ script: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", databaseURL, "-q", "-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("`store worker --queues` runs only its queues, beside a server that runs none", arguments: JobSetup.allCases)
    func separateWorker(setup: JobSetup) async throws {
        let (databaseURL, cleanup) = try setup.backend.makeDatabase()
        let extra = setup.environment()
        let server = try await ServerProcess.start(
            databaseURL: databaseURL, cleanup: cleanup, environment: extra.merging(["JOBS_WORKER": "false"]) { _, new in new })
        defer { server.stop() }
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/products", Self.product).status == 201)

        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        worker.arguments = ["worker", "--queues", "notifications", "--concurrency", "2"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { _, new in new }
        worker.environment = environment
        let output = OutputBuffer(), pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        worker.standardOutput = pipe
        worker.standardError = pipe
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
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        // A clean start and stop logs no warning: once, the job table's statement went out before the pool ran
        // ("PostgresClient.run() hasn't been called yet").
        let lines = output.text.split(separator: "\n").filter { $0.contains(" warning ") || $0.contains(" error ") }
        #expect(lines.isEmpty, "\(lines)")
    }
}

/// Where a job test runs: the embedded queue on SQLite or PostgreSQL, or Redis in front of PostgreSQL (each test in a
/// Redis namespace of its own).
enum JobSetup: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres
    case postgresRedis

    var testDescription: String { rawValue }

    var backend: Backend { self == .sqlite ? .sqlite : .postgres }

    /// The server's and workers' environment for one test.
    func environment() -> [String: String] {
        guard self == .postgresRedis else { return [:] }
        let environment = ProcessInfo.processInfo.environment
        let host = environment["REDIS_HOSTNAME"] ?? "127.0.0.1"
        let port = environment["REDIS_PORT"] ?? "56379"
        return ["REDIS_URL": "redis://\(host):\(port)/0", "REDIS_NAMESPACE": "e2e-" + UUID().uuidString.prefix(8).lowercased()]
    }
}

/// `store worker`, started with a database and the setup's environment.
final class WorkerProcess: @unchecked Sendable {
    let process: Process

    static func start(databaseURL: String, environment extra: [String: String]) throws -> WorkerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.storeBinary)
        process.arguments = ["worker"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "error"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return WorkerProcess(process: process)
    }

    private init(process: Process) { self.process = process }

    /// SIGKILL: no graceful shutdown, as in a crash.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM: a graceful stop.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// `2026-11-30T06:19:03.806666Z`, as the server writes instants.
func instant(_ value: Any?) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return (value as? String).flatMap(formatter.date(from:))
}
