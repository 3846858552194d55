/// The typed repository of one model over any engine. Generated code adds typed helpers (`find(byEmail:)`) in
/// extensions; the statements themselves live here, written once.
///
/// A repository acts for one caller: the model's access rules for that caller (`ModelAccess`) are part of every
/// statement it runs — reads carry the read rule in their WHERE clause, and writes check theirs in the same
/// transaction — so no path into the data (HTTP, a use case, a job, Swift code) can skip them.
public struct Repository<Model: LoomModel>: Sendable {
    public let engine: any DatabaseEngine
    let statements: Statements
    let customization: (any RepositoryCustomization<Model>)?
    /// On whose behalf it reads and writes.
    public let caller: Caller
    /// The caller's rules for the model; nil when none applies (the system, or a model without rules).
    let access: ModelAccess?

    public init(engine: any DatabaseEngine, customization: (any RepositoryCustomization<Model>)? = nil, caller: Caller = .system) {
        self.engine = engine
        self.statements = Model.statements.statements(engine.dialect)
        self.customization = customization
        self.caller = caller
        self.access = ModelAccess(table: Model.table, rules: Model.accessRules, caller: caller)
    }

    /// The same repository (caller, resolved rules) over another engine: a transaction's.
    func on(_ engine: any DatabaseEngine) -> Repository<Model> {
        Repository(engine: engine, statements: statements, customization: nil, caller: caller, access: access)
    }

    private init(
        engine: any DatabaseEngine, statements: Statements, customization: (any RepositoryCustomization<Model>)?, caller: Caller,
        access: ModelAccess?
    ) {
        self.engine = engine
        self.statements = statements
        self.customization = customization
        self.caller = caller
        self.access = access
    }

    /// The same repository without its customization: what a customization's `next` runs.
    public var generated: Repository<Model> {
        Repository(engine: engine, caller: caller)
    }

    public var table: TableSchema { Model.table }

    public func create(_ input: Model.Create) async throws -> Model {
        if let customization {
            let generated = self.generated
            return try await customization.create(input) { try await generated.create($0) }
        }
        guard let access else { return try await insert(input) }
        return try await checkedCreate(input, access)
    }

    /// The insert itself: the input's constraints, then one statement.
    func insert(_ input: Model.Create) async throws -> Model {
        try validateRules(Model.Create.violations(in: input))
        var assignments = Model.Create.assignments(of: input)
        try validate(nulls: assignments)
        let now = Timestamp.now()
        for column in table.columns where column.managed != nil {
            assignments.append(ColumnAssignment(column.column, .date(now)))
        }
        let columns = assignments.map(\.column)
        let rows = columns == statements.insertAllColumnNames
            ? try await write(.insertAll, assignments)
            : try await write(statements.insert(columns: columns), assignments)
        // A trigger of the user's can swallow the row: an error, never a trap.
        guard let row = rows.first else { throw SQLDecodingError(expected: "the inserted \(table.model) row", found: .null) }
        let created = try Model(row: row)
        await reportChange(key: created.primaryKey.sqlValue, row: row.values, movedGroups: false)
        return created
    }

    public func get(_ id: Model.ID) async throws -> Model? {
        try await get(key: id.sqlValue)
    }

    /// The row whose key is `key` (a key already read as a value, a foreign key's). A row the caller may not read is
    /// not there. By the prepared select by key when the caller may read every row, and also when its read rule
    /// speaks of the row alone: the rule is then decided on the row the statement returns, before anything leaves the
    /// repository — the same rule, with the same (Swift) semantics as in SQL, without a statement parsed and planned
    /// for every request (docs/benchmarks.md: 0.68 of the rule-free figure in SQL). A rule that reaches other rows
    /// (`ticket.orgId`, `exists`) runs in the statement.
    func get(key: SQLValue) async throws -> Model? {
        let visible = readFilter
        if visible == .nothing { return nil }
        guard visible == .everything || !visible.reachesOtherRows else {
            return try await all(where: .condition(.init(column: table.primaryKey.column, op: .eq, values: [key])), limit: 1).first
        }
        guard let row = try await run(.selectByKey, [key]).first else { return nil }
        guard visible == .everything || RowEvaluation.holds(visible, on: Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.column), row.values)))
        else { return nil }
        return try Model(row: row)
    }

    /// The rows with these keys the caller may read, in no particular order: one prepared statement however many keys
    /// (a page's belongs-to include).
    func rows(keys: [SQLValue]) async throws -> [Model] {
        let visible = readFilter
        if visible == .nothing || keys.isEmpty { return [] }
        guard visible == .everything || !visible.reachesOtherRows else {
            return try await all(where: .condition(.init(column: table.primaryKey.column, op: .in, values: keys)))
        }
        return try await run(.selectByKeys, [Statements.keyList(keys, dialect: engine.dialect)]).compactMap { row in
            guard visible == .everything || RowEvaluation.holds(visible, on: Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.column), row.values)))
            else { return nil }
            return try Model(row: row)
        }
    }

    /// The rows the caller may read: `Filter.everything` when no rule applies.
    var readFilter: Filter { access?.read ?? .everything }

    /// `filter`, narrowed to the rows the caller may read.
    func readable(_ filter: Filter?) -> Filter? {
        let visible = readFilter
        guard visible != .everything else { return filter }
        return filter.map { RuleCompiler.all([visible, $0]) } ?? visible
    }

    /// The row, or `LoomError.notFound` naming the model and id.
    public func require(_ id: Model.ID) async throws -> Model {
        guard let model = try await get(id) else { throw notFound(id) }
        return model
    }

    /// The row whose `column` equals `value`; meant for unique columns (the first row otherwise).
    public func find(where column: String, equals value: SQLValue) async throws -> Model? {
        guard readFilter == .everything else {
            return try await all(where: .condition(.init(column: column, op: .eq, values: [value])), limit: 1).first
        }
        return try await run(statements.selectWhere(column: column), [value]).first.map(Model.init(row:))
    }

    public func exists(_ id: Model.ID) async throws -> Bool {
        try await get(id) != nil
    }

    /// Whether a row other than `excluded` has `value` in `field`: what a use case's `unique` statement asks, so
    /// that updating a row to its own value is not a clash.
    public func isTaken<Value: SQLValueConvertible>(
        _ field: FieldRef<Model, Value>, _ value: Value, excluding excluded: Model.ID? = nil
    ) async throws -> Bool {
        var filter = field.eq(value)
        if let excluded { filter = .all([filter, .condition(.init(column: table.primaryKey.column, op: .ne, values: [excluded.sqlValue]))]) }
        // A unique field matches at most one row besides `excluded`, so reading the matches costs no more than counting.
        return try await !all(where: filter).isEmpty
    }

    public func count() async throws -> Int {
        guard let visible = readable(nil) else { return try await run(.count, []).first?.decode(Int.self, at: 0) ?? 0 }
        return try await count(where: visible)
    }

    /// The number of rows matching `filter` that the caller may read.
    public func count(where filter: Filter) async throws -> Int {
        try QueryCompiler.validate(ListQuery(filter: filter), table: table)
        var compiler = QueryCompiler(statements: statements)
        let condition = compiler.whereClause(readable(filter) ?? filter)
        return try await run(statements.count + " WHERE " + condition, compiler.binds).first?.decode(Int.self, at: 0) ?? 0
    }

    /// One offset page ordered by primary key. `page` is 1-based.
    public func list(page: Int, limit: Int) async throws -> OffsetPage<Model> {
        guard case .offset(let result) = try await list(ListQuery(page: .offset(page: page, limit: limit))) else {
            preconditionFailure("an offset query yields an offset page")
        }
        return result
    }

    /// Every row matching `filter` (the first `limit`, when given), in primary-key order, in one statement (no count,
    /// no page).
    public func all(where filter: Filter, limit: Int? = nil) async throws -> [Model] {
        try QueryCompiler.validate(ListQuery(filter: filter), table: table)
        var compiler = QueryCompiler(statements: statements)
        let condition = compiler.whereClause(readable(filter) ?? filter)
        let sql = "SELECT \(statements.selectList) FROM \(statements.quotedTable) WHERE \(condition) ORDER BY "
            + compiler.orderBy(QueryCompiler.effectiveSort([], table: table)) + (limit.map { " LIMIT \($0)" } ?? "")
        return try await run(sql, compiler.binds).map(Model.init(row:))
    }

    /// A filtered, sorted page. Unknown columns, and cursors that are malformed or made for another sort, are
    /// `LoomError.badRequest`.
    public func list(_ query: ListQuery) async throws -> ListPage<Model> {
        try await rows(of: query, joining: []).map { try $0.map(Model.init(row:)) }
    }

    /// The page's rows, each followed by the columns of its `joins`' rows (see `JoinedRelation`).
    func rows(of query: ListQuery, joining joins: [JoinedRelation]) async throws -> ListPage<SQLRow> {
        try QueryCompiler.validate(query, table: table)
        try validateReadable(query)
        let sort = QueryCompiler.effectiveSort(query.sort, table: table)
        var compiler = QueryCompiler(statements: statements)
        var conditions = readable(query.filter).map { [compiler.whereClause($0)] } ?? []
        let from = "SELECT \(statements.selectList) FROM \(statements.quotedTable)"
        // With joins, the page is chosen first, then joined: the database reads the related rows of the page's rows
        // only, where a join under the page's ORDER BY … OFFSET joined every row before it. The outer ORDER BY repeats
        // the page's (its bare names still name the page's columns: the joined ones are renamed).
        func joining(_ page: String) -> String {
            guard !joins.isEmpty else { return page }
            let joined = joins.enumerated().map { $1.sql(index: $0, joiningTo: statements, as: "loom_page") }
            return "SELECT \(engine.dialect.quote("loom_page")).*" + joined.map { ", " + $0.columns }.joined()
                + " FROM (\(page)) AS \(engine.dialect.quote("loom_page"))" + joined.map(\.join).joined()
                + " ORDER BY " + QueryCompiler(statements: statements).orderBy(sort, selected: true)
        }
        switch query.page {
        case .offset(let page, let limit):
            // The HTTP parser bounds both; a Swift caller's values are checked here rather than overflowing.
            let (offset, overflowed) = (page - 1).multipliedReportingOverflow(by: limit)
            guard page >= 1, limit >= 1, !overflowed else {
                throw LoomError.badRequest(message: "page must be at least 1 and limit at least 1, and page × limit must fit", parameter: "page")
            }
            let whereSQL = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let countBinds = compiler.binds
            let limitIndex = compiler.binds.count + 1
            let sql = joining(from + whereSQL + " ORDER BY " + compiler.orderBy(sort)
                + " LIMIT \(engine.dialect.placeholder(limitIndex)) OFFSET \(engine.dialect.placeholder(limitIndex + 1))")
            // Both at once: on a pipelined session they share one round trip.
            async let rows = run(sql, compiler.binds + [.int(limit), .int(offset)])
            async let counted = run("SELECT COUNT(*) FROM \(statements.quotedTable)" + whereSQL, countBinds)
            let total = try await counted.first?.decode(Int.self, at: 0) ?? 0
            return .offset(OffsetPage(items: try await rows, totalCount: total, page: page, limit: limit))
        case .cursor(let after, let limit):
            guard limit >= 1, limit < Int.max else {
                throw LoomError.badRequest(message: "limit must be at least 1", parameter: "limit")
            }
            // Decided by the schema, not the data: a sort whose values could make a `nextCursor` too long to send
            // back in a URL does not page by cursor at all.
            guard let length = Cursor.worstCaseLength(of: sort, table: table), length <= Cursor.maximumLength else {
                let fields = query.sort.compactMap { table.column(named: $0.column)?.field }.joined(separator: ", ")
                throw LoomError.badRequest(
                    message: "sorting by \(fields) cannot page by cursor: its values can make a cursor too long for a URL; "
                        + "use pagination=offset",
                    parameter: "sort")
            }
            let signature = Cursor.signature(of: sort)
            if let after {
                let cursor: Cursor
                do {
                    cursor = try Cursor.decode(after)
                } catch let error as Cursor.Invalid {
                    throw LoomError.badRequest(message: "the cursor \(error.reason)", parameter: "cursor")
                }
                guard cursor.sort == signature, cursor.values.count == sort.count else {
                    throw LoomError.badRequest(message: "the cursor was made for another sort", parameter: "cursor")
                }
                // The checksum catches edits, not forgeries: every value must also be of its column's kind, or it
                // would reach SQL as a mistyped bind (a PostgreSQL error, or a silently wrong page on SQLite).
                for (value, key) in zip(cursor.values, sort) {
                    guard let column = table.column(named: key.column), Cursor.fits(value, column) else {
                        throw LoomError.badRequest(message: "the cursor holds a value its sort cannot take", parameter: "cursor")
                    }
                }
                conditions.append(compiler.keyset(after: cursor.values, sort: sort))
            }
            let whereSQL = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let sql = joining(from + whereSQL + " ORDER BY " + compiler.orderBy(sort)
                + " LIMIT \(engine.dialect.placeholder(compiler.binds.count + 1))")
            let rows = try await run(sql, compiler.binds + [.int(limit + 1)])
            let page = Array(rows.prefix(limit))
            var next: String?
            if rows.count > limit, let last = page.last {
                let indices = sort.map { key in table.columns.firstIndex { $0.column == key.column }! }
                next = Cursor(sort: signature, values: indices.map { Self.cursorValue(last.values[$0], table.columns[$0]) }).encoded()
            }
            return .cursor(CursorPage(items: page, nextCursor: next))
        }
    }

    /// A row value as the keyset predicate will bind it (SQLite text timestamps back to instants).
    static func cursorValue(_ value: SQLValue, _ column: ColumnSchema) -> SQLValue {
        if column.type == .dateTime, case .string(let text) = value, let date = Timestamp.parse(text) { return .date(date) }
        if column.type == .bool, case .int(let number) = value { return .bool(number != 0) }
        return value
    }

    /// Writes only the fields the patch carries (and refreshes `updatedAt`). Nil when there is no such row.
    /// With a `scope`, only a row that also has the scope's value is written, checked in the same statement (a
    /// nested route's parent): nil otherwise, as for a missing row.
    public func update(_ id: Model.ID, with patch: Model.Update, scope: RowScope? = nil) async throws -> Model? {
        if let customization {
            let generated = self.generated
            return try await customization.update(id, with: patch) { try await generated.update($0, with: $1, scope: scope) }
        }
        guard let access else { return try await write(id, patch, scope: scope) }
        return try await checkedUpdate(id, with: patch, scope: scope, access)
    }

    /// The update itself: the patch's constraints, then one statement.
    func write(_ id: Model.ID, _ patch: Model.Update, scope: RowScope?) async throws -> Model? {
        try validateRules(Model.Update.violations(in: patch))
        var assignments = Model.Update.assignments(of: patch)
        try validate(nulls: assignments)
        guard !assignments.isEmpty else {
            guard let row = try await get(id), scope.map({ $0.contains(row) }) ?? true else { return nil }
            return row
        }
        let now = Timestamp.now()
        for column in table.columns where column.managed == .updatedAt {
            assignments.append(ColumnAssignment(column.column, .date(now)))
        }
        let sql = statements.update(columns: assignments.map(\.column), scope: scope?.column)
        let rows = try await write(sql, assignments, key: id.sqlValue, scope: scope?.value)
        guard let row = rows.first else { return nil }
        // A foreign key written may have taken the row out of its old parent's group, whose value is not known here.
        let moved = assignments.contains { table.column(named: $0.column)?.reference != nil }
        await reportChange(key: id.sqlValue, row: row.values, movedGroups: moved)
        return try Model(row: row)
    }

    /// False when there was no such row.
    /// False when there was no such row (or, with a `scope`, none that also has the scope's value).
    public func delete(_ id: Model.ID, scope: RowScope? = nil) async throws -> Bool {
        if let customization {
            let generated = self.generated
            return try await customization.delete(id) { try await generated.delete($0, scope: scope) }
        }
        if let access { return try await checkedDelete(id, scope: scope, access) }
        return try await remove(id, scope: scope)
    }

    /// The delete itself: one statement.
    func remove(_ id: Model.ID, scope: RowScope?) async throws -> Bool {
        let removed = if let scope {
            try await !run(statements.delete(scope: scope.column), [id.sqlValue, scope.value]).isEmpty
        } else {
            try await !run(.deleteByKey, [id.sqlValue]).isEmpty
        }
        // The deleted row's foreign keys are not read back: the groups it left are unknown.
        if removed { await reportChange(key: id.sqlValue, row: nil, movedGroups: table.columns.contains { $0.reference != nil }, deleting: true) }
        return removed
    }

    /// Tells the engine's read cache which rows a write changed (see `CacheDependencies.written`): at once, or when
    /// the transaction it ran in commits.
    func reportChange(key: SQLValue, row: [SQLValue]?, movedGroups: Bool, deleting: Bool = false) async {
        guard engine.tracksChanges else { return }
        var keys = CacheDependencies.written(Model.self, key: key, row: row, movedGroups: movedGroups)
        if deleting { keys += CacheDependencies.deleted(Model.self) }
        await engine.changed(keys, label: table.model)
    }

    /// Makes every cached read of the model stale: for code that changed its rows with SQL of its own, which the
    /// cache cannot see. Applied when the transaction commits, when run in one.
    public func invalidateCache() async {
        guard engine.tracksChanges else { return }
        await engine.changed(CacheDependencies.everything(Model.self), label: table.model)
    }

    public func notFound(_ id: Model.ID) -> LoomError {
        .notFound(entity: table.model, id: String(describing: id))
    }

    /// The input's constraints: a well-formed value that breaks them is a rule violation (`rule_violations`).
    private func validateRules(_ violations: [LoomError.Violation]) throws {
        if !violations.isEmpty { throw LoomError.ruleViolations(violations) }
    }

    private func validate(_ violations: [LoomError.Violation]) throws {
        if !violations.isEmpty { throw LoomError.validation(violations) }
    }

    /// A Swift caller can build what a decoded body cannot: a patch that clears a non-nullable field (`.null`), or
    /// text holding a NUL (which SQLite would store whole and read back cut short, slipping past `@unique`, and
    /// PostgreSQL refuses). Refused here, in the words a body's decoding uses.
    private func validate(nulls assignments: [ColumnAssignment]) throws {
        let violations = assignments.compactMap { assignment -> LoomError.Violation? in
            guard let column = table.column(named: assignment.column) else { return nil }
            if assignment.value == .null, !column.isOptional { return .init(field: column.field, message: "must not be null") }
            if case .string(let text) = assignment.value, text.containsNUL {
                return .init(field: column.field, message: "must not contain the NUL character")
            }
            return nil
        }
        try validate(violations)
    }

    /// Runs an insert or update. A refused foreign key there means a parent is missing: say which (404), rather
    /// than the database's generic refusal.
    func write(_ sql: String, _ assignments: [ColumnAssignment], key: SQLValue? = nil, scope: SQLValue? = nil) async throws -> [SQLRow] {
        try await write(assignments) { try await engine.query(sql, assignments.map(\.value) + [key, scope].compactMap { $0 }) }
    }

    func write(_ statement: StaticStatement, _ assignments: [ColumnAssignment]) async throws -> [SQLRow] {
        try await write(assignments) { try await engine.query(statement, of: Model.self, assignments.map(\.value)) }
    }

    func write(_ assignments: [ColumnAssignment], _ execute: () async throws -> [SQLRow]) async throws -> [SQLRow] {
        do {
            return try await execute()
        } catch DatabaseError.foreignKeyViolation(let table, let constraint, let detail) {
            // PostgreSQL names the column whose parent is missing (`Key (shelf_id)=(99) is not present in table …`),
            // and must be believed: inside a transaction it refuses any further query until the rollback.
            if let column = Self.columnWithMissingParent(in: detail),
               let assignment = assignments.first(where: { $0.column == column && $0.value != .null }),
               let reference = self.table.column(named: column)?.reference {
                throw LoomError.notFound(entity: reference.model, id: Self.describe(assignment.value))
            }
            // SQLite says only "FOREIGN KEY constraint failed" (and leaves the transaction usable): ask.
            for assignment in assignments where assignment.value != .null {
                guard let column = self.table.column(named: assignment.column), let reference = column.reference else { continue }
                let probe = "SELECT 1 FROM \(engine.dialect.quote(reference.table)) WHERE \(engine.dialect.quote(reference.column)) = "
                    + Statements.placeholder(1, for: column, dialect: engine.dialect)
                if try await engine.query(probe, [assignment.value]).isEmpty {
                    throw LoomError.notFound(entity: reference.model, id: Self.describe(assignment.value))
                }
            }
            throw ConstraintErrorMapper(table: self.table).map(.foreignKeyViolation(table: table, constraint: constraint, detail: detail))
        } catch let error as DatabaseError {
            throw ConstraintErrorMapper(table: self.table, assignments: assignments).map(error)
        }
    }

    /// `shelf_id` from PostgreSQL's `Key (shelf_id)=(99) is not present in table "shelves".`; nil for anything else
    /// (a delete still referenced says "is still referenced from table").
    static func columnWithMissingParent(in detail: String) -> String? {
        guard detail.contains("is not present in table"), let open = detail.range(of: "Key ("),
              let close = detail.range(of: ")=(", range: open.upperBound..<detail.endIndex)
        else { return nil }
        let column = String(detail[open.upperBound..<close.lowerBound])
        return column.contains(",") ? nil : column.filter { $0 != "\"" }
    }

    static func describe(_ value: SQLValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .string(let text): text
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        case .date(let date): Timestamp.format(date)
        case .null: "null"
        }
    }

    /// Runs a statement, turning constraint failures into the client errors they stand for.
    func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            return try await engine.query(sql, binds)
        } catch let error as DatabaseError {
            throw ConstraintErrorMapper(table: table).map(error)
        }
    }

    func run(_ statement: StaticStatement, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            return try await engine.query(statement, of: Model.self, binds)
        } catch let error as DatabaseError {
            throw ConstraintErrorMapper(table: table).map(error)
        }
    }
}
