import Foundation
import LoomRuntime
import Testing

/// Database refusals mapped to client errors by constraint name, and values longer than a column holds: on both
/// backends, a 4xx-kind `LoomError`, never an unmapped driver error (which the HTTP layer would turn into a 500).
@Suite("Constraint mapping", .serialized)
struct ConstraintMappingTests {
    @Test("a unique constraint is a conflict naming its fields", arguments: TestBackend.allCases)
    func unique(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            _ = try await gadgets.create(Gadget.Create(name: "Lamp", code: "L1"))
            await #expect(throws: LoomError.conflict(message: "a Gadget with this code already exists", fields: ["code"])) {
                try await gadgets.create(Gadget.Create(name: "Other", code: "L1"))
            }
        }
    }

    @Test("a named CHECK is a rule violation naming its field, not the model", arguments: TestBackend.allCases)
    func check(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            // The input does not check the weight: the table's CHECK refuses it.
            let refused = LoomError.ruleViolations([
                .init(field: "weight", message: "violates the check constraint gadgets_weight_range"),
            ])
            await #expect(throws: refused) {
                try await gadgets.create(Gadget.Create(name: "Lamp", code: "L1", weight: -1))
            }
            let created = try await gadgets.create(Gadget.Create(name: "Lamp", code: "L2", weight: 1))
            await #expect(throws: refused) {
                try await gadgets.update(created.id, with: Gadget.Update(weight: .value(-2)))
            }
            // Both engines report the CHECK by name.
            await #expect(throws: DatabaseError.self) {
                try await engine.query("UPDATE \"gadgets\" SET \"weight\" = -1", [])
            }
            do {
                _ = try await engine.query("UPDATE \"gadgets\" SET \"weight\" = -1", [])
            } catch DatabaseError.checkViolation(_, let constraint, _) {
                #expect(constraint == "gadgets_weight_range")
            }
        }
    }

    @Test("a name longer in code points than the column allows is refused before SQL", arguments: TestBackend.allCases)
    func decomposedName(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            // 20 graphemes, 40 code points: within the limit for String.count, over it for VARCHAR(20).
            let decomposed = String(repeating: "e\u{301}", count: 20)
            await #expect(throws: LoomError.ruleViolations([.init(field: "name", message: "must be at most 20 characters")])) {
                try await gadgets.create(Gadget.Create(name: decomposed, code: "D1"))
            }
            let flags = String(repeating: "🇫🇷", count: 11)  // 22 code points
            await #expect(throws: LoomError.ruleViolations([.init(field: "name", message: "must be at most 20 characters")])) {
                try await gadgets.update(1, with: Gadget.Update(name: .value(flags)))
            }
            // Exactly 20 code points fit, on both backends.
            let fitting = try await gadgets.create(Gadget.Create(name: String(repeating: "\u{e9}", count: 20), code: "D2"))
            #expect(fitting.name.unicodeScalars.count == 20)
            let tenFlags = try #require(try await gadgets.update(fitting.id, with: Gadget.Update(name: .value(String(flags.dropLast())))))
            #expect(tenFlags.name.unicodeScalars.count == 20)
        }
    }

    /// PostgreSQL refuses a string longer than `VARCHAR(n)` with SQLSTATE 22001, which was not mapped (a 500 over
    /// HTTP). `code`'s input has no length check, so the value reaches the database.
    @Test("a value too long for its column on PostgreSQL is a validation error naming the field")
    func stringDataRightTruncation() async throws {
        try await TestBackend.postgres.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            let tooLong = String(repeating: "e\u{301}", count: 6)  // 6 graphemes, 12 code points > VARCHAR(10)
            await #expect(throws: LoomError.validation([.init(field: "code", message: "must be at most 10 characters")])) {
                try await gadgets.create(Gadget.Create(name: "Lamp", code: tooLong))
            }
            // The engine maps the raw error too: class 22 is a data exception.
            do {
                let insert = #"INSERT INTO "gadgets" ("name", "code", "active", "created_at", "updated_at") "#
                    + "VALUES ($1, $2, TRUE, now(), now())"
                _ = try await engine.query(insert, [.string("x"), .string(tooLong)])
                Issue.record("expected a refusal")
            } catch DatabaseError.dataException(let state, _, _) {
                #expect(state == "22001")
            }
            // Other class-22 errors (an integer out of range for its type) are data exceptions as well.
            do {
                _ = try await engine.query("SELECT $1::int4", [.int(Int(Int32.max) + 1)])
                Issue.record("expected a refusal")
            } catch DatabaseError.dataException(let state, _, _) {
                #expect(state == "22003")
            }
        }
    }

    @Test("SQLite stores what PostgreSQL refuses only where the input does not check it")
    func sqliteKeepsLongCode() async throws {
        try await TestBackend.sqlite.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            let created = try await gadgets.create(Gadget.Create(name: "Lamp", code: String(repeating: "x", count: 11)))
            #expect(created.code.count == 11)
        }
    }
}
