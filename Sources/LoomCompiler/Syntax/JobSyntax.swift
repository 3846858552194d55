public typealias JobDeclaration = RoutineDeclaration

/// `callback Name on success|failure of Job`, or of a group of them: `on success of all Job`, `on failure of any Job`.
public struct CallbackDeclaration: Sendable, Hashable {
    public var doc: [String]
    public var name: Identifier
    /// `success` or `failure` as written; nil when missing (reported by the parser).
    public var event: Identifier?
    public var job: Identifier?
    /// `all` or `any` before the job: a callback of a group of its jobs.
    public var quantifier: Identifier?
    public var range: SourceRange

    public init(doc: [String], name: Identifier, event: Identifier?, job: Identifier?, quantifier: Identifier? = nil, range: SourceRange) {
        self.doc = doc
        self.name = name
        self.event = event
        self.job = job
        self.quantifier = quantifier
        self.range = range
    }
}
