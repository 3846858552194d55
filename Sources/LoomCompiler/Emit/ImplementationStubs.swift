/// The use cases of a schema that a target's own Swift does not implement yet, each with a stub to paste. The
/// build fails on them anyway ("cannot find 'CreateUser' in scope", from the generated facade); this is the help
/// printed next to that error. A use case counts as implemented when some file names its protocol
/// (`CreateUserUseCase`), which is what conforming to it takes.
public enum ImplementationStubs {
    public struct Missing: Sendable, Hashable {
        public var useCase: String
        /// Where the use case is declared, for a located message.
        public var range: SourceRange
        /// A compilable file: the implementation with a body that throws "not implemented".
        public var stub: String
    }

    /// `sources` are the contents of the target's hand-written Swift files.
    public static func missing(in schema: ResolvedSchema, sources: [String]) -> [Missing] {
        schema.useCases.compactMap { useCase in
            let conformance = Naming.useCaseProtocol(useCase.name)
            guard !sources.contains(where: { $0.contains(conformance) }) else { return nil }
            return Missing(useCase: useCase.name, range: useCase.range, stub: stub(for: useCase))
        }
    }

    /// `struct CreateUser: CreateUserUseCase { func execute(…) … }` as its own file.
    public static func stub(for useCase: UseCase) -> String {
        var execute = TranslateUseCase.executeRequirement(useCase)
        execute.body = [.line(
            "throw LoomError.notImplemented(message: \(SwiftNames.stringLiteral("use case '\(useCase.name)' is not written yet")))"
        )]
        let implementation = SwiftDeclaration.type(SwiftType(
            kind: .struct, access: .internal, name: useCase.name, conformances: [Naming.useCaseProtocol(useCase.name)],
            members: [.function(execute)]
        ))
        return "import LoomRuntime\n\n" + SwiftRenderer.render([implementation])
    }
}
