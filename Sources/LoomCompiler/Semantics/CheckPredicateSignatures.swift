/// A `check` predicate is one Swift function with one signature (`<Schema>CheckFunctions` declares it once), so every
/// use case that calls it must pass the same types: `check positive(body.amount)` on an `Int` in one use case and on
/// a `Decimal` in another is an error here (L075), not a compile error in generated code. A `compute` function
/// (`<Schema>Computes`) likewise takes the same types, and returns its field's, wherever it is called.
enum CheckPredicateSignatures {
    static func check(_ useCases: [UseCase], commands: [Command], models: [Model]) -> [Diagnostic] {
        let commandsByName = Dictionary(commands.map { ($0.name, $0) }) { first, _ in first }
        let modelsByName = Dictionary(models.map { ($0.name, $0) }) { first, _ in first }
        var first: [String: (types: [ValueType], useCase: String)] = [:]
        var diagnostics: [Diagnostic] = []
        for useCase in useCases {
            var calls: [(function: String, arguments: [ValueSource], result: ValueSource?, range: SourceRange)] = []
            for case .predicate(let function, let arguments, _, _, _, _, let range) in useCase.rules {
                calls.append((function, arguments, nil, range))
            }
            for compute in useCase.computes {
                if case .call(let function, let arguments) = compute.value {
                    calls.append(("compute " + function, arguments, .bodyField(compute.field), compute.range))
                }
            }
            for (function, arguments, result, range) in calls {
                let types = (arguments + (result.map { [$0] } ?? [])).compactMap {
                    type(of: $0, in: useCase, commands: commandsByName, models: modelsByName)
                }
                guard types.count == arguments.count + (result == nil ? 0 : 1) else { continue }
                guard let earlier = first[function] else {
                    first[function] = (types, useCase.name)
                    continue
                }
                guard earlier.types != types else { continue }
                let spell = { (types: [ValueType]) in "(" + types.map(\.schemaSpelling).joined(separator: ", ") + ")" }
                diagnostics.append(.error(
                    .keyTypeMismatch,
                    "\(function.hasPrefix("compute ") ? "" : "check ")'\(function)' takes \(spell(earlier.types)) in use case '\(earlier.useCase)', but \(spell(types)) here",
                    at: range, hint: "pass values of the same types, or give this predicate another name"
                ))
            }
        }
        return diagnostics
    }

    /// The type a predicate receives: a parameter's, or a body field's (unwrapped: an absent value skips the check).
    static func type(
        of source: ValueSource, in useCase: UseCase, commands: [String: Command], models: [String: Model]
    ) -> ValueType? {
        switch source {
        case .parameter(let name): useCase.parameters.first { $0.name == name }?.type
        case .bodyField(let name): useCase.body.flatMap { commands[$0] }?.fields.first { $0.name == name }?.type
        case .flag: .scalar(.bool)
        case .rowField(let row, let field):
            useCase.guards.lazy.compactMap { guardStatement -> ValueType? in
                guard case .load(row, let lookup, _, _, _) = guardStatement else { return nil }
                return models[lookup.model]?.field(named: field).map { .scalar($0.type) }
            }.first
        }
    }
}
