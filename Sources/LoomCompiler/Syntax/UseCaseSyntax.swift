/// `usecase Name(parameter, …) (-> Result)? ({ statement* })?`
public struct UseCaseDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var parameters: [ParameterDeclaration]
    /// Nil for a use case that returns nothing.
    public var result: TypeReference?
    public var statements: [Statement]
    public var range: SourceRange

    public init(
        doc: [String], name: Identifier, parameters: [ParameterDeclaration], result: TypeReference?,
        statements: [Statement], range: SourceRange
    ) {
        self.doc = doc
        self.name = name
        self.parameters = parameters
        self.result = result
        self.statements = statements
        self.range = range
    }
}
