/// Checks an enum declaration — its name and cases — and turns it into an IR `EnumType`.
struct EnumResolver {
    var diagnostics: [Diagnostic] = []

    /// Nil when the enum has no case left to store; its problems have been reported.
    mutating func resolve(_ declaration: EnumDeclaration, fileName: String) -> EnumType? {
        if let problem = NameRules.checkEnumName(declaration.name) { diagnostics.append(problem) }
        var cases: [String] = []
        var firstByName: [String: Identifier] = [:]
        for identifier in declaration.cases {
            if let first = firstByName[identifier.name] {
                diagnostics.append(.error(
                    .duplicateEnumCase, "duplicate case '\(identifier.name)' in enum '\(declaration.name.name)'",
                    at: identifier.range, hint: "'\(identifier.name)' is first listed at line \(first.range.start.line)"
                ))
                continue
            }
            firstByName[identifier.name] = identifier
            if let problem = NameRules.checkEnumCaseName(identifier) { diagnostics.append(problem) }
            cases.append(identifier.name)
        }
        guard !cases.isEmpty else {
            diagnostics.append(.error(
                .emptyEnum, "enum '\(declaration.name.name)' has no cases", at: declaration.name.range,
                hint: "list its cases: enum \(declaration.name.name) { first second }"
            ))
            return nil
        }
        return EnumType(name: declaration.name.name, cases: cases, doc: declaration.doc, file: fileName, range: declaration.range)
    }
}
