import Foundation
@testable import LoomRuntime
import LoomRedis
import Synchronization
import Testing

/// Jobs dispatched as one group: one callback when all succeeded, one when any failed for good, each exactly once —
/// across concurrent workers, and when the worker that ended the group died before running it.
@Suite("Job groups")
struct JobGroupTests {
    /// `Part` fails for good when its payload is negative; its group callbacks write what they saw to `marks`.
    static func definitions() -> [JobDefinition] {
        [
            JobDefinition(
                name: "Part", queue: "parts", maxAttempts: 2, backoff: .fixed(seconds: 0), timeout: nil,
                run: { payload, scope in
                    guard let value = Int(payload), value >= 0 else { throw Boom() }
                    _ = try await scope.database.engine.query(#"UPDATE "counters" SET "n" = "n" + 1 WHERE "id" = 1"#, [])
                    return String(value * 10)
                },
                onGroupSuccess: { group, payloads, results, scope in
                    let what = "all " + payloads.joined(separator: ",") + " -> " + results.joined(separator: ",")
                    _ = try await scope.database.engine.query(#"INSERT INTO "marks" ("what") VALUES ('\#(what)')"#, [])
                },
                onGroupFailure: { group, payload, failure, scope in
                    _ = try await scope.database.engine.query(#"INSERT INTO "marks" ("what") VALUES ('any \#(payload) \#(failure.kind)')"#, [])
                }
            ),
        ]
    }

    struct Boom: Error {}

    struct Harness {
        let database: Database
        let store: any JobStore
        let relay: JobRelay?

        func worker(lease: Duration = .seconds(5)) -> JobWorker {
            JobWorker(database: database, definitions: JobGroupTests.definitions(), store: store, options: .init(lease: lease))
        }

        func dispatch(_ payloads: [Int]) async throws -> JobGroupHandle {
            try await JobQueue(database: database).dispatchGroup(
                job: "Part", queue: "parts", payloads: payloads.map(String.init), maxAttempts: 2, priority: 0, options: .init(),
                traceID: nil)
        }

        func drain(_ worker: JobWorker) async throws {
            try await relay?.relayOnce()
            try await worker.drain()
        }

        func marks() async throws -> [String] {
            try await database.engine.query(#"SELECT "what" FROM "marks""#, []).map { try $0.decode(String.self, at: 0) }
        }
    }

    static func withGroups(_ setup: JobTestSetup, _ body: (Harness) async throws -> Void) async throws {
        try await setup.withJobDatabase { database, store, relay in
            try await body(Harness(database: database, store: store, relay: relay))
        }
    }

    @Test("every member succeeded: the success callback once, with the payloads and results in dispatch order", arguments: JobTestSetup.allCases)
    func allSucceed(setup: JobTestSetup) async throws {
        try await Self.withGroups(setup) { harness in
            let handle = try await harness.dispatch([3, 1, 2])
            #expect(handle.jobIds.count == 3)
            let worker = harness.worker()
            try await harness.drain(worker)
            #expect(try await harness.marks() == ["all 3,1,2 -> 30,10,20"])
            let group = try #require(try await JobGroups(engine: harness.database.engine).group(handle.groupId))
            #expect(group.state == .succeeded && group.succeeded == 3 && group.callback == "done")
            try await worker.settleGroups()
            try await harness.drain(worker)
            #expect(try await harness.marks().count == 1)
            // Past its retention, an ended group is forgotten with its members; a running one is kept.
            let running = try await harness.dispatch([9])
            let groups = JobGroups(engine: harness.database.engine)
            #expect(try await groups.purge(endedBefore: Timestamp.now().addingTimeInterval(60)) == 1)
            #expect(try await groups.group(handle.groupId) == nil)
            #expect(try await groups.members(of: handle.groupId).isEmpty)
            #expect(try await groups.group(running.groupId) != nil)
        }
    }

    @Test("a member failed for good: the failure callback once, never the success one, whatever the others do", arguments: JobTestSetup.allCases)
    func anyFails(setup: JobTestSetup) async throws {
        try await Self.withGroups(setup) { harness in
            let handle = try await harness.dispatch([1, -1, 2, -2])
            let worker = harness.worker()
            try await harness.drain(worker)
            try await harness.drain(worker)  // the retries
            let marks = try await harness.marks()
            #expect(marks.count == 1, "\(marks)")
            #expect(marks.first == "any -1 error" || marks.first == "any -2 error", "\(marks)")
            let group = try #require(try await JobGroups(engine: harness.database.engine).group(handle.groupId))
            #expect(group.state == .failed && group.callback == "done")
            #expect(try await harness.database.engine.query(#"SELECT "n" FROM "counters""#, []).first?.decode(Int.self, at: 0) == 2)
        }
    }

    @Test("two workers finishing one group's members at once: the callback runs once", arguments: [JobTestSetup.postgres, .postgresRedis])
    func concurrentWorkers(setup: JobTestSetup) async throws {
        try await Self.withGroups(setup) { harness in
            for _ in 0..<3 {
                _ = try await harness.dispatch(Array(0..<24))
            }
            try await harness.relay?.relayOnce()
            let workers = (0..<3).map { _ in harness.worker() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in workers { group.addTask { try await worker.drain() } }
                try await group.waitForAll()
            }
            let marks = try await harness.marks()
            #expect(marks.count == 3, "\(marks)")
            #expect(Set(marks).count == 1)
        }
    }

    @Test("a group ended by a worker that died before its callback: housekeeping runs it once", arguments: JobTestSetup.allCases)
    func stalledCallback(setup: JobTestSetup) async throws {
        try await Self.withGroups(setup) { harness in
            let handle = try await harness.dispatch([5])
            // The member's success and the group's end commit, as a worker does, and then that worker dies.
            let groups = JobGroups(engine: harness.database.engine)
            #expect(try await groups.recordSuccess(of: handle.jobIds[0], result: "50", now: Timestamp.now()) == handle.groupId)
            #expect(try await harness.marks() == [])
            let recovering = [harness.worker(lease: .zero), harness.worker(lease: .zero)]
            try await Task.sleep(for: .milliseconds(20))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in recovering { group.addTask { try await worker.settleGroups() } }
                try await group.waitForAll()
            }
            #expect(try await harness.marks() == ["all 5 -> 50"])
        }
    }

    @Test("a member that died without its worker failing the group: housekeeping fails it and calls back once", arguments: JobTestSetup.allCases)
    func unnoticedDeath(setup: JobTestSetup) async throws {
        try await Self.withGroups(setup) { harness in
            let handle = try await harness.dispatch([7, 8])
            try await harness.relay?.relayOnce()
            // The member dies in the store, and its worker dies before it tells the group.
            let claimed = try #require(try await harness.store.claim(queues: ["parts"], lease: .seconds(5), now: Timestamp.now(), limit: 1).first)
            #expect(try await harness.store.fail(claimed, error: "worker killed", then: .dead, callbackPending: false, now: Timestamp.now()))
            try await Task.sleep(for: .milliseconds(20))
            let worker = harness.worker(lease: .zero)
            try await worker.settleGroups()
            try await worker.settleGroups()
            #expect(try await harness.marks() == ["any \(claimed.payload) error"])
            #expect(try await JobGroups(engine: harness.database.engine).group(handle.groupId)?.failedJob == claimed.id)
        }
    }
}
