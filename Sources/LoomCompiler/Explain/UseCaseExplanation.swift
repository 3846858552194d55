/// What a use case does when it runs, in order, as `loomgen explain` prints it: who may call it, its guards and
/// rules, the user's code and what that code may call, whether it runs in a transaction, and the routes that reach it.
/// Built from the resolved IR only, so it says what the generated facade does.
public struct UseCaseExplanation: Sendable, Hashable {
    /// A route that runs the use case.
    public struct Route: Sendable, Hashable {
        public var method: String
        public var path: String
        public var status: Int
    }

    public enum Transaction: String, Sendable, Hashable {
        /// Every statement, the user's code and what it invokes run in one transaction.
        case transaction
        /// `readonly`: no transaction.
        case readonly
    }

    public var name: String
    /// `usecase Name(parameters) -> Result`, as a schema writes it.
    public var signature: String
    /// `schemas/store/users.loom:43`.
    public var location: String
    public var transaction: Transaction
    public var steps: [ExplainStep]
    public var routes: [Route]
}

/// One step a use case runs: one case per kind of statement, so a new statement is a new case (the compiler then asks
/// for its key and its text).
public enum ExplainStep: Sendable, Hashable {
    /// `require auth` (an empty condition: any principal) or `require auth.role in [agent]`: 401 without a
    /// principal, 403 when the condition does not hold.
    case requireAuth(condition: String)
    /// `require Model(key)`: 404 naming the model when there is no such row.
    case require(model: String, key: String)
    /// `load name = Model(key)`: the row handed to the user's code; 404 when missing, unless `optional` (nil).
    case load(name: String, model: String, key: String, optional: Bool)
    /// The body command's own constraints, checked with the rules below (one 422 for every violation).
    case validateBody(command: String)
    /// `unique Model.field(value) "message"`: 422 on the field when another row has the value.
    case unique(model: String, field: String, value: String, message: String?)
    /// `rule body.field @constraint`.
    case rule(field: String, constraint: String, message: String?)
    /// `check function(values) on field "message"`: the user's predicate.
    case check(function: String, arguments: [String], field: String, message: String)
    /// The user's implementation of the use case (`execute`).
    case execute(useCase: String)
    /// `invoke UseCase`: the user's code may run it, in this use case's transaction.
    case invoke(useCase: String)
    /// `dispatch Job`: the user's code may queue it (when the transaction commits); `asCaller` runs it for the caller.
    case dispatch(job: String, asCaller: Bool)

    /// The stable key of the kind, `"kind"` in JSON.
    public var kind: String {
        switch self {
        case .requireAuth: "requireAuth"
        case .require: "require"
        case .load: "load"
        case .validateBody: "validateBody"
        case .unique: "unique"
        case .rule: "rule"
        case .check: "check"
        case .execute: "execute"
        case .invoke: "invoke"
        case .dispatch: "dispatch"
        }
    }

    /// The step as the schema writes it (or says it, for the body and the user's code).
    public var statement: String {
        switch self {
        case .requireAuth(let condition): condition.isEmpty ? "require auth" : "require " + condition
        case .require(let model, let key): "require \(model)(\(key))"
        case .load(let name, let model, let key, let optional): "load \(name) = \(model)(\(key))\(optional ? "?" : "")"
        case .validateBody(let command): "body: \(command)"
        case .unique(let model, let field, let value, let message):
            "unique \(model).\(field)(\(value))" + (message.map { " " + ExplainStep.quoted($0) } ?? "")
        case .rule(let field, let constraint, _): "rule body.\(field) \(constraint)"
        case .check(let function, let arguments, let field, let message):
            "check \(function)(\(arguments.joined(separator: ", "))) on \(field) \(ExplainStep.quoted(message))"
        case .execute(let useCase): "execute: your \(useCase)"
        case .invoke(let useCase): "invoke \(useCase)"
        case .dispatch(let job, let asCaller): "dispatch \(job)\(asCaller ? " as caller" : "")"
        }
    }

    /// What the request answers when the step stops it; nil when it cannot.
    public var failure: String? {
        switch self {
        case .requireAuth(let condition):
            "401 without a credential" + (condition.isEmpty ? "" : ", 403 when the condition does not hold")
        case .require(let model, _): "404 not_found naming \(model)"
        case .load(_, let model, _, let optional): optional ? nil : "404 not_found naming \(model)"
        case .validateBody: "422 rule_violations (with the rules below, every violation at once)"
        case .unique(_, let field, _, _): "422 rule_violations on \(field)"
        case .rule(let field, _, _), .check(_, _, let field, _): "422 rule_violations on \(field)"
        case .execute: "whatever your code throws"
        case .invoke(let useCase): "whatever \(useCase) answers"
        case .dispatch: nil
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
