import Foundation
import LoomValues

/// Jobs dispatched as one group (the Python framework's `dispatch_parallel(…, on_all_success=, on_any_failure=)`,
/// which it never finished): one callback when every member succeeded, one when any member failed for good, each
/// exactly once, across workers and restarts.
///
/// A group lives in the application's database, whichever store holds its jobs: `loom_job_groups` (its size, how
/// many succeeded, its state and its callback's) and `loom_job_group_members` (each member's job id, payload and
/// result). A member's success is counted in the job's own transaction, with the record that it succeeded, so it is
/// counted once; the update that counts the last one moves the group to `succeeded` and its callback to `pending`, and
/// row locking makes that one update. A member's death moves a running group to `failed` (first death only). The
/// callback is then taken in its own transaction (`take`), as a job's is; one left pending by a worker that died, or
/// a death recorded by a worker that died before counting it, is found by housekeeping (`stalled`, `unnoticedDeaths`).
public struct JobGroups: Sendable {
    public let engine: any DatabaseEngine

    public init(engine: any DatabaseEngine) {
        self.engine = engine
    }

    /// The group's state: `running`, then `succeeded` (every member did) or `failed` (one died).
    public enum State: String, Sendable, Codable {
        case running, succeeded, failed
    }

    public struct Group: Sendable, Hashable {
        public var id: UUID
        public var job: String
        public var size: Int
        public var succeeded: Int
        public var state: State
        /// `pending`, `done` or `failed` once the group ended; nil while it runs.
        public var callback: String?
        /// The member whose death failed the group, and why.
        public var failedJob: UUID?
        public var lastError: String?
    }

    static func createStatements(for dialect: SQLDialect) -> [String] {
        let time = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
        return [
            """
            CREATE TABLE IF NOT EXISTS "loom_job_groups" ("id" TEXT PRIMARY KEY, "job" TEXT NOT NULL, "size" INTEGER NOT NULL, \
            "succeeded" INTEGER NOT NULL DEFAULT 0, "state" TEXT NOT NULL, "callback_state" TEXT, "failed_job" TEXT, \
            "last_error" TEXT, "created_at" \(time) NOT NULL, "updated_at" \(time) NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS "loom_job_group_members" ("job_id" TEXT PRIMARY KEY, "group_id" TEXT NOT NULL, \
            "position" INTEGER NOT NULL, "payload" TEXT NOT NULL, "outcome" TEXT, "result" TEXT)
            """,
            #"CREATE INDEX IF NOT EXISTS "loom_job_group_members_group" ON "loom_job_group_members" ("group_id", "position")"#,
        ]
    }

    private func placeholder(_ index: Int) -> String { engine.dialect.placeholder(index) }
    private static func key(_ id: UUID) -> SQLValue { .string(id.lowercasedText) }

    /// Records a new group and its members (their job ids and payloads), in the dispatching transaction.
    func create(id: UUID, job: String, members: [(id: UUID, payload: String)], now: Date) async throws {
        let groupSQL = #"INSERT INTO "loom_job_groups" ("id", "job", "size", "state", "created_at", "updated_at") VALUES ("#
            + (1...3).map(placeholder).joined(separator: ", ") + ", 'running', " + placeholder(4) + ", " + placeholder(4) + ")"
        _ = try await engine.query(groupSQL, [Self.key(id), .string(job), .int(members.count), .date(Timestamp.truncated(now))])
        let memberSQL = #"INSERT INTO "loom_job_group_members" ("job_id", "group_id", "position", "payload") VALUES ("#
            + (1...4).map(placeholder).joined(separator: ", ") + ")"
        for (position, member) in members.enumerated() {
            _ = try await engine.query(memberSQL, [Self.key(member.id), Self.key(id), .int(position), .string(member.payload)])
        }
    }

    /// In the job's transaction: counts a member's success. Returns the group when this success completed it (its
    /// success callback is now pending); nil otherwise, or when the job is in no group.
    func recordSuccess(of job: UUID, result: String, now: Date) async throws -> UUID? {
        let member = #"UPDATE "loom_job_group_members" SET "outcome" = 'succeeded', "result" = "# + placeholder(1)
            + #" WHERE "job_id" = "# + placeholder(2) + #" AND "outcome" IS NULL RETURNING "group_id""#
        guard let groupID = try await engine.query(member, [.string(result), Self.key(job)]).first?.decode(String.self, at: 0)
        else { return nil }
        // The row lock of this update orders concurrent members: each sees the count the one before it left.
        let group = #"UPDATE "loom_job_groups" SET "succeeded" = "succeeded" + 1, "updated_at" = "# + placeholder(1)
            + #", "state" = CASE WHEN "state" = 'running' AND "succeeded" + 1 = "size" THEN 'succeeded' ELSE "state" END"#
            + #", "callback_state" = CASE WHEN "state" = 'running' AND "succeeded" + 1 = "size" THEN 'pending' ELSE "callback_state" END"#
            + #" WHERE "id" = "# + placeholder(2) + #" RETURNING "succeeded", "size", "state""#
        guard let row = try await engine.query(group, [.date(Timestamp.truncated(now)), .string(groupID)]).first else { return nil }
        let completed = try row.decode(Int.self, at: 0) == row.decode(Int.self, at: 1) && row.decode(String.self, at: 2) == State.succeeded.rawValue
        return completed ? UUID(uuidString: groupID) : nil
    }

    /// After a member died: fails its group if it still runs. Returns the group when this death failed it (its
    /// failure callback is now pending).
    func recordDeath(of job: UUID, error: String, now: Date) async throws -> UUID? {
        let member = #"UPDATE "loom_job_group_members" SET "outcome" = 'dead' WHERE "job_id" = "# + placeholder(1)
            + #" AND "outcome" IS NULL RETURNING "group_id""#
        guard let groupID = try await engine.query(member, [Self.key(job)]).first?.decode(String.self, at: 0) else { return nil }
        let group = #"UPDATE "loom_job_groups" SET "state" = 'failed', "callback_state" = 'pending', "failed_job" = "#
            + placeholder(1) + #", "last_error" = "# + placeholder(2) + #", "updated_at" = "# + placeholder(3)
            + #" WHERE "id" = "# + placeholder(4) + #" AND "state" = 'running' RETURNING "id""#
        let failed = try await engine.query(group, [Self.key(job), .string(String(error.prefix(2_000))), .date(Timestamp.truncated(now)), .string(groupID)])
        return failed.isEmpty ? nil : UUID(uuidString: groupID)
    }

    /// In the callback's transaction: true for exactly one caller, ever, among those whose transactions commit.
    func take(_ id: UUID, now: Date) async throws -> Bool {
        let sql = #"UPDATE "loom_job_groups" SET "callback_state" = 'done', "updated_at" = "# + placeholder(1)
            + #" WHERE "id" = "# + placeholder(2) + #" AND "callback_state" = 'pending' RETURNING "id""#
        return try await !engine.query(sql, [.date(Timestamp.truncated(now)), Self.key(id)]).isEmpty
    }

    /// A callback that threw: kept out of the pending list, its error recorded.
    func callbackFailed(_ id: UUID, error: String, now: Date) async throws {
        let sql = #"UPDATE "loom_job_groups" SET "callback_state" = 'failed', "last_error" = "# + placeholder(1)
            + #", "updated_at" = "# + placeholder(2) + #" WHERE "id" = "# + placeholder(3) + #" AND "callback_state" = 'pending'"#
        _ = try await engine.query(sql, [.string("callback: " + String(error.prefix(2_000))), .date(Timestamp.truncated(now)), Self.key(id)])
    }

    public func group(_ id: UUID) async throws -> Group? {
        let sql = #"SELECT "id", "job", "size", "succeeded", "state", "callback_state", "failed_job", "last_error" FROM "loom_job_groups" WHERE "id" = "#
            + placeholder(1)
        return try await engine.query(sql, [Self.key(id)]).first.map(Self.group)
    }

    /// The members' payloads and results (nil until a member succeeded), in the order they were dispatched.
    func members(of id: UUID) async throws -> [(job: UUID, payload: String, result: String?)] {
        let sql = #"SELECT "job_id", "payload", "result" FROM "loom_job_group_members" WHERE "group_id" = "# + placeholder(1)
            + #" ORDER BY "position""#
        return try await engine.query(sql, [Self.key(id)]).map { row in
            (UUID(uuidString: try row.decode(String.self, at: 0)) ?? UUID(), try row.decode(at: 1), try row.decode(String?.self, at: 2))
        }
    }

    /// Groups of `jobs` whose callback has been pending since before `before` (the worker that ended them died).
    func stalled(jobs: [String], before: Date, limit: Int) async throws -> [Group] {
        guard !jobs.isEmpty else { return [] }
        let list = jobs.indices.map { placeholder($0 + 2) }.joined(separator: ", ")
        let sql = #"SELECT "id", "job", "size", "succeeded", "state", "callback_state", "failed_job", "last_error" FROM "loom_job_groups" WHERE "callback_state" = 'pending' AND "updated_at" < "#
            + placeholder(1) + #" AND "job" IN ("# + list + #") ORDER BY "updated_at" LIMIT \#(limit)"#
        return try await engine.query(sql, [.date(Timestamp.truncated(before))] + jobs.map(SQLValue.string)).map(Self.group)
    }

    /// Members of running groups of `jobs`, untouched since before `before`, with no outcome yet: the candidates for a
    /// death whose worker died before counting it.
    func unsettledMembers(jobs: [String], before: Date, limit: Int) async throws -> [UUID] {
        guard !jobs.isEmpty else { return [] }
        let list = jobs.indices.map { placeholder($0 + 2) }.joined(separator: ", ")
        let sql = #"SELECT "m"."job_id" FROM "loom_job_group_members" "m" JOIN "loom_job_groups" "g" ON "g"."id" = "m"."group_id" WHERE "g"."state" = 'running' AND "m"."outcome" IS NULL AND "g"."updated_at" < "#
            + placeholder(1) + #" AND "g"."job" IN ("# + list + #") LIMIT \#(limit)"#
        return try await engine.query(sql, [.date(Timestamp.truncated(before))] + jobs.map(SQLValue.string)).compactMap {
            UUID(uuidString: try $0.decode(String.self, at: 0))
        }
    }

    /// Forgets groups that ended before `date` and whose callback is not pending, with their members; returns how many.
    func purge(endedBefore date: Date) async throws -> Int {
        let ended = #"SELECT "id" FROM "loom_job_groups" WHERE "state" <> 'running' AND ("callback_state" IS NULL OR "callback_state" <> 'pending') AND "updated_at" < "#
            + placeholder(1)
        _ = try await engine.query(#"DELETE FROM "loom_job_group_members" WHERE "group_id" IN ("# + ended + ")", [.date(Timestamp.truncated(date))])
        return try await engine.query(#"DELETE FROM "loom_job_groups" WHERE "id" IN ("# + ended + #") RETURNING "id""#, [.date(Timestamp.truncated(date))]).count
    }

    private static func group(_ row: SQLRow) throws -> Group {
        Group(
            id: UUID(uuidString: try row.decode(String.self, at: 0)) ?? UUID(), job: try row.decode(at: 1), size: try row.decode(at: 2),
            succeeded: try row.decode(at: 3), state: State(rawValue: try row.decode(String.self, at: 4)) ?? .running,
            callback: try row.decode(String?.self, at: 5), failedJob: try row.decode(String?.self, at: 6).flatMap(UUID.init(uuidString:)),
            lastError: try row.decode(String?.self, at: 7))
    }
}

/// What a group's dispatch returns: the group's id and each member's job.
public struct JobGroupHandle: Sendable, Hashable, Codable {
    public var groupId: UUID
    public var jobIds: [UUID]
    public var queue: String

    public init(groupId: UUID, jobIds: [UUID], queue: String) {
        self.groupId = groupId
        self.jobIds = jobIds
        self.queue = queue
    }
}
