/// A relation of a model as the runtime loads it: in one batched query for a whole page of rows (`… WHERE fk IN
/// (…)`), never one query per row. Generated from the schema's foreign keys (`User.relations`).
public struct RelationSpec: Sendable {
    public enum Kind: String, Sendable {
        case belongsTo
        case hasMany
        case manyToMany
    }

    public let name: String
    public let kind: Kind
    /// The column of this model whose value the related rows match: the key for has-many, the foreign key for
    /// belongs-to.
    public let localColumn: String
    /// Related rows (as JSON-encodable values, less what the caller may not read) grouped by the matched value; at
    /// most `limit` rows are read, and only rows the caller may read.
    let fetch: @Sendable (any DatabaseEngine, Caller, [SQLValue], Int) async throws -> (rows: [SQLValue: [any Encodable & Sendable]], count: Int)
    /// Counts of related rows the caller may read, grouped by the matched value (has-many only).
    let count: @Sendable (any DatabaseEngine, Caller, [SQLValue]) async throws -> [SQLValue: Int]
    /// Many-to-many: what a list filter on the relation may compare (the related model's key, as the join holds it),
    /// and the filter on this model's rows linked to any of those keys; nil for other relations, and when the join
    /// model has access rules (a filter would tell which links exist whatever the caller may read).
    public let linkFilter: (keyType: ColumnType, rowsLinkedTo: @Sendable ([SQLValue]) -> Filter)?
    /// The rows loading it reads, for the read cache: the related table and its column matched against `localColumn`,
    /// the target table behind a join, and whether a rule of those models depends on the caller.
    public let reads: RelationReads
    /// Belongs-to a model without access rules: the related row can come with a page's own statement, by a `LEFT
    /// JOIN` (what a caller may read of it never depends on the caller).
    let joined: JoinedRelation?

    init(
        name: String, kind: Kind, localColumn: String, reads: RelationReads, joined: JoinedRelation? = nil,
        fetch: @escaping @Sendable (any DatabaseEngine, Caller, [SQLValue], Int) async throws -> (rows: [SQLValue: [any Encodable & Sendable]], count: Int),
        count: @escaping @Sendable (any DatabaseEngine, Caller, [SQLValue]) async throws -> [SQLValue: Int],
        linkFilter: (keyType: ColumnType, rowsLinkedTo: @Sendable ([SQLValue]) -> Filter)? = nil
    ) {
        self.name = name
        self.kind = kind
        self.localColumn = localColumn
        self.reads = reads
        self.joined = joined
        self.fetch = fetch
        self.count = count
        self.linkFilter = linkFilter
    }

    /// `User.addresses`: rows of `Child` whose `foreignKey` column holds this model's `localKey`.
    public static func hasMany<Child: LoomModel>(_ name: String, _ child: Child.Type, foreignKey: String, localKey: String) -> RelationSpec {
        RelationSpec(
            name: name, kind: .hasMany, localColumn: localKey,
            reads: RelationReads(table: Child.table.table, column: foreignKey, hasRules: !Child.accessRules.isEmpty),
            fetch: { engine, caller, keys, limit in
                try await rows(Child.self, column: foreignKey, in: keys, limit: limit, repository: Repository(engine: engine, caller: caller))
            },
            count: { engine, caller, keys in
                try await counts(Child.self, column: foreignKey, in: keys, repository: Repository(engine: engine, caller: caller))
            })
    }

    /// `Address.user`: the `Target` row whose `targetKey` equals this model's `foreignKey` column.
    public static func belongsTo<Target: LoomModel>(_ name: String, _ target: Target.Type, foreignKey: String, targetKey: String) -> RelationSpec {
        RelationSpec(
            name: name, kind: .belongsTo, localColumn: foreignKey,
            reads: RelationReads(table: Target.table.table, column: targetKey, hasRules: !Target.accessRules.isEmpty),
            joined: Target.accessRules.isEmpty ? JoinedRelation(Target.self, foreignKey: foreignKey, targetKey: targetKey) : nil,
            fetch: { engine, caller, keys, limit in
                try await rows(Target.self, column: targetKey, in: keys, limit: limit, repository: Repository(engine: engine, caller: caller))
            },
            count: { _, _, _ in [:] })
    }

    /// `Product.tags` through `ProductTag`: the `Target` rows whose `targetKey` the join rows' `joinTarget` holds,
    /// for the join rows whose `joinLocal` holds this model's `localKey`. Two queries for a whole page (the join rows,
    /// then the targets), each under the caller's rules for its own model: a link the caller may not read links
    /// nothing.
    public static func manyToMany<Target: LoomModel, Join: LoomModel>(
        _ name: String, _ target: Target.Type, through join: Join.Type, localKey: String, joinLocal: String, joinTarget: String,
        targetKey: String
    ) -> RelationSpec {
        RelationSpec(
            name: name, kind: .manyToMany, localColumn: localKey,
            reads: RelationReads(
                table: Join.table.table, column: joinLocal, target: Target.table.table,
                hasRules: !Join.accessRules.isEmpty || !Target.accessRules.isEmpty),
            fetch: { engine, caller, keys, limit in
                let links = Repository<Join>(engine: engine, caller: caller)
                let keys = Array(Set(keys.filter { $0 != .null }))
                guard !keys.isEmpty, let localIndex = Join.table.columns.firstIndex(where: { $0.column == joinLocal }),
                      let targetIndex = Join.table.columns.firstIndex(where: { $0.column == joinTarget })
                else { return ([:], 0) }
                let joinRows = try await links.all(where: .condition(.init(column: joinLocal, op: .in, values: keys)), limit: limit)
                let pairs = joinRows.map { (local: $0.rowValues[localIndex], target: $0.rowValues[targetIndex]) }
                let (targets, _) = try await rows(
                    Target.self, column: targetKey, in: pairs.map(\.target), limit: limit, repository: Repository(engine: engine, caller: caller))
                var grouped: [SQLValue: [any Encodable & Sendable]] = [:]
                for pair in pairs {
                    grouped[pair.local, default: []] += targets[pair.target] ?? []
                }
                return (grouped, joinRows.count)
            },
            count: { engine, caller, keys in
                try await counts(Join.self, column: joinLocal, in: keys, repository: Repository(engine: engine, caller: caller))
            },
            linkFilter: Join.accessRules.isEmpty ? Join.table.column(named: joinTarget).map { target in
                (keyType: target.type, rowsLinkedTo: { keys in
                    .related(column: localKey, table: Join.table, key: joinLocal, .condition(.init(column: joinTarget, op: .in, values: keys)))
                })
            } : nil)
    }

    static func rows<Related: LoomModel>(
        _ type: Related.Type, column: String, in keys: [SQLValue], limit: Int, repository: Repository<Related>
    ) async throws -> (rows: [SQLValue: [any Encodable & Sendable]], count: Int) {
        let keys = Array(Set(keys.filter { $0 != .null }))
        guard !keys.isEmpty, let index = Related.table.columns.firstIndex(where: { $0.column == column }) else { return ([:], 0) }
        // One row's belongs-to (a profile of a single item): the prepared select by key, not an `IN` list parsed anew.
        if keys.count == 1, Related.table.primaryKey.column == column {
            let row = try await repository.get(key: keys[0])
            return (row.map { [$0.rowValues[index]: [repository.visible($0)]] } ?? [:], row == nil ? 0 : 1)
        }
        // A page's belongs-to: by key, through the one prepared statement for any number of keys.
        if Related.table.primaryKey.column == column {
            let rows = try await repository.rows(keys: keys)
            return (Dictionary(grouping: rows) { $0.rowValues[index] }.mapValues { $0.map(repository.visible) }, rows.count)
        }
        let rows = try await repository.all(where: .condition(.init(column: column, op: .in, values: keys)), limit: limit)
        return (Dictionary(grouping: rows) { $0.rowValues[index] }.mapValues { $0.map(repository.visible) }, rows.count)
    }

    static func counts<Related: LoomModel>(
        _ type: Related.Type, column: String, in keys: [SQLValue], repository: Repository<Related>
    ) async throws -> [SQLValue: Int] {
        let keys = Array(Set(keys.filter { $0 != .null }))
        guard !keys.isEmpty, Related.table.column(named: column) != nil else { return [:] }
        let dialect = repository.engine.dialect
        var compiler = QueryCompiler(statements: repository.statements)
        let condition = compiler.whereClause(repository.readable(.condition(.init(column: column, op: .in, values: keys)))!)
        let sql = "SELECT \(dialect.quote(column)), COUNT(*) FROM \(dialect.quote(Related.table.table)) "
            + "WHERE \(condition) GROUP BY \(dialect.quote(column))"
        var result: [SQLValue: Int] = [:]
        for row in try await repository.engine.query(sql, compiler.binds) {
            result[row.values[0]] = try row.decode(Int.self, at: 1)
        }
        return result
    }
}

/// What loading a relation reads: the rows of `table` whose `column` matches, and, through a join, rows of `target`.
public struct RelationReads: Sendable, Hashable {
    public let table: String
    public let column: String
    public let target: String?
    /// A model read has access rules: what is read depends on who asks.
    public let hasRules: Bool

    public init(table: String, column: String, target: String? = nil, hasRules: Bool) {
        self.table = table
        self.column = column
        self.target = target
        self.hasRules = hasRules
    }
}

/// A named read plan (`profile withAddresses { include addresses; count addresses as addressCount }`).
public struct ProfileSpec: Sendable, Hashable {
    public enum Computed: Sendable, Hashable {
        /// The number of rows of a has-many relation.
        case count(name: String, relation: String)
        /// Whether a has-many relation has any row.
        case exists(name: String, relation: String)
    }

    public var name: String
    public var includes: [String]
    public var computed: [Computed]

    public init(name: String, includes: [String], computed: [Computed]) {
        self.name = name
        self.includes = includes
        self.computed = computed
    }
}
