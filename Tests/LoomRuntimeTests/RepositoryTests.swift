import Foundation
import LoomRuntime
import Testing

/// The generic repository against both real backends: the same statements, the same results, the same errors.
@Suite("Repository", .serialized)
struct RepositoryTests {
    static func repository(_ engine: any DatabaseEngine) async throws -> Repository<Gadget> {
        try await engine.executeScript(Gadget.ddl(engine.dialect))
        return Repository<Gadget>(engine: engine)
    }

    @Test("create, get, find, count, list", arguments: TestBackend.allCases)
    func createAndRead(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.repository(engine)
            let seen = Timestamp.truncated(Date(timeIntervalSince1970: 1_700_000_000.123456))
            let first = try await gadgets.create(CreateGadget(name: "Lamp", code: "L1", weight: 1.5, seenAt: seen))
            #expect(first.id >= 1)
            #expect(first.name == "Lamp")
            #expect(first.weight == 1.5)
            #expect(first.active == true)
            #expect(first.seenAt == seen)
            #expect(first.createdAt == first.updatedAt)
            #expect(abs(first.createdAt.timeIntervalSinceNow) < 60)

            #expect(try await gadgets.get(first.id) == first)
            #expect(try await gadgets.get(first.id + 1000) == nil)
            #expect(try await gadgets.find(where: "code", equals: .string("L1")) == first)
            #expect(try await gadgets.exists(first.id))

            for index in 2...7 { _ = try await gadgets.create(CreateGadget(name: "G\(index)", code: "C\(index)", active: index % 2 == 0)) }
            #expect(try await gadgets.count() == 7)
            let page = try await gadgets.list(page: 2, limit: 3)
            #expect(page.items.map(\.code) == ["C4", "C5", "C6"])
            #expect(page.totalCount == 7)
            #expect(page.hasNext)
            let last = try await gadgets.list(page: 3, limit: 3)
            #expect(last.items.map(\.code) == ["C7"])
            #expect(!last.hasNext)
            let beyond = try await gadgets.list(page: 10, limit: 3)
            #expect(beyond.items.isEmpty && beyond.totalCount == 7 && !beyond.hasNext)
            #expect(try await gadgets.get(2)?.active == true)
            #expect(try await gadgets.get(3)?.active == false)
        }
    }

    /// What a use case's `load x = Gadget(code: …)`, `require` and `exists` by a field read.
    @Test("by a field: find, require (a 404 naming the field and the value), exists", arguments: TestBackend.allCases)
    func byField(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.repository(engine)
            let lamp = try await gadgets.create(CreateGadget(name: "Lamp", code: "L1"))
            _ = try await gadgets.create(CreateGadget(name: "Desk", code: "D1", active: false))
            #expect(try await gadgets.find(Gadget.Fields.code, "L1") == lamp)
            #expect(try await gadgets.find(Gadget.Fields.code, "Z9") == nil)
            #expect(try await gadgets.require(Gadget.Fields.code, "L1") == lamp)
            await #expect(throws: LoomError.notFoundBy(entity: "Gadget", field: "code", value: "Z9")) {
                try await gadgets.require(Gadget.Fields.code, "Z9")
            }
            #expect(try await gadgets.exists(Gadget.Fields.name, "Desk"))
            #expect(try await !gadgets.exists(Gadget.Fields.name, "Chair"))
        }
    }

    @Test("a patch writes only what it carries; null clears", arguments: TestBackend.allCases)
    func patch(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.repository(engine)
            let created = try await gadgets.create(CreateGadget(name: "Lamp", code: "L1", weight: 2))
            try await Task.sleep(for: .milliseconds(5))

            let renamed = try #require(try await gadgets.update(created.id, with: UpdateGadget(name: .value("Desk lamp"))))
            #expect(renamed.name == "Desk lamp")
            #expect(renamed.weight == 2)
            #expect(renamed.code == "L1")
            #expect(renamed.createdAt == created.createdAt)
            #expect(renamed.updatedAt > created.updatedAt)

            let cleared = try #require(try await gadgets.update(created.id, with: UpdateGadget(weight: .null)))
            #expect(cleared.weight == nil)
            #expect(cleared.name == "Desk lamp")

            let untouched = try #require(try await gadgets.update(created.id, with: UpdateGadget()))
            #expect(untouched == cleared)
            #expect(try await gadgets.update(created.id + 99, with: UpdateGadget(name: .value("x"))) == nil)

            #expect(try await gadgets.delete(created.id))
            #expect(try await !gadgets.delete(created.id))
            #expect(try await gadgets.get(created.id) == nil)
        }
    }

    @Test("constraint failures map to client errors", arguments: TestBackend.allCases)
    func constraintErrors(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.repository(engine)
            _ = try await gadgets.create(CreateGadget(name: "Lamp", code: "L1"))
            await #expect(throws: LoomError.conflict(message: "a Gadget with this code already exists", fields: ["code"])) {
                try await gadgets.create(CreateGadget(name: "Other", code: "L1"))
            }
            await #expect(throws: LoomError.ruleViolations([.init(field: "name", message: "must be at most 20 characters")])) {
                try await gadgets.create(CreateGadget(name: String(repeating: "x", count: 21), code: "L2"))
            }
            // The engines report the same constraint on both backends; PostgreSQL also names it (SQLite cannot).
            let other = try await gadgets.create(CreateGadget(name: "Other", code: "L3"))
            let name = backend != .sqlite ? "gadgets_code_key" : nil
            await #expect(throws: DatabaseError.uniqueViolation(table: "gadgets", constraint: name, columns: ["code"])) {
                try await engine.query("UPDATE \"gadgets\" SET \"code\" = 'L1' WHERE \"id\" = \(other.id)", [])
            }
        }
    }

    @Test("static statements are prepared once on PostgreSQL")
    func preparedOnPostgres() async throws {
        // One connection: under the load of other suites the pool could otherwise open a second session.
        try await TestBackend.withPostgresDatabase(maximumConnections: 1) { engine in
            let gadgets = try await Self.repository(engine)
            let created = try await gadgets.create(CreateGadget(name: "Lamp", code: "L1"))
            for _ in 0..<3 { _ = try await gadgets.get(created.id) }
            #expect(try await gadgets.count() == 1)
            // The session lists what it prepared.
            let names = try await engine.query("SELECT name FROM pg_prepared_statements ORDER BY name", []).map { try $0.decode(String.self, at: 0) }
            #expect(names.contains("loom.gadgets.selectByKey"), "\(names)")
            #expect(names.contains("loom.gadgets.insertAll"), "\(names)")
            #expect(names.contains("loom.gadgets.count"), "\(names)")
        }
    }

    @Test("values are bound, never spliced", arguments: TestBackend.allCases)
    func injection(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.repository(engine)
            let hostile = "x'); DROP TABLE gadgets; --"
            let created = try await gadgets.create(CreateGadget(name: String(hostile.prefix(20)), code: "Q1"))
            #expect(created.name == String(hostile.prefix(20)))
            #expect(try await gadgets.find(where: "name", equals: .string(String(hostile.prefix(20))))?.id == created.id)
            #expect(try await gadgets.count() == 1)
        }
    }
}
