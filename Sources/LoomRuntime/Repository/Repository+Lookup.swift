/// Rows named by a field rather than the key: what a use case's `load x = Model(field: value)`, `require
/// Model(field: value)` and `exists x = Model(field: value)` read. Reads, so the caller's read rule filters them:
/// a row the caller may not read is not there.
extension Repository {
    /// The row whose `field` holds `value`; meant for a unique field (the first row by key otherwise).
    public func find<Value>(_ field: FieldRef<Model, Value>, _ value: Value) async throws -> Model? {
        try await find(where: field.column, equals: value.sqlValue)
    }

    /// The row whose `field` holds `value`, or `LoomError.notFoundBy` naming the model, the field and the value.
    public func require<Value>(_ field: FieldRef<Model, Value>, _ value: Value) async throws -> Model {
        guard let model = try await find(field, value) else {
            let name = table.columns.first { $0.column == field.column }?.field ?? field.column
            throw LoomError.notFoundBy(entity: table.model, field: name, value: Self.describe(value.sqlValue))
        }
        return model
    }

    /// Whether some row the caller may read has `value` in `field` (any field, unique or not).
    public func exists<Value>(_ field: FieldRef<Model, Value>, _ value: Value) async throws -> Bool {
        try await !all(where: field.eq(value), limit: 1).isEmpty
    }

    /// One row in `profile`: a use case's `load … profile name`.
    public func load(profile name: String, for model: Model) async throws -> Profiled<Model> {
        try await load(profile: name, for: [model])[0]
    }

    /// The same for a row that may be missing (`load …? profile name`).
    public func load(profile name: String, for model: Model?) async throws -> Profiled<Model>? {
        guard let model else { return nil }
        return try await load(profile: name, for: [model])[0]
    }
}
