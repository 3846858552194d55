/// The words the grammar gives a meaning to. They are contextual: each is a keyword only where the grammar expects
/// it, so `table` or `at` can still name a field. The checker decides which names are reserved (`NameRules`).
enum Keywords {
    /// Words that begin a top-level declaration. `enum`, `command`, `usecase` and `job` are recognised so that
    /// error recovery stops at them and the message can say they are not supported yet.
    static let declarations: Set<String> = ["model", "resource", "enum", "command", "usecase", "job", "callback", "service"]
    /// The declarations this version of the compiler implements, in the order messages list them.
    static let implementedDeclarations = ["model", "enum", "resource", "command", "usecase", "job", "callback", "auth", "service"]
    /// What may follow a model's name.
    static let modelOptions = ["timestamps", "table"]
    /// What a `profile` body may contain.
    static let profileMembers = ["include", "count", "exists"]
    /// What a resource body may contain.
    static let resourceMembers = [
        "crud", "pagination", "tags", "deleteStatus", "filterable", "sortable", "profiles",
    ]
    /// What may follow a route's use case on its line (besides a summary string).
    static let routeOptions = ["status", "profile", "pagination", "cache"]
    /// What may follow a pagination mode.
    static let paginationOptions = ["fixed", "limit"]
    /// What a `jwt` block inside `auth` may set.
    static let jwtSettings = ["issuer", "audience", "leeway"]
    /// The operations an access rule may name; `all` is the other four.
    static let ruleOperations = ["read", "create", "update", "delete", "all"]
    /// The operations `crud` may list.
    static let crudOperations = CRUDOperation.allCases.map(\.rawValue)
}
