@testable import LoomTesting
import Testing

/// Which statements a forced failure recognises: the shapes the runtime writes, and nothing else.
@Suite("Forced failures: a statement's verb and table")
struct StatementTargetTests {
    @Test(arguments: [
        (#"INSERT INTO "products" ("sku") VALUES (?1) RETURNING "id""#, StatementVerb.insert, "products"),
        (#"UPDATE "orders" SET "status" = ?1 WHERE "id" = ?2"#, .update, "orders"),
        (#"DELETE FROM "users" WHERE "id" = ?1"#, .delete, "users"),
        (#"SELECT "id", "name" FROM "products" WHERE "id" IN (SELECT "id" FROM "orders")"#, .select, "products"),
        (#"SELECT 1 FROM "addresses" WHERE "id" = ?1"#, .select, "addresses"),
    ])
    func recognised(sql: String, verb: StatementVerb, table: String) {
        let target = ForcedFailures.target(of: sql)
        #expect(target?.verb == verb && target?.table == table)
    }

    @Test(arguments: [
        #"CREATE TABLE IF NOT EXISTS "products" ("id" INTEGER)"#,
        #"SELECT "name" FROM pragma_table_info('loom_jobs')"#,
        "SELECT 1",
    ])
    func ignored(sql: String) {
        #expect(ForcedFailures.target(of: sql) == nil)
    }

    @Test("a rule is used up after its times, and only its verb and table meet it")
    func usedUp() throws {
        let failures = ForcedFailures()
        failures.failNext(.insert, table: "orders", times: 2)
        #expect(throws: Never.self) { try failures.check(verb: .select, table: "orders") }
        #expect(throws: Never.self) { try failures.check(verb: .insert, table: "users") }
        #expect(throws: (any Error).self) { try failures.check(verb: .insert, table: "orders") }
        #expect(throws: (any Error).self) { try failures.check(verb: .insert, table: "orders") }
        #expect(throws: Never.self) { try failures.check(verb: .insert, table: "orders") }
        #expect(failures.count == 2)
    }
}
