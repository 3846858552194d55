/// What a schema asks the user to write and a target's own Swift does not have yet — use cases, jobs, callbacks,
/// `check` predicates and `compute` functions — each with a compilable stub. The build fails on them anyway (the generated facade and job
/// table name each one); the build plugin prints these next to that error, and `loomgen scaffold` writes them.
///
/// A use case, job or callback counts as written when some file names its protocol (`CreateUserUseCase`), which is
/// what conforming to it takes; a predicate when some file declares `func differentAccounts(`.
public enum ImplementationStubs {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case useCase = "use case"
        case job
        case callback
        case check
        case compute

        /// The folder of the target that `scaffold` writes this kind into.
        public var folder: String {
            switch self {
            case .useCase: "UseCases"
            case .job: "Jobs"
            case .callback: "Callbacks"
            case .check: "Checks"
            case .compute: "Computes"
            }
        }
    }

    public struct Missing: Sendable, Hashable {
        public var kind: Kind
        public var name: String
        /// Where it is declared (a predicate: the first `check` using it), for a located message.
        public var range: SourceRange
        /// `UseCases/CreateUser.swift`: where `scaffold` puts it, relative to the target's folder.
        public var path: String
        /// A compilable file whose body throws `LoomError.notImplemented`: a route answers 501, a job fails.
        public var stub: String
    }

    /// `sources` are the contents of the target's hand-written Swift files; `modelsModule`, the schema's models'
    /// module when they are a target of their own (a stub imports it, as the server's target's code must).
    public static func missing(in schema: ResolvedSchema, sources: [String], modelsModule: String? = nil) -> [Missing] {
        let header = (["LoomRuntime"] + (modelsModule.map { [$0] } ?? [])).map { "import " + $0 + "\n" }.joined() + "\n"
        let mentioned = { (name: String) in sources.contains { mentions($0, name) } }
        var missing: [Missing] = []
        for useCase in schema.useCases where !mentioned(Naming.useCaseProtocol(useCase.name)) {
            missing.append(conformance(
                .useCase, useCase.name, Naming.useCaseProtocol(useCase.name), TranslateUseCase.executeRequirement(useCase),
                at: useCase.range, header: header))
        }
        for job in schema.jobs where !mentioned(Naming.jobProtocol(job.name)) {
            missing.append(conformance(
                .job, job.name, Naming.jobProtocol(job.name), TranslateJob.executeRequirement(job), at: job.range, header: header))
        }
        for callback in schema.callbacks where !mentioned(Naming.callbackProtocol(callback.name)) {
            missing.append(conformance(
                .callback, callback.name, Naming.callbackProtocol(callback.name), TranslateCallback.executeRequirement(callback),
                at: callback.range, header: header))
        }
        let functions = [(Kind.check, TranslateApplication.checkRequirements(schema), Naming.checksType(schema.name))]
            + [(Kind.compute, TranslateApplication.computeRequirements(schema), Naming.computesType(schema.name))]
        for (kind, requirements, type) in functions {
            for requirement in requirements where !sources.contains(where: { mentions($0, "func \(requirement.name)") }) {
                var function = requirement.function
                function.body = [notImplemented("\(kind.rawValue) '\(requirement.name)'")]
                let doc = kind == .check
                    ? "`check \(requirement.spelling)` in `\(requirement.useCase)`: true when it holds."
                    : "`compute \(requirement.spelling)` in `\(requirement.useCase)`."
                let stub = header + SwiftRenderer.render([.extension(SwiftExtension(
                    type: type, members: [.documented([doc], .function(function))]))])
                missing.append(Missing(
                    kind: kind, name: requirement.name, range: requirement.range,
                    path: "\(kind.folder)/\(requirement.name).swift", stub: stub))
            }
        }
        return missing
    }

    /// `struct CreateUser: CreateUserUseCase { func execute(…) … }` as its own file.
    private static func conformance(
        _ kind: Kind, _ name: String, _ protocolName: String, _ requirement: SwiftFunction, at range: SourceRange, header: String
    ) -> Missing {
        var execute = requirement
        execute.body = [notImplemented("\(kind.rawValue) '\(name)'")]
        let implementation = SwiftDeclaration.type(SwiftType(
            kind: .struct, access: .internal, name: name, conformances: [protocolName], members: [.function(execute)]
        ))
        return Missing(
            kind: kind, name: name, range: range, path: "\(kind.folder)/\(name).swift",
            stub: header + SwiftRenderer.render([implementation]))
    }

    /// Whether `text` holds `name` as a whole identifier: `BulkCreateUserUseCase` does not implement `CreateUser`.
    static func mentions(_ text: String, _ name: String) -> Bool {
        let isIdentifier = { (character: Character) in character.isLetter || character.isNumber || character == "_" }
        var rest = text[...]
        while let found = rest.firstRange(of: name) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before.map(isIdentifier) ?? false) && !(after.map(isIdentifier) ?? false) { return true }
            rest = text[found.upperBound...]
        }
        return false
    }

    private static func notImplemented(_ subject: String) -> SwiftStatement {
        .line("throw LoomError.notImplemented(message: \(SwiftNames.stringLiteral("\(subject) is not written yet")))")
    }
}
