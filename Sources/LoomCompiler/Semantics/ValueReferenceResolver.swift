/// Resolves what a guard or rule reads — `userId` (a parameter) or `body.email` (a field of the body) — against a
/// use case's or job's signature.
struct ValueReferenceResolver {
    /// How messages name the declaration: `use case 'CreateAddress'`.
    let owner: String
    let signature: Signature
    /// The rows the `load` statements above bind, by name: their fields may be read (`product.stock`).
    var rows: [String: LoadedRow] = [:]
    /// The Bools the `exists` statements above bind.
    var flags: Set<String> = []

    struct LoadedRow {
        var model: Model
        /// `load …?`, or a lookup by a value that may be absent.
        var mayBeNil: Bool
    }

    struct Resolved {
        var source: ValueSource
        var type: ValueType
        /// Set for a body field.
        var field: Command.Field?
        /// An optional or `@patch` body field, an optional field of a row, a row that may be nil.
        var mayBeAbsent = false
    }

    func resolve(_ reference: ValueReference, diagnostics: inout [Diagnostic]) -> Resolved? {
        let base = reference.base.name
        let parameterNames = signature.parameters.map(\.name)
        if flags.contains(base), reference.member == nil {
            return Resolved(source: .flag(base), type: .scalar(.bool))
        }
        if let row = rows[base] {
            return resolveRowField(reference, of: row, diagnostics: &diagnostics)
        }
        guard base == "body" else {
            guard let parameter = signature.parameters.first(where: { $0.name == base }) else {
                let names = parameterNames + rows.keys.sorted() + flags.sorted()
                let hint = Suggestions.didYouMean(base, among: names)
                    ?? (parameterNames.isEmpty
                        ? "\(owner) has no parameters" : "the parameters are " + Suggestions.list(parameterNames.map { "'\($0)'" }, conjunction: "and"))
                diagnostics.append(.error(
                    .unknownParameter, "unknown parameter '\(base)' in \(owner)", at: reference.base.range, hint: hint
                ))
                return nil
            }
            if let member = reference.member {
                diagnostics.append(.error(
                    .unknownParameter, "'\(reference.text)' reads a field of '\(base)'; only 'body' has readable fields",
                    at: member.range, hint: "write \(base), or move the value into the body"
                ))
                return nil
            }
            return Resolved(source: .parameter(base), type: parameter.type)
        }
        guard let body = signature.body else {
            diagnostics.append(.error(
                .unknownBodyField, "\(owner) has no body", at: reference.base.range,
                hint: "add 'body: SomeCommand' to its parameters"
            ))
            return nil
        }
        guard let member = reference.member else {
            let example = body.fields.first.map { "body.\($0.name)" } ?? "body.field"
            diagnostics.append(.error(
                .unknownBodyField, "'body' is the whole request body; name one of its fields", at: reference.range,
                hint: "write \(example)"
            ))
            return nil
        }
        guard let field = body.fields.first(where: { $0.name == member.name }) else {
            let hint = Suggestions.didYouMean(member.name, among: body.fields.map(\.name), prefix: "body.")
            diagnostics.append(.error(
                .unknownBodyField, "command '\(body.name)' has no field '\(member.name)'", at: member.range, hint: hint
            ))
            return nil
        }
        return Resolved(
            source: .bodyField(member.name), type: field.type, field: field,
            mayBeAbsent: field.presence == .patch || field.isOptional
        )
    }

    /// `product.stock`: a field of a loaded row.
    private func resolveRowField(_ reference: ValueReference, of row: LoadedRow, diagnostics: inout [Diagnostic]) -> Resolved? {
        let fields = row.model.fields.map(\.name)
        guard let member = reference.member else {
            diagnostics.append(.error(
                .unknownField, "'\(reference.base.name)' is a row of '\(row.model.name)'; name one of its fields",
                at: reference.range, hint: "write \(reference.base.name).\(fields.first ?? "id")"
            ))
            return nil
        }
        guard let field = row.model.field(named: member.name) else {
            let hint = Suggestions.didYouMean(member.name, among: fields, prefix: reference.base.name + ".")
            diagnostics.append(.error(
                .unknownField, "model '\(row.model.name)' has no field '\(member.name)'", at: member.range, hint: hint
            ))
            return nil
        }
        return Resolved(
            source: .rowField(row: reference.base.name, field: field.name), type: .scalar(field.type),
            mayBeAbsent: row.mayBeNil || field.isOptional
        )
    }
}
