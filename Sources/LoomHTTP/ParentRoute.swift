import Hummingbird
import LoomRuntime

/// The parent of a nested resource (`/users/{userId}/addresses`): which path parameter names it, which field of the
/// child points at it, and how to tell whether it exists. Rows of another parent are invisible through the route.
public struct ParentRoute: Sendable {
    /// The parent model's name, for 404s (`User with id=7 not found`).
    public let model: String
    /// The path parameter (`userId`).
    public let parameter: String
    /// The child's foreign-key field (`userId`) and column (`user_id`).
    public let field: String
    public let column: String
    /// The parent's table, and whether it has access rules: what a cached answer under it depends on.
    let table: String
    let hasRules: Bool
    let parse: @Sendable (String) -> SQLValue?
    /// Whether the caller may see the parent row with this key.
    let exists: @Sendable (SQLValue, Caller) async throws -> Bool

    public init<Parent: LoomModel, Child: LoomModel>(
        _ parent: Parent.Type, of child: Child.Type, repository: Repository<Parent>, parameter: String, foreignKey field: String
    ) {
        self.model = Parent.table.model
        self.parameter = parameter
        self.field = field
        self.column = Child.table.column(forField: field)?.column ?? field
        self.table = Parent.table.table
        self.hasRules = !Parent.accessRules.isEmpty
        self.parse = { Parent.ID($0)?.sqlValue }
        self.exists = { value, caller in
            guard let id = try? Parent.ID(sqlValue: value) else { return false }
            let repository = Parent.accessRules.isEmpty ? repository : repository.acting(as: caller)
            return try await repository.exists(id)
        }
    }

    /// The parent's key as the path spells it, unchecked (nil when malformed): what a cache key needs before any read.
    func key(_ context: some LoomRequestContext) -> SQLValue? {
        let text = context.pathText(parameter)
        return text.containsNUL ? nil : parse(text)
    }

    /// The parent's key from the path: a 400 naming the parameter when it is malformed, a 404 naming the parent when
    /// there is no such row the caller may see.
    func resolve(_ context: some LoomRequestContext) async throws -> SQLValue {
        let text = context.pathText(parameter)
        guard !text.containsNUL, let key = parse(text) else {
            throw LoomError.badRequest(message: "path parameter '\(parameter)' is not a valid \(model) key, got '\(text)'", parameter: parameter)
        }
        guard try await exists(key, context.caller) else { throw LoomError.notFound(entity: model, id: text) }
        return key
    }
}
