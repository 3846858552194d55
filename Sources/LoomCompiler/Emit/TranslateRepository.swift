/// A model's repository: the `UserRepository` alias (with the model) and a typed finder per unique field
/// (`find(byEmail:)`, in `loom-application.swift`).
enum TranslateRepository {
    static func alias(_ model: Model) -> SwiftDeclaration {
        .typealias(name: model.name + "Repository", type: "LoomRuntime.Repository<\(model.name)>", access: .public)
    }

    /// Not in the model's file: every model's finders extend the one `Repository` type, and the Swift compiler
    /// tracks an extension's members by the extended type's name, so a finder in each model's file made any change
    /// to one model's interface rebuild every model's file.
    static func finders(_ model: Model) -> SwiftDeclaration? {
        let finders = model.fields.filter { $0.isUnique && !$0.isPrimaryKey }
        guard !finders.isEmpty else { return nil }
        return .extension(SwiftExtension(
            type: "LoomRuntime.Repository", whereClause: "Model == \(model.name)",
            members: finders.map { field in
                let name = SwiftNames.safe(field.name)
                return .documented(
                    ["The `\(model.name)` whose `\(field.name)` is `\(field.name)`, if any."],
                    .function(SwiftFunction(
                        kind: .function("find"),
                        parameters: [SwiftParameter(SwiftNames.finderLabel(field), name, SwiftNames.wrappedType(of: field))],
                        isAsync: true, isThrowing: true, returnType: model.name + "?",
                        body: [.line("try await find(where: \(SwiftNames.stringLiteral(field.column)), equals: \(name).sqlValue)")]
                    ))
                )
            }
        ))
    }
}
