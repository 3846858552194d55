/// `job Name(parameter, …) (-> Result)? ({ statement* })?`: the same shape as a use case; its body holds options
/// and loads.
public struct JobDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var parameters: [ParameterDeclaration]
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

/// `callback Name on success|failure of Job`.
public struct CallbackDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    /// `success` or `failure` as written; nil when missing (reported by the parser).
    public var event: Identifier?
    public var job: Identifier?
    public var range: SourceRange

    public init(doc: [String], name: Identifier, event: Identifier?, job: Identifier?, range: SourceRange) {
        self.doc = doc
        self.name = name
        self.event = event
        self.job = job
        self.range = range
    }
}
