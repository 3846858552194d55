/// A service the schema declares (`service Mailer { … }`): a protocol the application implements and hands to the
/// server at start-up; use cases and jobs that say `uses Mailer` reach it through their context.
public struct Service: Sendable, Hashable {
    public struct Method: Sendable, Hashable {
        public var name: String
        public var doc: [String]
        public var parameters: [Parameter]
        /// Nil when it returns nothing.
        public var result: ValueType?
        public var range: SourceRange

        public init(name: String, doc: [String], parameters: [Parameter], result: ValueType?, range: SourceRange) {
            self.name = name
            self.doc = doc
            self.parameters = parameters
            self.result = result
            self.range = range
        }
    }

    public var name: String
    public var doc: [String]
    public var methods: [Method]
    public var file: String
    public var range: SourceRange

    public init(name: String, doc: [String], methods: [Method], file: String, range: SourceRange) {
        self.name = name
        self.doc = doc
        self.methods = methods
        self.file = file
        self.range = range
    }
}
