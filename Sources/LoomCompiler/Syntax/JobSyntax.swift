public typealias JobDeclaration = RoutineDeclaration

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
