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
    /// `require Model(key)` or `require Model(field: value)`: 404 naming the model when there is no such row.
    case require(model: String, key: String)
    /// `load name = Model(key)`: the row handed to the user's code (in `profile`, when given); 404 when missing,
    /// unless `optional` (nil).
    case load(name: String, model: String, key: String, optional: Bool, profile: String?)
    /// `exists name = Model(field: value)`: whether such a row exists, as a Bool; never a 404.
    case exists(name: String, model: String, key: String)
    /// `compute body.field = value (when condition)?`: set before the rules run.
    case compute(field: String, value: String, condition: String?)
    /// The body command's own constraints, checked with the rules below (one 422 for every violation).
    case validateBody(command: String)
    /// `unique Model.field(value) "message"`: 422 on the field when another row has the value.
    case unique(model: String, field: String, value: String, message: String?)
    /// `rule body.field @constraint (when condition)?`.
    case rule(field: String, constraint: String, message: String?, condition: String?)
    /// `rule left op right on field "message" (when condition)?`.
    case comparison(comparison: String, field: String, message: String, condition: String?)
    /// `check function(values) on field "message" (when condition)?`: the user's predicate.
    case check(function: String, arguments: [String], field: String, message: String, condition: String?)
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
        case .exists: "exists"
        case .compute: "compute"
        case .validateBody: "validateBody"
        case .unique: "unique"
        case .rule: "rule"
        case .comparison: "comparison"
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
        case .load(let name, let model, let key, let optional, let profile):
            "load \(name) = \(model)(\(key))\(optional ? "?" : "")" + (profile.map { " profile " + $0 } ?? "")
        case .exists(let name, let model, let key): "exists \(name) = \(model)(\(key))"
        case .compute(let field, let value, let condition): "compute body.\(field) = \(value)" + Self.when(condition)
        case .validateBody(let command): "body: \(command)"
        case .unique(let model, let field, let value, let message):
            "unique \(model).\(field)(\(value))" + (message.map { " " + ExplainStep.quoted($0) } ?? "")
        case .rule(let field, let constraint, _, let condition): "rule body.\(field) \(constraint)" + Self.when(condition)
        case .comparison(let comparison, let field, let message, let condition):
            "rule \(comparison) on \(field) \(ExplainStep.quoted(message))" + Self.when(condition)
        case .check(let function, let arguments, let field, let message, let condition):
            "check \(function)(\(arguments.joined(separator: ", "))) on \(field) \(ExplainStep.quoted(message))" + Self.when(condition)
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
        case .load(_, let model, _, let optional, _): optional ? nil : "404 not_found naming \(model)"
        case .exists: nil
        case .compute(_, let value, _): value.contains("(") ? "whatever your compute function throws" : nil
        case .validateBody: "422 rule_violations (with the rules below, every violation at once)"
        case .unique(_, let field, _, _): "422 rule_violations on \(field)"
        case .rule(let field, _, _, _), .comparison(_, let field, _, _), .check(_, _, let field, _, _):
            "422 rule_violations on \(field)"
        case .execute: "whatever your code throws"
        case .invoke(let useCase): "whatever \(useCase) answers"
        case .dispatch: nil
        }
    }

    static func when(_ condition: String?) -> String { condition.map { " when " + $0 } ?? "" }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
