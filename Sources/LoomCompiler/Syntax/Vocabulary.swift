/// The language's words, by where they may be written: what an editor completes. The lists are the ones the parser
/// and the checker use, so a word added to the language is completed without a change in the editor's code.
public enum Vocabulary {
    public static let declarations = Keywords.implementedDeclarations
    public static let modelOptions = Keywords.modelOptions
    /// What a model's body may contain besides fields.
    public static let modelMembers = ["profile", "allow", "deny", "cache"]
    public static let modelAttributes = CompositeKeyResolver.attributeNames
    public static let fieldAttributes = FieldResolver.attributeNames
    public static let profileMembers = Keywords.profileMembers
    public static let resourceMembers = Keywords.resourceMembers
    public static let ruleOperations = Keywords.ruleOperations
    public static let crudOperations = Keywords.crudOperations
    public static let useCaseStatements = Keywords.useCaseStatements
    public static let jobStatements = Keywords.jobStatements
    public static let callbackEvents = Keywords.callbackEvents
    public static let httpMethods = Keywords.httpMethods
    public static let jwtSettings = Keywords.jwtSettings
    public static let paginationModes = PaginationMode.allCases.map(\.rawValue)
    public static let paginationOptions = Keywords.paginationOptions
    public static let routeOptions = Keywords.routeOptions
    /// The scalar types as written; `String` and `Decimal` take arguments.
    public static let scalarTypes = (TypeResolver.simpleTypes.keys + ["String", "Decimal"]).sorted()
}
