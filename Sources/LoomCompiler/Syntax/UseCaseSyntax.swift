/// A declaration with a signature and a body of statements: `usecase Name(parameter, …) (-> Result)? ({ … })?`, and
/// `job`, which has the same shape (its body holds options and loads).
public struct RoutineDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var parameters: [ParameterDeclaration]
    /// Nil for one that returns nothing.
    public var result: TypeReference?
    public var statements: [Statement]
    /// `readonly` after the signature: the use case writes nothing, so it runs without a transaction.
    public var readonly: Identifier?
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

public typealias UseCaseDeclaration = RoutineDeclaration
