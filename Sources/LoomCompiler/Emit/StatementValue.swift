/// A value a use case's statement reads (`userId`, `body.email`, `product.stock`, an `exists` name) as Swift: either
/// an expression that always has a value, or one that may be absent (an optional, defaulted-to-null or `@patch` body
/// field, an optional field, a row that may be nil) and must be unwrapped first. A statement on an absent value does
/// not run (`whenPresent`), so unwrapping is a condition of its `if`.
struct StatementValue {
    /// The expression, or the name bound by `condition` when there is one.
    var expression: String
    /// `let email = body.email` or `case .value(let email) = body.email`; nil when the value is always there.
    var condition: String?
    /// A Bool expression that holds when the value is there (`body.note != nil`); nil when it always is.
    var presence: String?
    /// The Swift type of the value once unwrapped.
    var type: String
    /// How the value is written in the schema, for generated docs and the names of check predicate arguments.
    var spelling: String
    /// The field or parameter name a violation about this value is reported on.
    var field: String

    var mayBeAbsent: Bool { condition != nil }

    /// `binding` names the unwrapped value; the caller picks a name that shadows nothing the statement also reads.
    init(_ source: ValueSource, useCase: UseCase, schema: ResolvedSchema, binding: String) {
        switch source {
        case .parameter(let name), .flag(let name):
            let type = useCase.parameters.first { $0.name == name }?.type
            self.expression = SwiftNames.safe(name)
            self.condition = nil
            self.type = type.map(SwiftNames.swiftType) ?? "Bool"
            self.spelling = name
            self.field = name
        case .bodyField(let name):
            let field = useCase.body.flatMap(schema.command(named:))?.fields.first { $0.name == name }
            let access = "body." + SwiftNames.safe(name)
            self.type = field.map { SwiftNames.swiftType($0.type) } ?? "Never"
            self.spelling = "body." + name
            self.field = name
            switch (field?.presence, field?.isOptional) {
            case (.patch?, _):
                self.expression = binding
                self.condition = "case .value(let \(binding)) = \(access)"
                self.presence = "\(access).hasValue"
            case (_, true?):
                self.expression = binding
                self.condition = "let \(binding) = \(access)"
                self.presence = "\(access) != nil"
            default:
                self.expression = access
                self.condition = nil
            }
        case .rowField(let row, let name):
            let loaded = useCase.guards.lazy.compactMap { guardStatement -> (RowLookup, Bool, String?)? in
                guard case .load(row, let lookup, let optional, let profile, _) = guardStatement else { return nil }
                return (lookup, optional, profile)
            }.first
            let field = loaded.flatMap { schema.model(named: $0.0.model)?.field(named: name) }
            let mayBeNil = loaded.map { lookup, optional, _ in
                optional || StatementValue(lookup.value, useCase: useCase, schema: schema, binding: "value").mayBeAbsent
            } ?? false
            let entity = SwiftNames.safe(row) + (mayBeNil ? "?" : "") + (loaded?.2 == nil ? "" : ".entity")
            let access = entity + "." + SwiftNames.safe(name)
            self.type = field.map { SwiftNames.swiftType($0.type) } ?? "Never"
            self.spelling = row + "." + name
            self.field = name
            if mayBeNil || field?.isOptional == true {
                self.expression = binding
                self.condition = "let \(binding) = \(access)"
                self.presence = "\(access) != nil"
            } else {
                self.expression = access
                self.condition = nil
            }
        }
    }
}
