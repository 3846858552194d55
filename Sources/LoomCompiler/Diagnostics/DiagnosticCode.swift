/// Every diagnostic the compiler emits has a stable code. docs/language.md has a wrong and a right example of each.
/// Codes are never reused: a retired check keeps its number.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // Lexical
    case unexpectedCharacter = "L001"
    case unterminatedString = "L002"
    case unterminatedComment = "L003"
    case invalidNumber = "L004"
    /// Reported by `loomgen check` (not by `Frontend.compile`) for a file that `loomgen fmt` would change.
    case notFormatted = "L005"
    // Syntax
    case expectedToken = "L010"
    case unknownDeclaration = "L011"
    case unknownMember = "L012"
    case nestingTooDeep = "L013"
    // Names and declarations
    case unknownType = "L020"
    case duplicateDeclaration = "L021"
    case duplicateField = "L022"
    case missingPrimaryKey = "L023"
    case multiplePrimaryKeys = "L024"
    case unknownAttribute = "L025"
    case attributeDoesNotFitType = "L026"
    case invalidAttributeArguments = "L027"
    case reservedName = "L028"
    case invalidTypeArguments = "L029"
    case invalidName = "L030"
    /// A declaration named like something the generator emits (`UserRepository`, `StoreSchema`, `Create`).
    case generatedNameClash = "L031"
    case defaultTypeMismatch = "L034"
    case duplicateAttribute = "L035"
    case invalidTableName = "L036"
    case identifierTooLong = "L037"
    // Resources and routes
    case unknownModel = "L040"
    case duplicateRoute = "L041"
    case invalidPath = "L042"
    case unknownCRUDOperation = "L043"
    case duplicateResource = "L044"
    case unknownPaginationMode = "L045"
    // Model language (enums, types, keys, relations, constraints, profiles): L050–L069
    case unknownField = "L050"
    case duplicateEnumCase = "L051"
    case emptyEnum = "L052"
    case unknownEnumCase = "L053"
    case invalidListType = "L054"
    case unknownRelation = "L055"
    case unknownProfile = "L056"
    case referencedModelHasNoKey = "L057"
    case relationNameClash = "L058"
    case requiredRelationCycle = "L059"
    case computedNeedsHasMany = "L060"
    /// A `cache ttl` duration that is not a positive whole number of seconds, minutes or hours (`0s`, `60`, `1d`).
    case invalidCacheDuration = "L061"
    /// `cache` on a model whose read rules read other rows (a relation path, `exists`): a cached answer would not
    /// change when those rows do.
    case cacheOverOtherRows = "L062"
    // Behaviour (commands, use cases, guards, rules, routes, jobs, callbacks): L070–L099
    case unknownUseCase = "L070"
    case unknownJob = "L071"
    case invalidCommandDefault = "L072"
    case unknownBodyField = "L073"
    case unknownParameter = "L074"
    case keyTypeMismatch = "L075"
    case pathParameterWithoutParameter = "L076"
    case parameterNotInPath = "L077"
    case pathParameterTypeMismatch = "L078"
    case missingParentReference = "L079"
    case unserializableJobValue = "L080"
    case unusedUseCase = "L081"
    case invalidStatusCode = "L082"
    case unknownHTTPMethod = "L083"
    case invalidResultType = "L084"
    case invalidSpecialParameter = "L085"
    case invalidJobOption = "L086"
    case bodyOnGetRoute = "L087"
    case statementNotAllowed = "L088"
    case unknownCallbackEvent = "L089"
    // Access (`auth` and rules): L100–L119
    /// A second `auth` declaration: a schema has one principal.
    case duplicateAuth = "L100"
    /// A principal field of a type a claim cannot carry (a list, a model, a date, …).
    case invalidPrincipalField = "L101"
    /// An attribute other than `@claim("name")` on a principal field, or `@claim` with bad arguments.
    case invalidClaim = "L102"
    case unknownJWTSetting = "L103"
    /// A `jwt` setting with a value of the wrong kind, or a `leeway` outside 0…3600.
    case invalidJWTSetting = "L104"
    case emptyAuth = "L105"
    /// A name in a rule that is no field, relation, principal field or enum case.
    case unknownRuleName = "L106"
    /// `auth` or `before` in a schema without an `auth` declaration.
    case ruleWithoutAuth = "L107"
    /// `before.` outside a rule about `update` alone.
    case misplacedBefore = "L108"
    /// A path that does not lead to a value: through a has-many relation, a relation on its own, past a field.
    case invalidRulePath = "L109"
    /// `exists(…)` over something that is not a has-many relation.
    case invalidExists = "L110"
    case ruleTypeMismatch = "L111"
    /// `<`, `<=`, `>`, `>=` on a type without order or an optional operand.
    case unorderedComparison = "L112"
    /// A comparison or rule that can never hold (`== null` on a value never null, `false`).
    case ruleNeverHolds = "L113"
    /// Two columns of the row compared with each other: not supported yet.
    case columnComparison = "L114"
    /// A condition that is not true or false (a bare non-Bool value).
    case nonBooleanCondition = "L115"
    /// A field list on an operation other than `read` and `update`.
    case invalidRuleFields = "L116"
    case unknownRuleOperation = "L117"
    /// `uses` names no declared service.
    case unknownService = "L118"
    /// `readonly` on a use case that invokes one that writes, or on a job.
    case readOnlyWrites = "L119"
    // Use-case values (`compute`, lookups by a field, `exists`, `when`, comparison rules): L120–
    /// One body field set by two `compute` statements.
    case computedTwice = "L120"
    /// A `compute` whose value does not fit its field, or a comparison of values of different kinds.
    case statementTypeMismatch = "L121"
    /// `load`/`require` by a field that is not unique on the model: it names no single row.
    case lookupFieldNotUnique = "L122"
    /// A `when` condition or comparison rule that cannot be decided on the request's values.
    case invalidStatementCondition = "L123"
    // What a request may ask of a list or a read (`filterable`, `sortable`, `profiles`, a route's `pagination`): L130–L139
    /// `filterable`/`sortable` names no field of the resource's model.
    case unknownListField = "L130"
    /// `filterable`/`sortable` names a JSON or list field, which no filter or sort applies to.
    case unlistableField = "L131"
    /// `pagination` on a route whose use case returns no page (`query:` and `Page(Model)`).
    case paginationWithoutPage = "L132"
    /// `cache` on a route that is not a GET, or whose use case is not `readonly`: only reads are cached.
    case cacheOnWrite = "L133"
    /// `limit N` in `pagination` outside 1…1000: a page that holds no row, or more than a request may ask for.
    case pageSizeOutOfRange = "L134"
    // Many-to-many relations (`tags [Tag] through ProductTag`): L140–
    /// A `through` relation whose type is not a list of a model, or whose join model does not belong to both sides
    /// exactly once.
    case invalidThroughRelation = "L140"
    // The migrations folder (`loomgen generate`, `check`, `migrate new`; not `Frontend.compile`): L006–L009
    case invalidMigrationName = "L006"
    case duplicateMigrationNumber = "L007"
    case missingMigrationFile = "L008"
    case unreadableMigrationSnapshot = "L009"
    // Drift (`loomgen check` only; exit status 2): L090–L093, and L005 above
    /// A committed generated file (`check --generated`) differs from what the schema generates.
    case generatedFileOutOfDate = "L090"
    /// The schema generates a file the committed folder does not have.
    case generatedFileMissing = "L091"
    /// The committed folder has a file loomgen wrote that the schema no longer generates.
    case generatedFileStale = "L092"
    /// The schema's tables differ from the last migration's snapshot.
    case migrationMissing = "L093"
}
