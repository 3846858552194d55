/// Which version keys (`CacheKeys`) a read depends on and a write bumps, from the model's table, relations and
/// generated `cache` — so they always agree: a profile that includes a parent's children depends on the children's
/// group under that parent, and a write of a child bumps the group of each of its foreign keys.
public enum CacheDependencies {
    /// A get by key, with the profile it loads (nil: the row alone). Nil when it cannot be cached safely: a profile
    /// that reads a model with access rules (what it reads depends on rules of other models over other rows).
    public static func get<Model: LoomModel>(_ model: Model.Type, key: SQLValue, profile: ProfileSpec?) -> [String]? {
        let table = Model.table.table
        var keys = [CacheKeys.rows(table), CacheKeys.row(table, key)]
        guard let profile else { return keys }
        let keyColumn = Model.table.primaryKey.column
        for relation in relations(of: Model.self, in: profile) {
            if relation.reads.hasRules { return nil }
            let reads = relation.reads
            keys.append(CacheKeys.rows(reads.table))
            // Matched on this row's key: only the rows of its group. Otherwise (a belongs-to, matched on a foreign key
            // whose value is only known once the row is read): any row of the table.
            if relation.localColumn == keyColumn {
                keys.append(CacheKeys.group(reads.table, reads.column, key))
            } else {
                keys.append(CacheKeys.table(reads.table))
            }
            if let target = reads.target { keys.append(CacheKeys.table(target)) }
        }
        return keys
    }

    /// A list: any row of the model's table, and of every table its profile or a relation filter reads. Nil when
    /// that includes a model with access rules (see `get`).
    public static func list<Model: LoomModel>(_ model: Model.Type, query: ListQuery, profile: ProfileSpec?) -> [String]? {
        var tables = [Model.table.table]
        if let profile {
            for relation in relations(of: Model.self, in: profile) {
                if relation.reads.hasRules { return nil }
                tables.append(relation.reads.table)
                if let target = relation.reads.target { tables.append(target) }
            }
        }
        if let filter = query.filter { tables += relatedTables(in: filter) }
        return tables.map(CacheKeys.table)
    }

    /// The keys a write of one row bumps: the row, its table, and the group of each foreign key it holds (`row`: its
    /// values in column order, when known). `movedGroups`: the write may have taken the row out of a group whose
    /// value is unknown (an update of a foreign key, a delete whose row was not read back), so every answer naming a
    /// row or group of the table goes stale.
    public static func written<Model: LoomModel>(_ model: Model.Type, key: SQLValue, row: [SQLValue]?, movedGroups: Bool) -> [String] {
        let table = Model.table
        var keys = [CacheKeys.row(table.table, key), CacheKeys.table(table.table), CacheKeys.database]
        if movedGroups { keys.append(CacheKeys.rows(table.table)) }
        if let row {
            for (column, value) in zip(table.columns, row) where column.reference != nil && value != .null {
                keys.append(CacheKeys.group(table.table, column.column, value))
            }
        }
        return keys
    }

    /// What a delete changes beyond its row: every row of each table its foreign keys cascade to or set null in.
    public static func deleted<Model: LoomModel>(_ model: Model.Type) -> [String] {
        Model.cache.deletes.flatMap { [CacheKeys.rows($0), CacheKeys.table($0)] }
    }

    /// Everything derived from a model's table: what code that changed its rows with its own SQL reports.
    public static func everything<Model: LoomModel>(_ model: Model.Type) -> [String] {
        let table = Model.table.table
        return [CacheKeys.rows(table), CacheKeys.table(table), CacheKeys.database] + deleted(Model.self)
    }

    static func relations<Model: LoomModel>(of model: Model.Type, in profile: ProfileSpec) -> [RelationSpec] {
        let names = Set(profile.includes + profile.computed.map(\.relation))
        return Model.relations.filter { names.contains($0.name) }
    }

    static func relatedTables(in filter: Filter) -> [String] {
        switch filter {
        case .condition: []
        case .all(let parts), .any(let parts): parts.flatMap(relatedTables)
        case .not(let inner): relatedTables(in: inner)
        case .related(_, let table, _, let inner): [table.table] + relatedTables(in: inner)
        }
    }
}

extension ProfileSpec.Computed {
    /// The relation it counts or tests.
    var relation: String {
        switch self {
        case .count(_, let relation), .exists(_, let relation): relation
        }
    }
}
