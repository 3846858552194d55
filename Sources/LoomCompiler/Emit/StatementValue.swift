/// A value a use case's statement reads (`userId`, `body.email`) as Swift: either an expression that always has a
/// value, or one that may be absent (an optional, defaulted-to-null or `@patch` body field) and must be unwrapped
/// first. A statement on an absent value does not run (`whenPresent`), so unwrapping is a condition of its `if`.
struct StatementValue {
    /// The expression, or the name bound by `condition` when there is one.
    var expression: String
    /// `let email = body.email` or `case .value(let email) = body.email`; nil when the value is always there.
    var condition: String?
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
        case .parameter(let name):
            let type = useCase.parameters.first { $0.name == name }?.type
            self.expression = SwiftNames.safe(name)
            self.condition = nil
            self.type = type.map(SwiftNames.swiftType) ?? "Never"
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
            case (_, true?):
                self.expression = binding
                self.condition = "let \(binding) = \(access)"
            default:
                self.expression = access
                self.condition = nil
            }
        }
    }
}
