import Foundation
@testable import LoomCompiler
import Testing

/// The snapshot as the compiler's one relational model: constraint names for the runtime, what it records, and that
/// an unresolvable reference traps instead of vanishing from the DDL.
@Suite("Schema snapshot")
struct SchemaSnapshotTests {
    static let text = MigrationDiffTests.base
        .replacingOccurrences(of: "@default(0)", with: "@default(0)  @range(0, 100)")
        .replacingOccurrences(of: "  title  String(100)\n}", with: "  title  String(100)  @notBlank\n  @@unique([user, title])\n}")

    @Test func constraintNames() throws {
        let schema = try MigrationDiffTests.compile(Self.text)
        let snapshot = SchemaSnapshot(schema)
        #expect(snapshot.constraintNames(of: try #require(schema.model(named: "User"))) == [
            TableConstraintName(name: "users_email_key", kind: .unique, fields: ["email"]),
            TableConstraintName(name: "users_score_range", kind: .check, fields: ["score"]),
        ])
        // Field names, not columns: the foreign key `user_id` is the field `userId`.
        #expect(snapshot.constraintNames(of: try #require(schema.model(named: "Post"))) == [
            TableConstraintName(name: "posts_user_id_title_key", kind: .unique, fields: ["userId", "title"]),
            TableConstraintName(name: "posts_title_not_blank", kind: .check, fields: ["title"]),
        ])
        // The names are the DDL's.
        let ddl = snapshot.createStatements(for: .postgres, ifNotExists: true).joined(separator: "\n")
        for name in ["users_email_key", "users_score_range", "posts_user_id_title_key", "posts_title_not_blank"] {
            #expect(ddl.contains("CONSTRAINT \"\(name)\" "))
        }
    }

    /// `snapshot.json` records what the database sees: the field names stay out, and do not make snapshots differ.
    @Test func fieldsAreNotRecorded() throws {
        let snapshot = SchemaSnapshot(try MigrationDiffTests.compile(Self.text))
        let data = try JSONEncoder().encode(snapshot)
        #expect(!String(decoding: data, as: UTF8.self).contains("userId"))
        let decoded = try JSONDecoder().decode(SchemaSnapshot.self, from: data)
        #expect(decoded == snapshot)
        #expect(MigrationDiff.plan(from: decoded, to: snapshot).isEmpty)
    }

    /// Tables by name, parents first, whatever the declaration order.
    @Test func creationOrder() throws {
        let reversed = "model Zed {\n  id Int @id\n  post Post\n}\n\n" + MigrationDiffTests.base
        let statements = SchemaSnapshot(try MigrationDiffTests.compile(reversed)).createStatements(for: .sqlite, ifNotExists: false)
        #expect(statements.map { $0.split(separator: "\"")[1] } == ["users", "posts", "posts_user_id_idx", "zeds", "zeds_post_id_idx"])
    }

    @Test func lookupIsBinaryWhenSortedAndScansOtherwise() {
        let tables = ["c", "a", "b"].map { TableSnapshot(name: $0, columns: []) }
        #expect(SchemaSnapshot(tables: tables).table(named: "b")?.name == "b")
        var unsorted = SchemaSnapshot(tables: [])
        unsorted.tables = tables
        #expect(unsorted.table(named: "a")?.name == "a" && unsorted.table(named: "x") == nil)
    }

    // No exit test for the trap on a dangling reference: Swift Testing's exit-test monitor reaps every child of the
    // test process (`waitid(P_ALL)`), and the end-to-end tests in the same bundle then wait forever in
    // `Process.waitUntilExit()` for a server or command it reaped first.
}
