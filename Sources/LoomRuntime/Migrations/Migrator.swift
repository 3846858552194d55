/// Applies a schema's versioned migrations (see docs/migrations.md), on any `DatabaseEngine`.
///
/// What is applied is recorded in `loom_migrations(id, checksum, applied_at)`. Each migration runs in its own
/// transaction together with its row, so it is applied entirely or not at all. Before anything runs, what the
/// database recorded is checked against the migrations embedded in the build: a migration whose checksum changed since
/// it was applied, one the build does not know, or one left behind by a later applied one, is an error and nothing is
/// applied.
///
/// Concurrency: on PostgreSQL every transaction first takes a transaction-level advisory lock
/// (`pg_advisory_xact_lock`) and only then reads what is applied, so instances starting together apply each migration
/// once (the others wait, then find it applied). SQLite has one connection, already serialised.
///
/// SQLite rebuilds tables it cannot alter (create, copy, drop, rename): foreign keys are turned off around the
/// migrations, as the SQLite documentation prescribes (inside a transaction the pragma is ignored), and
/// `PRAGMA foreign_key_check` must find nothing before each migration commits. Run the migrator before serving
/// requests: nothing else should use the SQLite engine meanwhile.
public struct Migrator: Sendable {
    public let engine: any DatabaseEngine
    /// In the order they are applied.
    public let migrations: [Migration]

    /// The table recording applied migrations.
    public static let table = "loom_migrations"
    /// The PostgreSQL advisory lock key (`LoomMigr` in ASCII).
    public static let lockKey = 0x4C6F_6F6D_4D69_6772

    /// PostgreSQL: how long to wait for another instance's migration (and any lock a migration needs) before giving
    /// up with `MigrationError.lockTimeout`, rather than stalling every starting instance behind a hung one.
    public let lockTimeout: Duration

    public init(engine: any DatabaseEngine, migrations: [Migration], lockTimeout: Duration = .seconds(60)) {
        self.engine = engine
        self.migrations = migrations
        self.lockTimeout = lockTimeout
    }

    /// One row of `loom_migrations`.
    public struct AppliedMigration: Sendable, Hashable {
        public var id: String
        public var checksum: String

        public init(id: String, checksum: String) {
            self.id = id
            self.checksum = checksum
        }
    }

    /// The migrations not applied yet, in order, after checking what is applied (throws `MigrationError`). Writes
    /// nothing: a database without `loom_migrations` has every migration pending.
    public func pending() async throws -> [Migration] {
        guard try await Self.tableExists(engine) else { return migrations }
        return try Self.pending(migrations, applied: try await Self.applied(engine), dialect: engine.dialect)
    }

    /// Applies every pending migration, in order; returns their ids (empty when the database is up to date).
    @discardableResult
    public func migrate() async throws -> [String] {
        // SQLite: one migrator at a time in this process, so that another one's `foreign_keys = ON` never lands
        // between this one's transactions (another process has its own connection; BEGIN IMMEDIATE serialises them).
        // PostgreSQL relies on the advisory lock alone, within a process as across processes.
        guard engine.dialect == .sqlite else { return try await migrateSerially() }
        return try await Self.serial.run { try await self.migrateSerially() }
    }

    private static let serial = AsyncSerialQueue()

    private func migrateSerially() async throws -> [String] {
        let dialect = engine.dialect
        if dialect == .sqlite { _ = try await engine.query("PRAGMA foreign_keys = OFF", []) }
        do {
            var appliedIDs: [String] = []
            while let id = try await applyNext() { appliedIDs.append(id) }
            if dialect == .sqlite { _ = try await engine.query("PRAGMA foreign_keys = ON", []) }
            return appliedIDs
        } catch {
            if dialect == .sqlite { _ = try? await engine.query("PRAGMA foreign_keys = ON", []) }
            throw error
        }
    }

    /// In one transaction: locks (PostgreSQL), checks what is applied, applies the first pending migration and records
    /// it. Nil when nothing is pending.
    func applyNext() async throws -> String? {
        let migrations = self.migrations
        return try await engine.withTransaction { transaction in
            let dialect = transaction.dialect
            if dialect == .postgres {
                let milliseconds = lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000
                _ = try await transaction.query("SET LOCAL lock_timeout = \(max(1, milliseconds))", [])
                do {
                    _ = try await transaction.query("SELECT 1 FROM pg_advisory_xact_lock(\(dialect.placeholder(1)))", [.int(Self.lockKey)])
                } catch {
                    throw MigrationError.lockTimeout(waited: lockTimeout)
                }
            }
            _ = try await transaction.query(Self.createTable(dialect), [])
            let pending = try Self.pending(migrations, applied: try await Self.applied(transaction), dialect: dialect)
            guard let migration = pending.first else { return nil }
            let script = migration.script(for: dialect)
            for statement in script.statements {
                do {
                    _ = try await transaction.query(statement, [])
                } catch {
                    throw MigrationError.failed(id: migration.id, statement: statement, underlying: error)
                }
            }
            _ = try await transaction.query(
                "INSERT INTO \(dialect.quote(Self.table)) (\"id\", \"checksum\") VALUES (\(dialect.placeholder(1)), \(dialect.placeholder(2)))",
                [.string(migration.id), .string(script.checksum)])
            if dialect == .sqlite {
                let violations = try await transaction.query("PRAGMA foreign_key_check", [])
                if !violations.isEmpty {
                    let tables = Set(violations.compactMap { $0.values.first.flatMap { value -> String? in
                        if case .string(let name) = value { return name }
                        return nil
                    } })
                    throw MigrationError.foreignKeyViolations(id: migration.id, tables: tables.sorted())
                }
            }
            return migration.id
        }
    }

    static func createTable(_ dialect: SQLDialect) -> String {
        let appliedAt = switch dialect {
        case .postgres: "TIMESTAMPTZ NOT NULL DEFAULT now()"
        case .sqlite: "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
        }
        return "CREATE TABLE IF NOT EXISTS \(dialect.quote(table)) (\"id\" TEXT NOT NULL PRIMARY KEY, \"checksum\" TEXT NOT NULL, \"applied_at\" \(appliedAt))"
    }

    static func tableExists(_ engine: any DatabaseEngine) async throws -> Bool {
        let sql = switch engine.dialect {
        case .postgres: "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        case .sqlite: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"
        }
        return try await !engine.query(sql, [.string(table)]).isEmpty
    }

    /// Every row of `loom_migrations`.
    public static func applied(_ engine: any DatabaseEngine) async throws -> [AppliedMigration] {
        let rows = try await engine.query("SELECT \"id\", \"checksum\" FROM \(engine.dialect.quote(table)) ORDER BY \"id\"", [])
        return rows.compactMap { row in
            guard row.values.count == 2, case .string(let id) = row.values[0], case .string(let checksum) = row.values[1] else {
                return nil
            }
            return AppliedMigration(id: id, checksum: checksum)
        }
    }

    /// The migrations of `migrations` not in `applied`, in order; throws when `applied` does not fit `migrations`.
    static func pending(_ migrations: [Migration], applied: [AppliedMigration], dialect: SQLDialect) throws -> [Migration] {
        let known = Dictionary(migrations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = applied.filter { known[$0.id] == nil }.map(\.id)
        if !unknown.isEmpty { throw MigrationError.unknownApplied(ids: unknown) }
        for row in applied {
            let embedded = known[row.id]!.script(for: dialect).checksum
            if embedded != row.checksum {
                throw MigrationError.checksumMismatch(id: row.id, dialect: dialect, applied: row.checksum, embedded: embedded)
            }
        }
        let appliedIDs = Set(applied.map(\.id))
        let pending = migrations.filter { !appliedIDs.contains($0.id) }
        if let first = pending.first, let index = migrations.firstIndex(where: { $0.id == first.id }),
           let later = migrations[(index + 1)...].first(where: { appliedIDs.contains($0.id) }) {
            throw MigrationError.outOfOrder(pending: first.id, appliedLater: later.id)
        }
        return pending
    }
}

/// Why the migrator refuses to run, or what failed.
public enum MigrationError: Error, CustomStringConvertible {
    /// An applied migration's file changed since: the database was migrated with different SQL.
    case checksumMismatch(id: String, dialect: SQLDialect, applied: String, embedded: String)
    /// The database has migrations this build does not embed (it is older than the database).
    case unknownApplied(ids: [String])
    /// A migration is pending while a later one is applied (two branches' migrations merged in the wrong order).
    case outOfOrder(pending: String, appliedLater: String)
    /// A statement failed; the migration was rolled back.
    case failed(id: String, statement: String, underlying: any Error)
    /// SQLite: the migration left rows whose foreign keys point nowhere; it was rolled back.
    case foreignKeyViolations(id: String, tables: [String])
    /// The server was not asked to migrate, and these migrations are not applied.
    case pending(ids: [String])
    /// PostgreSQL: another instance held the migration lock for longer than the wait.
    case lockTimeout(waited: Duration)

    public var description: String {
        switch self {
        case .checksumMismatch(let id, let dialect, let applied, let embedded):
            "migration \(id) was changed after it was applied: the database recorded checksum \(applied), this build "
                + "embeds \(embedded) (\(dialect.rawValue).sql). Restore the applied version of migrations/\(id)/ and put "
                + "further changes in a new migration (loomgen migrate new)"
        case .unknownApplied(let ids):
            "the database has migration\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")) that this build does not "
                + "know: it was migrated by a newer build"
        case .outOfOrder(let pending, let later):
            "migration \(pending) is not applied but the later \(later) is: renumber \(pending) after the applied ones"
        case .failed(let id, let statement, let underlying):
            "migration \(id) failed and was rolled back: \(String(reflecting: underlying))\n  in: \(statement)"
        case .foreignKeyViolations(let id, let tables):
            "migration \(id) was rolled back: it leaves foreign keys pointing nowhere in \(tables.joined(separator: ", "))"
        case .lockTimeout(let waited):
            "another instance has been migrating this database for more than \(waited.components.seconds) s (or is stuck): "
                + "not starting; check it, then start again"
        case .pending(let ids):
            "the database is missing migration\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")): start with "
                + "--migrate (or MIGRATE=1) to apply \(ids.count == 1 ? "it" : "them")"
        }
    }
}
