/// A name a schema declares: a model, one of its fields or profiles, an enum or one of its cases, a command and its
/// fields, a use case, a job, a callback, a service and its methods, a field of the principal (`auth`).
public struct SchemaSymbol: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case model, field, profile, enumeration, enumCase, command, commandField, useCase, job, callback, service
        case serviceMethod, principalField

        /// What the symbol is called in messages: "model", "field", "use case".
        public var spelling: String {
            switch self {
            case .model: "model"
            case .field: "field"
            case .profile: "profile"
            case .enumeration: "enum"
            case .enumCase: "enum case"
            case .command: "command"
            case .commandField: "command field"
            case .useCase: "use case"
            case .job: "job"
            case .callback: "callback"
            case .service: "service"
            case .serviceMethod: "service method"
            case .principalField: "principal field"
            }
        }
    }

    public var kind: Kind
    public var name: String
    /// The declaration that holds it: a field's model, a case's enum, a method's service; nil at the top level.
    public var container: String?
    /// The name where it is declared.
    public var nameRange: SourceRange
    /// The whole declaration.
    public var range: SourceRange
    public var doc: [String]
    /// For a field declared with a model type (a relation): that model. Its foreign key is `name` + `Id`.
    public var relationTarget: String?

    /// `Product`, `Product.sku`, `Role.admin`.
    public var qualifiedName: String { container.map { "\($0).\(name)" } ?? name }
}

/// One place a symbol's name is written: its declaration or a use.
public struct SymbolOccurrence: Sendable, Hashable {
    /// The index of the symbol in `SchemaIndex.symbols`.
    public var symbol: Int
    /// The name as written at this place.
    public var range: SourceRange
    public var isDefinition: Bool
    /// What follows the symbol's name in the written name: `Id` where a relation `org` is named by its foreign key
    /// `orgId`. A rename keeps it.
    public var suffix: String

    public init(symbol: Int, range: SourceRange, isDefinition: Bool, suffix: String = "") {
        self.symbol = symbol
        self.range = range
        self.isDefinition = isDefinition
        self.suffix = suffix
    }
}
