/// `loomgen explain`'s two formats: text for a person, JSON with stable keys for tools. Both list the same things in
/// the same order.
extension UseCaseExplanation {
    public var text: String {
        var lines = [signature, "  declared at \(location)"]
        lines.append(transaction == .readonly
            ? "  readonly: no transaction"
            : "  in one transaction: the steps, your code and what it invokes commit or roll back together")
        lines.append("routes:")
        if routes.isEmpty { lines.append("  none (run by invoke only)") }
        for route in routes { lines.append("  \(route.method) \(route.path) -> \(route.status)") }
        lines.append("steps:")
        let width = steps.map(\.statement.count).max() ?? 0
        for (index, step) in steps.enumerated() {
            var line = "  \(index + 1). " + step.statement
            if let failure = step.failure {
                line += String(repeating: " ", count: width - step.statement.count) + "   " + failure
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        JSONNode.object([
            ("useCase", .string(name)),
            ("signature", .string(signature)),
            ("location", .string(location)),
            ("transaction", .string(transaction.rawValue)),
            ("routes", .array(routes.map { route in
                .object([
                    ("method", .string(route.method)), ("path", .string(route.path)), ("status", .integer(route.status)),
                ])
            })),
            ("steps", .array(steps.map(\.jsonNode))),
        ]).rendered()
    }
}

extension ExplainStep {
    /// `kind`, the step's own keys, `statement`, then `failure` (null when the step cannot stop the request).
    var jsonNode: JSONNode {
        var members: [(String, JSONNode)] = [("kind", .string(kind))]
        switch self {
        case .requireAuth(let condition): members.append(("condition", .string(condition)))
        case .require(let model, let key): members += [("model", .string(model)), ("key", .string(key))]
        case .load(let name, let model, let key, let optional, let profile):
            members += [
                ("name", .string(name)), ("model", .string(model)), ("key", .string(key)), ("optional", .bool(optional)),
                ("profile", profile.map(JSONNode.string) ?? .null),
            ]
        case .exists(let name, let model, let key):
            members += [("name", .string(name)), ("model", .string(model)), ("key", .string(key))]
        case .compute(let field, let value, let condition):
            members += [("field", .string(field)), ("value", .string(value)), ("condition", condition.map(JSONNode.string) ?? .null)]
        case .validateBody(let command): members.append(("command", .string(command)))
        case .unique(let model, let field, let value, let message):
            members += [
                ("model", .string(model)), ("field", .string(field)), ("value", .string(value)),
                ("message", message.map(JSONNode.string) ?? .null),
            ]
        case .rule(let field, let constraint, let message, let condition):
            members += [
                ("field", .string(field)), ("constraint", .string(constraint)),
                ("message", message.map(JSONNode.string) ?? .null), ("condition", condition.map(JSONNode.string) ?? .null),
            ]
        case .comparison(let comparison, let field, let message, let condition):
            members += [
                ("comparison", .string(comparison)), ("field", .string(field)), ("message", .string(message)),
                ("condition", condition.map(JSONNode.string) ?? .null),
            ]
        case .check(let function, let arguments, let field, let message, let condition):
            members += [
                ("function", .string(function)), ("arguments", .array(arguments.map(JSONNode.string))),
                ("field", .string(field)), ("message", .string(message)), ("condition", condition.map(JSONNode.string) ?? .null),
            ]
        case .execute(let useCase), .invoke(let useCase): members.append(("useCase", .string(useCase)))
        case .dispatch(let job, let asCaller): members += [("job", .string(job)), ("asCaller", .bool(asCaller))]
        }
        members.append(("statement", .string(statement)))
        members.append(("failure", failure.map(JSONNode.string) ?? .null))
        return .object(members)
    }
}
