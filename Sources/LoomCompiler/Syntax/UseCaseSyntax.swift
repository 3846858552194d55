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

extension RoutineDeclaration {
    /// The names a body can use and the types they stand for, as written: the parameters (`body: Assignment`), then
    /// the rows `load` and `exists` name (`load ticket = Ticket(…)`), a later one shadowing an earlier. For the
    /// editor's index and completion.
    public var locals: [String: String] {
        var locals: [String: String] = [:]
        for parameter in parameters {
            if let type = parameter.type { locals[parameter.name.name] = type.name.name }
        }
        for statement in statements {
            switch statement {
            case .load(let load): locals[load.name.name] = load.model.name
            case .exists(let exists): locals[exists.name.name] = exists.model.name
            default: break
            }
        }
        return locals
    }
}
