/// How a repository holds its caller to the model's rules on writes and in what it answers. Reads carry the read
/// rule in their own statements (`Repository.readable`); a write runs in a transaction that first finds the row the
/// caller may read (a 404 otherwise, as for a missing row), writes it, and checks the rule on the result in the
/// database — related rows included — so a refused write is rolled back whole (a 403).
extension Repository {
    func checkedCreate(_ input: Model.Create, _ access: ModelAccess) async throws -> Model {
        try await engine.withTransaction { engine in
            let repository = self.on(engine)
            let created = try await repository.insert(input)
            guard try await repository.holds(access.rows(.create), key: created.primaryKey.sqlValue) else {
                throw LoomError.forbidden(message: "you may not create this \(Model.table.model)", field: nil)
            }
            return created
        }
    }

    func checkedUpdate(_ id: Model.ID, with patch: Model.Update, scope: RowScope?, _ access: ModelAccess) async throws -> Model? {
        try await engine.withTransaction { engine in
            let repository = self.on(engine)
            guard let before = try await repository.lockedRow(id.sqlValue, scope: scope) else { return nil }
            guard let updated = try await repository.write(id, patch, scope: scope) else { return nil }
            let beforeValues = Dictionary(uniqueKeysWithValues: zip(Model.table.columns.map(\.column), before.rowValues))
            let row = access.rows(.update, before: beforeValues)
            let fields = Model.Update.assignments(of: patch).compactMap { Model.table.column(named: $0.column)?.field }
                .map { ($0, access.writable($0, before: beforeValues)) }
            let key = id.sqlValue
            if try await repository.holds(RuleCompiler.all([row] + fields.map(\.1)), key: key) { return updated }
            // Refused: say whether the row or which field.
            if try await !repository.holds(row, key: key) {
                throw LoomError.forbidden(message: "you may not update this \(Model.table.model)", field: nil)
            }
            for (field, rule) in fields where try await !repository.holds(rule, key: key) {
                throw LoomError.forbidden(message: "you may not change '\(field)' of this \(Model.table.model)", field: field)
            }
            throw LoomError.forbidden(message: "you may not update this \(Model.table.model)", field: nil)
        }
    }

    func checkedDelete(_ id: Model.ID, scope: RowScope?, _ access: ModelAccess) async throws -> Bool {
        try await engine.withTransaction { engine in
            let repository = self.on(engine)
            guard try await repository.lockedRow(id.sqlValue, scope: scope) != nil else { return false }
            guard try await repository.holds(access.rows(.delete), key: id.sqlValue) else {
                throw LoomError.forbidden(message: "you may not delete this \(Model.table.model)", field: nil)
            }
            return try await repository.remove(id, scope: scope)
        }
    }

    /// The row with `key` that the caller may read (and that has the scope's value), locked until the transaction
    /// ends on PostgreSQL, so the rule is checked against the row that is written.
    func lockedRow(_ key: SQLValue, scope: RowScope?) async throws -> Model? {
        var filter = Filter.condition(.init(column: table.primaryKey.column, op: .eq, values: [key]))
        if let scope { filter = .all([filter, .condition(.init(column: scope.column, op: .eq, values: [scope.value]))]) }
        var compiler = QueryCompiler(statements: statements)
        let condition = compiler.whereClause(readable(filter) ?? filter)
        let lock = engine.dialect == .postgres ? " FOR UPDATE" : ""
        let sql = "SELECT \(statements.selectList) FROM \(statements.quotedTable) WHERE \(condition)\(lock)"
        return try await run(sql, compiler.binds).first.map(Model.init(row:))
    }

    /// Whether the row with `key` passes `filter`, asked of the database (inside the write's transaction).
    func holds(_ filter: Filter, key: SQLValue) async throws -> Bool {
        if filter == .everything { return true }
        if filter == .nothing { return false }
        var compiler = QueryCompiler(statements: statements)
        let condition = compiler.whereClause(.all([.condition(.init(column: table.primaryKey.column, op: .eq, values: [key])), filter]))
        return try await !run("SELECT 1 FROM \(statements.quotedTable) WHERE \(condition)", compiler.binds).isEmpty
    }

    /// Filters and sorts name only fields the caller may read on every row it can see: otherwise which rows match,
    /// or their order, would tell what it may not read. A 400 naming the parameter, as for an unknown field.
    func validateReadable(_ query: ListQuery) throws {
        guard let access else { return }
        func check(_ filter: Filter) throws {
            switch filter {
            case .condition(let condition):
                guard access.canFilter(byColumn: condition.column) else {
                    let parameter = condition.column + (condition.op == .eq ? "" : "__" + condition.op.rawValue)
                    throw LoomError.badRequest(message: "you may not filter by '\(condition.column)'", parameter: parameter)
                }
            case .all(let parts), .any(let parts): try parts.forEach(check)
            case .not(let inner): try check(inner)
            case .related: break
            }
        }
        try query.filter.map(check)
        for key in query.sort where !access.canFilter(byColumn: key.column) {
            throw LoomError.badRequest(message: "you may not sort by '\(key.column)'", parameter: "sort")
        }
    }

    /// Whether the operation needs a credential: the caller is anonymous and no rule can allow it to an anonymous
    /// caller. The HTTP routes answer such a request with a 401 (send a token), not an empty page or a 404.
    public func needsCredential(for operation: AccessRule.Operation) -> Bool {
        guard caller == .anonymous, let access else { return false }
        return access.rows(operation) == .nothing
    }

    /// The same repository acting for `caller` (with the same customization).
    public func acting(as caller: Caller) -> Repository<Model> {
        Repository(engine: engine, customization: customization, caller: caller)
    }

    /// Whether some of a row's fields may be hidden from the caller (a field rule on `read` applies to it).
    public var hidesFields: Bool { !(access?.readableFields.isEmpty ?? true) }

    /// The fields of `model` its caller may not read; empty when it may read them all.
    public func hiddenFields(of model: Model) -> Set<String> {
        access?.hiddenFields(of: model.rowValues) ?? []
    }

    /// What the caller may see of `model`: the entity itself, or the entity without the fields it may not read.
    public func visible(_ model: Model) -> Redacted<Model> {
        Redacted(model, hiding: hiddenFields(of: model))
    }

    /// `models` as the caller may see them, each without the fields it may not read.
    public func redacted(_ models: [Model]) -> [Redacted<Model>] {
        models.map { Redacted($0, hiding: hiddenFields(of: $0)) }
    }
}

extension Repository {
    /// What the caller may read of the model, as a read cache's key must carry it: empty when no rule applies, the
    /// rules as resolved for the caller otherwise (two callers whose rules resolve alike share answers). Nil when a
    /// rule reads other rows: whether it holds can change without a write to this model, so nothing is cached.
    public var readRights: String? {
        guard let access else { return "" }
        if access.read.reachesOtherRows || access.readableFields.contains(where: { $0.filter.reachesOtherRows }) { return nil }
        return "\(access.read)|" + access.readableFields.map { "\($0.field)=\($0.filter)" }.joined(separator: ";")
    }
}
