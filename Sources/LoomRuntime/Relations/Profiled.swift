/// An entity with what a profile added: related rows and computed fields, encoded as extra keys of the entity's own
/// JSON object (`{"id":1,…,"addresses":[…],"addressCount":2}`).
public struct Profiled<Model: LoomModel>: Sendable, Encodable {
    public enum Extra: Sendable {
        case many([any Encodable & Sendable])
        case one((any Encodable & Sendable)?)
        case number(Int)
        case flag(Bool)
    }

    public let entity: Model
    /// In the profile's order.
    public let extras: [(String, Extra)]
    /// The entity's fields its caller may not read.
    public let hidden: Set<String>

    public init(entity: Model, extras: [(String, Extra)], hidden: Set<String> = []) {
        self.entity = entity
        self.extras = extras
        self.hidden = hidden
    }

    /// A `count … as name` of the profile; nil when it has none of that name.
    public func count(_ name: String) -> Int? {
        for case (name, .number(let value)) in extras { return value }
        return nil
    }

    /// An `exists … as name` of the profile; nil when it has none of that name.
    public func flag(_ name: String) -> Bool? {
        for case (name, .flag(let value)) in extras { return value }
        return nil
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        try (hidden.isEmpty ? entity.encode(to: encoder) : Redacted(entity, hiding: hidden).encode(to: encoder))
        var container = encoder.container(keyedBy: Key.self)
        for (name, extra) in extras {
            let key = Key(stringValue: name)
            switch extra {
            case .many(let rows): try container.encode(rows.map(AnyEncodable.init), forKey: key)
            case .one(let row): try container.encode(row.map(AnyEncodable.init), forKey: key)
            case .number(let value): try container.encode(value, forKey: key)
            case .flag(let value): try container.encode(value, forKey: key)
            }
        }
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension Repository {
    /// The most related rows one `load(profile:for:)` reads per included relation: past it the request is a 400
    /// (ask for fewer items), so a row with a million children cannot turn one GET into a million-row response.
    public static var maximumIncludedRows: Int { 10_000 }

    /// Loads `profile` for `models`: one query per included relation and one grouped query per counted relation,
    /// whatever the number of models. Unknown profile names are a 400 naming the `profile` parameter; so is an include
    /// that would read more than `maximumIncludedRows` rows.
    public func load(
        profile name: String, for models: [Model], maximumIncludedRows: Int = Repository.maximumIncludedRows
    ) async throws -> [Profiled<Model>] {
        try await load(profile: profile(named: name), for: models, maximumIncludedRows: maximumIncludedRows)
    }

    /// A page with `profile` loaded: its belongs-to includes of models without access rules in the page's own
    /// statement (a `LEFT JOIN`), the rest as `load(profile:for:)` loads them.
    public func list(_ query: ListQuery, profile name: String) async throws -> ListPage<Profiled<Model>> {
        let profile = try profile(named: name)
        let joins = Self.joins(of: profile)
        return try await rows(of: query, joining: joins.map(\.relation)).map { try await profiled($0, profile, joins) }
    }

    /// The row with `key` and `profile` loaded, nil when there is none the caller may read. For a model without
    /// rules, its belongs-to includes come in the row's own statement, as for a page.
    public func get(_ key: Model.ID, profile name: String) async throws -> Profiled<Model>? {
        let profile = try profile(named: name)
        let joins = Self.joins(of: profile)
        guard access == nil, !joins.isEmpty else {
            guard let row = try await get(key) else { return nil }
            return try await load(profile: profile, for: [row])[0]
        }
        let query = ListQuery(
            filter: .condition(.init(column: table.primaryKey.column, op: .eq, values: [key.sqlValue])),
            page: .cursor(after: nil, limit: 1))
        return try await profiled(rows(of: query, joining: joins.map(\.relation)).items, profile, joins).first
    }

    /// The profile's includes that can be joined, with their names.
    static func joins(of profile: ProfileSpec) -> [(include: String, relation: JoinedRelation)] {
        profile.includes.compactMap { include in Model.relations.first { $0.name == include }?.joined.map { (include, $0) } }
    }

    /// Rows read with `joins` (the model's columns, then each joined row's) as profiled entities.
    private func profiled(
        _ rows: [SQLRow], _ profile: ProfileSpec, _ joins: [(include: String, relation: JoinedRelation)]
    ) async throws -> [Profiled<Model>] {
        var prefetched: [String: [Profiled<Model>.Extra]] = [:]
        var start = Model.table.columns.count
        for (include, join) in joins {
            let end = start + join.table.columns.count
            prefetched[include] = try rows.map { .one(try join.decode($0.values[start..<end])) }
            start = end
        }
        return try await load(profile: profile, for: try rows.map(Model.init(row:)), prefetched: prefetched)
    }

    /// Unknown profile names are a 400 naming the `profile` parameter.
    func profile(named name: String) throws -> ProfileSpec {
        guard let profile = Model.profiles.first(where: { $0.name == name }) else {
            let known = Model.profiles.map(\.name)
            let hint = known.isEmpty ? "\(Model.table.model) has no profiles" : "expected one of \(known.joined(separator: ", "))"
            throw LoomError.badRequest(message: "unknown profile '\(name)'; \(hint)", parameter: "profile")
        }
        return profile
    }

    /// `prefetched`: includes already read (by a join), one extra per model.
    func load(
        profile: ProfileSpec, for models: [Model], prefetched: [String: [Profiled<Model>.Extra]] = [:],
        maximumIncludedRows: Int = Repository.maximumIncludedRows
    ) async throws -> [Profiled<Model>] {
        let name = profile.name
        func relation(_ name: String) -> RelationSpec? { Model.relations.first { $0.name == name } }
        func keys(_ relation: RelationSpec) -> (index: Int, values: [SQLValue])? {
            guard let index = Model.table.columns.firstIndex(where: { $0.column == relation.localColumn }) else { return nil }
            return (index, models.map { $0.rowValues[index] })
        }
        var extras = Array(repeating: [(String, Profiled<Model>.Extra)](), count: models.count)
        for include in profile.includes {
            if let joined = prefetched[include] {
                for position in models.indices { extras[position].append((include, joined[position])) }
                continue
            }
            guard let relation = relation(include), let (index, values) = keys(relation) else { continue }
            let (related, count) = try await relation.fetch(engine, caller, values, maximumIncludedRows + 1)
            guard count <= maximumIncludedRows else {
                throw LoomError.badRequest(
                    message: "profile '\(name)' would include more than \(maximumIncludedRows) \(include) for these "
                        + "\(models.count) rows; ask for fewer with 'limit'",
                    parameter: "profile")
            }
            for (position, model) in models.enumerated() {
                let rows = related[model.rowValues[index]] ?? []
                extras[position].append((include, relation.kind == .belongsTo ? .one(rows.first) : .many(rows)))
            }
        }
        for computed in profile.computed {
            let (fieldName, relationName, isCount): (String, String, Bool) = switch computed {
            case .count(let name, let relation): (name, relation, true)
            case .exists(let name, let relation): (name, relation, false)
            }
            guard let relation = relation(relationName), let (index, values) = keys(relation) else { continue }
            let counts = try await relation.count(engine, caller, values)
            for (position, model) in models.enumerated() {
                let count = counts[model.rowValues[index]] ?? 0
                extras[position].append((fieldName, isCount ? .number(count) : .flag(count > 0)))
            }
        }
        return zip(models, extras).map { Profiled(entity: $0, extras: $1, hidden: hiddenFields(of: $0)) }
    }
}

extension Profiled: JSONWritable {
    /// The entity's fields with the profile's members merged in key order, as `encode(to:)` gives under `.sortedKeys`.
    public func writeJSON(to writer: inout JSONWriter) {
        let members = extras.map { name, extra -> (key: String, write: (inout JSONWriter) -> Void) in
            switch extra {
            case .many(let rows): (name, { writer in writer.writeArray(rows) { row, writer in writer.writeEncodable(row) } })
            case .one(let row?): (name, { $0.writeEncodable(row) })
            case .one(nil): (name, { $0.writeNull() })
            case .number(let value): (name, { $0.writeInt(value) })
            case .flag(let value): (name, { $0.writeBool(value) })
            }
        }
        writer.object(extras: members, hiding: hidden) { entity.writeJSONFields(to: &$0) }
    }
}
