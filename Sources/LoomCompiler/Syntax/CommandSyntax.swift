/// `command Name { field* }`: a request body, a job payload or a response shape. Its fields are written like a
/// model's (`name Type @attribute*`) so that one reading serves both; `@patch` and `@default(null)` are the
/// attributes only a command field takes.
public struct CommandDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    public var fields: [FieldDeclaration]
    public var range: SourceRange

    public init(doc: [String], name: Identifier, fields: [FieldDeclaration], range: SourceRange) {
        self.doc = doc
        self.name = name
        self.fields = fields
        self.range = range
    }
}
