/// A model's repository: the `UserRepository` alias and a typed finder per unique field (`find(byEmail:)`).
enum TranslateRepository {
    static func translate(_ model: Model) -> [SwiftDeclaration] {
        var declarations: [SwiftDeclaration] = [
            .typealias(name: model.name + "Repository", type: "LoomRuntime.Repository<\(model.name)>", access: .public)
        ]
        let finders = model.fields.filter { $0.isUnique && !$0.isPrimaryKey }
        guard !finders.isEmpty else { return declarations }
        declarations.append(.extension(SwiftExtension(
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
        )))
        return declarations
    }
}
