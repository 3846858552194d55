import Foundation
@testable import LoomCompiler
import Testing

/// Migrations: snapshots from the IR, diffs between snapshots with the exact SQL of each dialect, scripts, checksums.
@Suite("Migration diff")
struct MigrationDiffTests {
    static let base = """
        model User {
          id     Int          @id @autoincrement
          name   String(40)
          email  String(255)  @unique
          age    Int?
          score  Int          @default(0)
        }

        model Post {
          id     Int          @id @autoincrement
          user   User         @onDelete(cascade)
          title  String(100)
        }

        """

    static func compile(_ text: String) throws -> ResolvedSchema {
        let result = Frontend.compile(name: "demo", files: [SourceFile(path: "demo.loom", text: text)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.schema)
    }

    static func snapshot(_ text: String) throws -> SchemaSnapshot { SchemaSnapshot(try compile(text)) }

    /// The plan from `base` to `base` edited by `edit`.
    static func plan(_ edit: (String) -> String) throws -> MigrationPlan {
        MigrationDiff.plan(from: try snapshot(base), to: try snapshot(edit(base)))
    }

    static func sql(_ plan: MigrationPlan, _ dialect: SQLDialect) -> String {
        plan.statements(for: dialect).map { $0 + ";" }.joined(separator: "\n")
    }

    /// The SQLite rebuild of `posts` with `columns` copied, around its new definition.
    static func rebuildPosts(_ definition: String, copied: String = #""id", "user_id", "title""#) -> String {
        """
        CREATE TABLE "loom_new_posts" (
        \(definition)
        );
        INSERT INTO "loom_new_posts" (\(copied)) SELECT \(copied) FROM "posts";
        DELETE FROM "sqlite_sequence" WHERE "name" = 'loom_new_posts';
        INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'loom_new_posts', "seq" FROM "sqlite_sequence" WHERE "name" = 'posts';
        DROP TABLE "posts";
        ALTER TABLE "loom_new_posts" RENAME TO "posts";
        CREATE INDEX "posts_user_id_idx" ON "posts" ("user_id");
        """
    }

    static func rebuildUsers(_ definition: String, copied: String = #""id", "name", "email", "age", "score""#) -> String {
        """
        CREATE TABLE "loom_new_users" (
        \(definition)
        );
        INSERT INTO "loom_new_users" (\(copied)) SELECT \(copied) FROM "users";
        DELETE FROM "sqlite_sequence" WHERE "name" = 'loom_new_users';
        INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'loom_new_users', "seq" FROM "sqlite_sequence" WHERE "name" = 'users';
        DROP TABLE "users";
        ALTER TABLE "loom_new_users" RENAME TO "users";
        """
    }

    // MARK: Snapshots

    @Test func snapshotFromIR() throws {
        let snapshot = try Self.snapshot(Self.base)
        #expect(snapshot.tables.map(\.name) == ["posts", "users"])
        let users = try #require(snapshot.table(named: "users"))
        #expect(users.columns.map(\.name) == ["id", "name", "email", "age", "score"])
        #expect(users.columns[0] == ColumnSnapshot(
            name: "id", type: DialectSQL(postgres: "BIGINT", sqlite: "INTEGER"), primaryKey: true, autoIncrement: true))
        #expect(users.columns[3].nullable && !users.columns[1].nullable)
        #expect(users.columns[4].defaultValue == DefaultSnapshot(postgres: "0", sqlite: "0"))
        #expect(users.uniques == [KeySnapshot(name: "users_email_key", columns: ["email"])])
        let posts = try #require(snapshot.table(named: "posts"))
        #expect(posts.column(named: "user_id")?.references == ReferenceSnapshot(table: "users", column: "id", onDelete: "CASCADE"))
        #expect(posts.indexes == [KeySnapshot(name: "posts_user_id_idx", columns: ["user_id"])])
        let checked = try Self.snapshot(Self.base.replacingOccurrences(of: "@default(0)", with: "@default(0)  @range(0, 100)"))
        #expect(checked.table(named: "users")?.checks == [CheckSnapshot(
            name: "users_score_range", column: "score",
            condition: DialectSQL(postgres: #""score" >= 0 AND "score" <= 100"#, sqlite: #""score" >= 0 AND "score" <= 100"#))])
    }

    /// One renderer: the server's idempotent create statements are the migration's, with `IF NOT EXISTS`.
    @Test("create statements with and without IF NOT EXISTS", arguments: SQLDialect.allCases)
    func createStatementsIfNotExists(dialect: SQLDialect) throws {
        for text in [Self.base, EmitSnippetTests.schema, try Self.storeSchemaText()] {
            let snapshot = try Self.snapshot(text)
            let plain = snapshot.createStatements(for: dialect, ifNotExists: false)
            let idempotent = plain.map {
                $0.hasPrefix("CREATE TABLE ")
                    ? "CREATE TABLE IF NOT EXISTS " + $0.dropFirst("CREATE TABLE ".count)
                    : "CREATE INDEX IF NOT EXISTS " + $0.dropFirst("CREATE INDEX ".count)
            }
            #expect(snapshot.createStatements(for: dialect, ifNotExists: true) == idempotent)
            #expect(plain.allSatisfy { $0.hasPrefix("CREATE TABLE \"") || $0.hasPrefix("CREATE INDEX \"") })
        }
    }

    /// The first migration creates every table, parents first.
    @Test func initialMigration() throws {
        let plan = MigrationDiff.plan(from: .empty, to: try Self.snapshot(Self.base))
        #expect(plan.changes.map(\.summary) == [#"create table "posts""#, #"create table "users""#])
        #expect(plan.destructiveChanges.isEmpty)
        #expect(Self.sql(plan, .sqlite) == """
            CREATE TABLE "users" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "name" VARCHAR(40) NOT NULL,
                "email" VARCHAR(255) NOT NULL,
                "age" INTEGER,
                "score" INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT "users_email_key" UNIQUE ("email")
            );
            CREATE TABLE "posts" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
                "title" VARCHAR(100) NOT NULL
            );
            CREATE INDEX "posts_user_id_idx" ON "posts" ("user_id");
            """)
        for dialect in SQLDialect.allCases {
            #expect(plan.statements(for: dialect) == (try Self.snapshot(Self.base)).createStatements(for: dialect, ifNotExists: false))
        }
    }

    @Test func noChangeIsEmpty() throws {
        let plan = try Self.plan { $0 }
        #expect(plan.isEmpty)
        #expect(plan.statements(for: .postgres).isEmpty && plan.statements(for: .sqlite).isEmpty)
    }

    // MARK: Diffs

    @Test func addTable() throws {
        let plan = try Self.plan {
            $0 + """
                model Tag {
                  id     Int         @id @autoincrement
                  post   Post        @onDelete(cascade)
                  label  String(20)  @index
                }
                """
        }
        #expect(plan.changes == [.init(#"create table "tags""#)])
        #expect(Self.sql(plan, .postgres) == """
            CREATE TABLE "tags" (
                "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                "post_id" BIGINT NOT NULL REFERENCES "posts" ("id") ON DELETE CASCADE,
                "label" VARCHAR(20) NOT NULL
            );
            CREATE INDEX "tags_post_id_idx" ON "tags" ("post_id");
            CREATE INDEX "tags_label_idx" ON "tags" ("label");
            """)
        #expect(Self.sql(plan, .sqlite) == """
            CREATE TABLE "tags" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "post_id" INTEGER NOT NULL REFERENCES "posts" ("id") ON DELETE CASCADE,
                "label" VARCHAR(20) NOT NULL
            );
            CREATE INDEX "tags_post_id_idx" ON "tags" ("post_id");
            CREATE INDEX "tags_label_idx" ON "tags" ("label");
            """)
    }

    @Test func dropTableIsDestructive() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "model Post {", with: "model Gone {") }
        #expect(plan.changes.map(\.description) == [
            #"create table "gones""#, #"drop table "posts" (DESTRUCTIVE: drops the table and all its rows)"#,
        ])
        #expect(plan.statements(for: .postgres).first == #"DROP TABLE "posts""#)
        #expect(plan.script(for: .sqlite, id: "0002_x", schemaName: "demo").contains("""
            -- DESTRUCTIVE: drop table "posts": drops the table and all its rows
            DROP TABLE "posts";
            """))
    }

    /// The whole file: header, a flagged destructive step per dialect.
    @Test func dropColumnIsDestructive() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "  age    Int?\n", with: "") }
        #expect(plan.changes.map(\.description) == [#"drop column "users"."age" (DESTRUCTIVE: drops the column and its data)"#])
        #expect(plan.destructiveChanges.count == 1)
        #expect(plan.script(for: .postgres, id: "0002_drop_age", schemaName: "demo") == """
            -- Migration 0002_drop_age of schema demo, postgres. Written by `loomgen migrate new`: review it and
            -- edit it if needed before it is applied anywhere; once applied, leave it unchanged (its checksum is checked).
            -- The Loom migrator runs it in one transaction under an advisory lock.

            -- DESTRUCTIVE: drop column "users"."age": drops the column and its data
            ALTER TABLE "users" DROP COLUMN "age";

            """)
        #expect(plan.script(for: .sqlite, id: "0002_drop_age", schemaName: "demo") == """
            -- Migration 0002_drop_age of schema demo, sqlite. Written by `loomgen migrate new`: review it and
            -- edit it if needed before it is applied anywhere; once applied, leave it unchanged (its checksum is checked).
            -- The Loom migrator runs it in one transaction with foreign keys off, then runs PRAGMA foreign_key_check.

            -- rebuild "users": SQLite cannot alter the table in place
            -- DESTRUCTIVE: drop column "users"."age": drops the column and its data
            \(Self.rebuildUsers("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "name" VARCHAR(40) NOT NULL,
                "email" VARCHAR(255) NOT NULL,
                "score" INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT "users_email_key" UNIQUE ("email")
            """, copied: #""id", "name", "email", "score""#))

            """)
    }

    @Test func addColumns() throws {
        let plan = try Self.plan {
            $0.replacingOccurrences(of: "  score  Int          @default(0)\n", with: "  score  Int          @default(0)\n  bio    Text?\n  rank   Int  @default(3)\n")
        }
        #expect(plan.destructiveChanges.isEmpty)
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "users" ADD COLUMN "bio" TEXT;
            ALTER TABLE "users" ADD COLUMN "rank" BIGINT NOT NULL DEFAULT 3;
            """)
        // Plain columns are added in place on SQLite too.
        #expect(Self.sql(plan, .sqlite) == """
            ALTER TABLE "users" ADD COLUMN "bio" TEXT;
            ALTER TABLE "users" ADD COLUMN "rank" INTEGER NOT NULL DEFAULT 3;
            """)
        let required = try Self.plan { $0.replacingOccurrences(of: "  title  String(100)\n", with: "  title  String(100)\n  slug   String(20)\n") }
        #expect(required.changes.map(\.description) == [
            #"add column "posts"."slug" VARCHAR(20) NOT NULL (DESTRUCTIVE: NOT NULL without a default: fails if the table has rows)"#,
        ])
        #expect(Self.sql(required, .postgres) == #"ALTER TABLE "posts" ADD COLUMN "slug" VARCHAR(20) NOT NULL;"#)
        #expect(Self.sql(required, .sqlite) == Self.rebuildPosts("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
                "title" VARCHAR(100) NOT NULL,
                "slug" VARCHAR(20) NOT NULL
            """))
    }

    @Test func typeChanges() throws {
        let plan = try Self.plan {
            $0.replacingOccurrences(of: "name   String(40)", with: "name   String(80)")
                .replacingOccurrences(of: "title  String(100)", with: "title  String(50)")
        }
        #expect(plan.changes.map(\.description) == [
            #"change type of "posts"."title": VARCHAR(100) -> VARCHAR(50) (DESTRUCTIVE: narrowing type: fails or loses data when a value does not fit)"#,
            #"change type of "users"."name": VARCHAR(40) -> VARCHAR(80)"#,
        ])
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "posts" ALTER COLUMN "title" TYPE VARCHAR(50);
            ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(80);
            """)
        #expect(Self.sql(plan, .sqlite) == Self.rebuildPosts("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
                "title" VARCHAR(50) NOT NULL
            """) + "\n" + Self.rebuildUsers("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "name" VARCHAR(80) NOT NULL,
                "email" VARCHAR(255) NOT NULL,
                "age" INTEGER,
                "score" INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT "users_email_key" UNIQUE ("email")
            """))
    }

    /// Across type families PostgreSQL needs `USING`; the old default is dropped before and the new one set after.
    @Test func typeChangeWithDefault() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "score  Int          @default(0)", with: #"score  String(10)   @default("0")"#) }
        #expect(plan.changes.map(\.description) == [
            #"change type of "users"."score": BIGINT -> VARCHAR(10) (DESTRUCTIVE: narrowing type: fails or loses data when a value does not fit)"#,
            #"change default of "users"."score": 0 -> '0'"#,
        ])
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "users" ALTER COLUMN "score" DROP DEFAULT;
            ALTER TABLE "users" ALTER COLUMN "score" TYPE VARCHAR(10) USING "score"::VARCHAR(10);
            ALTER TABLE "users" ALTER COLUMN "score" SET DEFAULT '0';
            """)
    }

    @Test func nullability() throws {
        let plan = try Self.plan {
            $0.replacingOccurrences(of: "age    Int?", with: "age    Int").replacingOccurrences(of: "title  String(100)", with: "title  String(100)?")
        }
        #expect(plan.changes.map(\.description) == [
            #"make "posts"."title" nullable"#,
            #"make "users"."age" NOT NULL (DESTRUCTIVE: fails if the column holds NULLs)"#,
        ])
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "posts" ALTER COLUMN "title" DROP NOT NULL;
            ALTER TABLE "users" ALTER COLUMN "age" SET NOT NULL;
            """)
        #expect(Self.sql(plan, .sqlite).contains(#""age" INTEGER NOT NULL,"#))
        #expect(Self.sql(plan, .sqlite).contains(#""title" VARCHAR(100)"# + "\n);"))
    }

    @Test func defaultChange() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "@default(0)", with: "@default(5)") }
        #expect(plan.changes == [.init(#"change default of "users"."score": 0 -> 5"#)])
        #expect(Self.sql(plan, .postgres) == #"ALTER TABLE "users" ALTER COLUMN "score" SET DEFAULT 5;"#)
        #expect(Self.sql(plan, .sqlite).contains(#""score" INTEGER NOT NULL DEFAULT 5,"#))
    }

    @Test func indexes() throws {
        let added = try Self.plan { $0.replacingOccurrences(of: "name   String(40)", with: "name   String(40)  @index") }
        #expect(added.changes == [.init(#"add index "users_name_idx" on "users" (name)"#)])
        #expect(Self.sql(added, .postgres) == #"CREATE INDEX "users_name_idx" ON "users" ("name");"#)
        #expect(Self.sql(added, .sqlite) == #"CREATE INDEX "users_name_idx" ON "users" ("name");"#)
        let dropped = MigrationDiff.plan(from: try Self.snapshot(Self.base.replacingOccurrences(of: "name   String(40)", with: "name   String(40)  @index")),
                                         to: try Self.snapshot(Self.base))
        #expect(dropped.changes == [.init(#"drop index "users_name_idx" on "users""#)])
        #expect(Self.sql(dropped, .postgres) == #"DROP INDEX "users_name_idx";"#)
        #expect(Self.sql(dropped, .sqlite) == #"DROP INDEX "users_name_idx";"#)
    }

    @Test func uniques() throws {
        let plan = try Self.plan {
            $0.replacingOccurrences(of: "  title  String(100)\n}", with: "  title  String(100)\n  @@unique([user, title])\n}")
                .replacingOccurrences(of: "email  String(255)  @unique", with: "email  String(255)")
        }
        #expect(plan.changes == [
            .init(#"add unique "posts_user_id_title_key" on "posts" (user_id, title)"#),
            .init(#"drop unique "users_email_key" on "users""#),
        ])
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "users" DROP CONSTRAINT "users_email_key";
            ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_title_key" UNIQUE ("user_id", "title");
            """)
        #expect(Self.sql(plan, .sqlite) == Self.rebuildPosts("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
                "title" VARCHAR(100) NOT NULL,
                CONSTRAINT "posts_user_id_title_key" UNIQUE ("user_id", "title")
            """) + "\n" + Self.rebuildUsers("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "name" VARCHAR(40) NOT NULL,
                "email" VARCHAR(255) NOT NULL,
                "age" INTEGER,
                "score" INTEGER NOT NULL DEFAULT 0
            """))
    }

    @Test func foreignKeyChange() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "@onDelete(cascade)", with: "@onDelete(restrict)") }
        #expect(plan.changes == [.init(
            #"change foreign key of "posts"."user_id": "users"."id" ON DELETE CASCADE -> "users"."id" ON DELETE RESTRICT"#)])
        #expect(Self.sql(plan, .postgres) == """
            ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey";
            ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT;
            """)
        #expect(Self.sql(plan, .sqlite) == Self.rebuildPosts("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
                "title" VARCHAR(100) NOT NULL
            """))
    }

    @Test func checks() throws {
        let plan = try Self.plan { $0.replacingOccurrences(of: "@default(0)", with: "@default(0)  @range(0, 100)") }
        #expect(plan.changes == [.init(#"add check "users_score_range" on "users": "score" >= 0 AND "score" <= 100"#)])
        #expect(Self.sql(plan, .postgres) == #"ALTER TABLE "users" ADD CONSTRAINT "users_score_range" CHECK ("score" >= 0 AND "score" <= 100);"#)
        #expect(Self.sql(plan, .sqlite) == Self.rebuildUsers("""
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "name" VARCHAR(40) NOT NULL,
                "email" VARCHAR(255) NOT NULL,
                "age" INTEGER,
                "score" INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT "users_email_key" UNIQUE ("email"),
                CONSTRAINT "users_score_range" CHECK ("score" >= 0 AND "score" <= 100)
            """))
        // A changed condition is dropped and added again.
        let before = Self.base.replacingOccurrences(of: "@default(0)", with: "@default(0)  @range(0, 100)")
        let changed = MigrationDiff.plan(from: try Self.snapshot(before), to: try Self.snapshot(before.replacingOccurrences(of: "@range(0, 100)", with: "@range(0, 50)")))
        #expect(changed.changes == [.init(#"change check "users_score_range" on "users": "score" >= 0 AND "score" <= 50"#)])
        #expect(Self.sql(changed, .postgres) == """
            ALTER TABLE "users" DROP CONSTRAINT "users_score_range";
            ALTER TABLE "users" ADD CONSTRAINT "users_score_range" CHECK ("score" >= 0 AND "score" <= 50);
            """)
    }

    @Test func primaryKeyChangeIsUnsupported() throws {
        let plan = try Self.plan {
            $0.replacingOccurrences(of: "model Post {\n  id     Int          @id @autoincrement", with: "model Post {\n  id     Int          @id")
        }
        #expect(plan.unsupported == [#"primary key of "posts" changes ("id" BIGINT auto-increment -> "id" BIGINT)"#])
        #expect(!plan.isEmpty)
    }

    // MARK: Determinism

    @Test func deterministic() throws {
        let before = try Self.snapshot(Self.base)
        let text = Self.base.replacingOccurrences(of: "  age    Int?\n", with: "") + "model Tag {\n  id Int @id @autoincrement\n}\n"
        let after = try Self.snapshot(text)
        let once = MigrationDiff.plan(from: before, to: after)
        #expect(once == MigrationDiff.plan(from: before, to: after))
        // Table order in the input does not matter: snapshots are sorted.
        let shuffled = SchemaSnapshot(tables: after.tables.reversed())
        #expect(MigrationDiff.plan(from: SchemaSnapshot(tables: before.tables.reversed()), to: shuffled) == once)
        let reordered = Frontend.compile(name: "demo", files: [
            SourceFile(path: "b.loom", text: "model Tag {\n  id Int @id @autoincrement\n}\n"),
            SourceFile(path: "a.loom", text: Self.base.replacingOccurrences(of: "  age    Int?\n", with: "")),
        ])
        #expect(SchemaSnapshot(try #require(reordered.schema)) == after)
        // JSON: the same bytes every time, and a faithful round trip.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(after)
        #expect(try encoder.encode(after) == data)
        #expect(try JSONDecoder().decode(SchemaSnapshot.self, from: data) == after)
    }

    // MARK: Scripts

    @Test func statementSplitting() {
        let script = """
            -- header; with a semicolon
            CREATE TABLE "a;b" (x TEXT DEFAULT 'it''s; fine'); /* block; comment */
            INSERT INTO t VALUES ('--not a comment');
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            CREATE TRIGGER tr AFTER INSERT ON t BEGIN
              UPDATE t SET x = CASE WHEN x IS NULL THEN 'a' ELSE x END;
              DELETE FROM u;
            END;
            SELECT $1
            """
        #expect(MigrationScript.statements(in: script) == [
            #"CREATE TABLE "a;b" (x TEXT DEFAULT 'it''s; fine')"#,
            "INSERT INTO t VALUES ('--not a comment')",
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = CASE WHEN x IS NULL THEN 'a' ELSE x END;\n  DELETE FROM u;\nEND",
            "SELECT $1",
        ])
        #expect(MigrationScript.statements(in: "-- only a comment\n\n").isEmpty)
    }

    @Test func checksums() {
        #expect(MigrationScript.checksum("") == "cbf29ce484222325")
        #expect(MigrationScript.checksum("a") == "af63dc4c8601ec8c")
        #expect(MigrationScript.checksum("x;\r\ny;\r\n") == MigrationScript.checksum("x;\ny;\n"))
        #expect(MigrationScript.checksum("x;\ny;") != MigrationScript.checksum("x;\ny; "))
    }

    @Test func ids() {
        #expect(MigrationScript.nextID(after: nil, name: "init") == "0001_init")
        #expect(MigrationScript.nextID(after: "0009_init", name: "Add phone!") == "0010_add_phone")
        #expect(MigrationScript.nextID(after: "9999_x", name: "y") == "10000_y")
        #expect(MigrationScript.nextID(after: "9223372036854775807_x", name: "y") == nil)  // no successor, no trap
        #expect(MigrationScript.nextID(after: nil, name: "--") == nil)
        #expect(MigrationScript.number(of: "0002_add_phone") == 2)
        #expect(MigrationScript.number(of: "add_phone") == nil && MigrationScript.number(of: "0002_") == nil)
        #expect(MigrationScript.sorted(["0010_b", "0002_a", "0001_z"]) == ["0001_z", "0002_a", "0010_b"])
    }

    /// `loom-schema.swift` embeds migrations only when there are some: each one's id, statements and checksums.
    /// (The exact Swift layout is the emitter's business: the golden test pins it.)
    @Test func emittedMigrations() throws {
        let schema = try Self.compile(Self.base)
        let source = MigrationSource(id: "0001_init", postgres: "-- x\nCREATE TABLE a (b TEXT);\n", sqlite: "")
        func aggregate(_ migrations: [MigrationSource]) throws -> String {
            try #require(SwiftEmitter.generate(schema, migrations: migrations).first { $0.name == SwiftEmitter.aggregateFileName }).contents
        }
        let file = try aggregate([source])
        #expect(file.contains("static let migrations: [LoomRuntime.Migration] = ["))
        #expect(file.contains(#"id: "0001_init","#))
        #expect(file.contains(#"checksum: "\#(MigrationScript.checksum(source.postgres))""#))
        #expect(file.contains(#"checksum: "cbf29ce484222325""#))
        #expect(file.contains("#\"\"\"\n                    CREATE TABLE a (b TEXT)\n                    \"\"\"#,"))
        #expect(!(try aggregate([])).contains("static let migrations"))
    }

    // MARK: The store's migrations

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func storeSchemaText() throws -> String {
        let folder = root.appending(path: "schemas/store")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".loom") }.sorted()
            .map { try String(contentsOf: folder.appending(path: $0), encoding: .utf8) }.joined(separator: "\n")
    }

    /// `loomgen check schemas/store` would exit 2 otherwise; the e2e tests run the store from its migrations.
    @Test func storeMatchesItsLastMigration() throws {
        let state = Generator.migrationState(
            schemaName: "store", files: try EmitGoldenTests.load("store"),
            migrationsFolder: Self.root.appending(path: "schemas/store/migrations").path, reader: DiskFileReader(),
            decodeSnapshot: { try JSONDecoder().decode(SchemaSnapshot.self, from: Data($0.utf8)) })
        #expect(state.diagnostics.isEmpty, "\(state.diagnostics.map(\.description))")
        let last = try #require(state.entries.last)
        let plan = try #require(state.drift)
        #expect(plan.isEmpty, "schemas/store changed since \(last.id): run `loomgen migrate new <name> schemas/store`: \(plan.changes)")
    }
}
