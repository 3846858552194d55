/// Resolves what a guard or rule reads — `userId` (a parameter) or `body.email` (a field of the body) — against a
/// use case's or job's signature.
struct ValueReferenceResolver {
    /// How messages name the declaration: `use case 'CreateAddress'`.
    let owner: String
    let signature: Signature

    struct Resolved {
        var source: ValueSource
        var type: ValueType
        /// Set for a body field.
        var field: Command.Field?
    }

    func resolve(_ reference: ValueReference, diagnostics: inout [Diagnostic]) -> Resolved? {
        let base = reference.base.name
        let parameterNames = signature.parameters.map(\.name)
        guard base == "body" else {
            guard let parameter = signature.parameters.first(where: { $0.name == base }) else {
                let hint = Suggestions.didYouMean(base, among: parameterNames)
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
        return Resolved(source: .bodyField(member.name), type: field.type, field: field)
    }
}
