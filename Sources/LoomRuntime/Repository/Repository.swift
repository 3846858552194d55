/// The typed repository of one model over any engine. Generated code adds typed helpers (`find(byEmail:)`) in
/// extensions; the statements themselves live here, written once.
public struct Repository<Model: LoomModel>: Sendable {
    public let engine: any DatabaseEngine
    let statements: Statements

    public init(engine: any DatabaseEngine) {
        self.engine = engine
        self.statements = Statements(table: Model.table, dialect: engine.dialect)
    }

    public var table: TableSchema { Model.table }

    public func create(_ input: Model.Create) async throws -> Model {
        var assignments = input.assignments
        try validate(assignments)
        let now = Timestamp.now()
        for column in table.columns where column.managed != nil {
            assignments.append(ColumnAssignment(column.column, .date(now)))
        }
        let rows = try await run(statements.insert(columns: assignments.map(\.column)), assignments.map(\.value))
        return try Model(row: rows[0])
    }

    public func get(_ id: Model.ID) async throws -> Model? {
        try await run(statements.selectByKey, [id.sqlValue]).first.map(Model.init(row:))
    }

    /// The row, or `LoomError.notFound` naming the model and id.
    public func require(_ id: Model.ID) async throws -> Model {
        guard let model = try await get(id) else { throw notFound(id) }
        return model
    }

    /// The row whose `column` equals `value`; meant for unique columns (the first row otherwise).
    public func find(where column: String, equals value: SQLValue) async throws -> Model? {
        try await run(statements.selectWhere(column: column), [value]).first.map(Model.init(row:))
    }

    public func exists(_ id: Model.ID) async throws -> Bool {
        try await get(id) != nil
    }

    public func count() async throws -> Int {
        try await run(statements.count, []).first?.decode(Int.self, at: 0) ?? 0
    }

    /// One offset page ordered by primary key. `page` is 1-based.
    public func list(page: Int, limit: Int) async throws -> OffsetPage<Model> {
        let offset = (page - 1) * limit
        let rows = try await run(statements.listPage, [.int(limit), .int(offset)])
        let total = try await count()
        return OffsetPage(items: try rows.map(Model.init(row:)), totalCount: total, page: page, limit: limit)
    }

    /// Writes only the fields the patch carries (and refreshes `updatedAt`). Nil when there is no such row.
    public func update(_ id: Model.ID, with patch: Model.Update) async throws -> Model? {
        var assignments = patch.assignments
        try validate(assignments)
        guard !assignments.isEmpty else { return try await get(id) }
        let now = Timestamp.now()
        for column in table.columns where column.managed == .updatedAt {
            assignments.append(ColumnAssignment(column.column, .date(now)))
        }
        let rows = try await run(statements.update(columns: assignments.map(\.column)), assignments.map(\.value) + [id.sqlValue])
        return try rows.first.map(Model.init(row:))
    }

    /// False when there was no such row.
    public func delete(_ id: Model.ID) async throws -> Bool {
        try await !run(statements.deleteByKey, [id.sqlValue]).isEmpty
    }

    public func notFound(_ id: Model.ID) -> LoomError {
        .notFound(entity: table.model, id: String(describing: id))
    }

    private func validate(_ assignments: [ColumnAssignment]) throws {
        let violations = InputValidator.violations(of: assignments, in: table)
        if !violations.isEmpty { throw LoomError.validation(violations) }
    }

    /// Runs a statement, turning constraint failures into the client errors they stand for.
    private func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            return try await engine.query(sql, binds)
        } catch let error as DatabaseError {
            throw ConstraintErrorMapper(table: table).map(error)
        }
    }
}
