extension Generator {
    /// What `loomgen explain` prints, or why it cannot.
    public enum ExplainResult: Sendable {
        case explained(UseCaseExplanation, diagnostics: [Diagnostic])
        /// The schema has errors: they are what to print.
        case schemaErrors([Diagnostic])
        /// No use case has the name: a message with the closest name, or the names there are.
        case unknownUseCase(message: String)
    }

    /// `loomgen explain DIR UseCase`: the steps the use case runs, from the resolved schema.
    public static func explain(schemaName: String, files: [SourceFile], useCase name: String) -> ExplainResult {
        let compiled = Frontend.compile(name: schemaName, files: files)
        guard let schema = compiled.schema else { return .schemaErrors(compiled.diagnostics) }
        guard let useCase = schema.useCase(named: name) else {
            let names = schema.useCases.map(\.name)
            let hint = Suggestions.didYouMean(name, among: names)
                ?? (names.isEmpty ? "the schema declares no use case" : "its use cases are " + Suggestions.list(names))
            return .unknownUseCase(message: "no use case '\(name)' in schema '\(schemaName)'; \(hint)")
        }
        return .explained(ExplainBuilder.explain(useCase, in: schema), diagnostics: compiled.diagnostics)
    }
}
