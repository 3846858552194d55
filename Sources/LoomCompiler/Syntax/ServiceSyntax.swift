/// `service Mailer { send(to: String(255), subject: String(200), body: Text) }`: something the application is given
/// at start-up (an e-mail sender, an HTTP client) that use cases and jobs reach through their context.
public struct ServiceDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var methods: [ServiceMethodDeclaration]
    public var range: SourceRange

    public init(doc: [String], name: Identifier, methods: [ServiceMethodDeclaration], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.methods = methods
        self.range = range
    }
}

/// `send(to: String(255), body: Text) -> Bool`: one requirement of the generated protocol.
public struct ServiceMethodDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var parameters: [ParameterDeclaration]
    /// Nil when it returns nothing.
    public var result: TypeReference?
    public var range: SourceRange

    public init(doc: [String], name: Identifier, parameters: [ParameterDeclaration], result: TypeReference?, range: SourceRange) {
        self.doc = doc
        self.name = name
        self.parameters = parameters
        self.result = result
        self.range = range
    }
}
