/// What each code means, for an editor's hover and for `loomgen` to print next to a diagnostic. The text follows the
/// code's row in docs/language.md (its wrong and right examples). Both switches are exhaustive, so a new code does not
/// compile until it is explained.
extension DiagnosticCode {
    /// A short title, e.g. "unknown type" (lower case, no final period).
    public var title: String {
        switch self {
        // Lexical
        case .unexpectedCharacter: "unexpected character"
        case .unterminatedString: "unterminated string"
        case .unterminatedComment: "unterminated block comment"
        case .invalidNumber: "invalid number"
        case .notFormatted: "file is not formatted"
        // Syntax
        case .expectedToken: "expected a token"
        case .unknownDeclaration: "unknown declaration"
        case .unknownMember: "unknown member"
        case .nestingTooDeep: "nested too deep"
        // Names and declarations
        case .unknownType: "unknown type"
        case .duplicateDeclaration: "duplicate declaration"
        case .duplicateField: "duplicate field"
        case .missingPrimaryKey: "model without @id"
        case .multiplePrimaryKeys: "more than one @id"
        case .unknownAttribute: "unknown attribute"
        case .attributeDoesNotFitType: "attribute does not fit the field"
        case .invalidAttributeArguments: "invalid attribute arguments"
        case .reservedName: "reserved name"
        case .invalidTypeArguments: "invalid type arguments"
        case .invalidName: "badly shaped name"
        case .generatedNameClash: "name the generator emits"
        case .defaultTypeMismatch: "default does not fit the type"
        case .duplicateAttribute: "attribute given twice"
        case .invalidTableName: "invalid table name"
        case .identifierTooLong: "name too long for PostgreSQL"
        // Resources and routes
        case .unknownModel: "unknown model"
        case .duplicateRoute: "route served twice"
        case .invalidPath: "invalid path"
        case .unknownCRUDOperation: "unknown crud operation"
        case .duplicateResource: "second resource for a model"
        case .unknownPaginationMode: "unknown pagination mode"
        // Model language
        case .unknownField: "unknown field"
        case .duplicateEnumCase: "duplicate enum case"
        case .emptyEnum: "enum without cases"
        case .unknownEnumCase: "unknown enum case"
        case .invalidListType: "invalid list type"
        case .unknownRelation: "unknown relation"
        case .unknownProfile: "unknown profile"
        case .referencedModelHasNoKey: "relation to a model without a key"
        case .relationNameClash: "relation names clash"
        case .requiredRelationCycle: "cycle of required relations"
        case .computedNeedsHasMany: "count or exists of a belongs-to relation"
        case .invalidCacheDuration: "invalid cache duration"
        case .cacheOverOtherRows: "cache over rules that read other rows"
        // Behaviour
        case .unknownUseCase: "unknown use case"
        case .unknownJob: "unknown job"
        case .invalidCommandDefault: "impossible default on a command field"
        case .unknownBodyField: "unknown body field"
        case .unknownParameter: "unknown parameter"
        case .keyTypeMismatch: "key or value type mismatch"
        case .pathParameterWithoutParameter: "path parameter the use case lacks"
        case .parameterNotInPath: "use-case parameter not in the path"
        case .pathParameterTypeMismatch: "path parameter of the wrong type"
        case .missingParentReference: "nested resource without a relation to its parent"
        case .unserializableJobValue: "job value that cannot be queued"
        case .unusedUseCase: "use case never routed or invoked"
        case .invalidStatusCode: "invalid status code"
        case .unknownHTTPMethod: "unknown HTTP method"
        case .invalidResultType: "invalid result"
        case .invalidSpecialParameter: "invalid body or query parameter"
        case .invalidJobOption: "invalid job option"
        case .bodyOnGetRoute: "body on a GET route"
        case .statementNotAllowed: "statement not allowed here"
        case .unknownCallbackEvent: "unknown job event"
        // Access
        case .duplicateAuth: "second auth declaration"
        case .invalidPrincipalField: "principal field a claim cannot carry"
        case .invalidClaim: "invalid claim attribute"
        case .unknownJWTSetting: "unknown jwt setting"
        case .invalidJWTSetting: "invalid jwt setting"
        case .emptyAuth: "auth without fields"
        case .unknownRuleName: "unknown name in a rule"
        case .ruleWithoutAuth: "auth used without an auth declaration"
        case .misplacedBefore: "misplaced before"
        case .invalidRulePath: "path that leads to no value"
        case .invalidExists: "exists over something not has-many"
        case .ruleTypeMismatch: "incompatible comparison"
        case .unorderedComparison: "comparison of unordered values"
        case .ruleNeverHolds: "rule that can never hold"
        case .columnComparison: "two values of the row compared"
        case .nonBooleanCondition: "condition that is not true or false"
        case .invalidRuleFields: "field list on the wrong operation"
        case .unknownRuleOperation: "unknown rule operation"
        case .unknownService: "unknown service"
        case .readOnlyWrites: "readonly where something writes"
        // Use-case values
        case .computedTwice: "body field computed twice"
        case .statementTypeMismatch: "value does not fit its type"
        case .lookupFieldNotUnique: "lookup by a field that is not unique"
        case .invalidStatementCondition: "condition that cannot be decided"
        // What a request may ask of a list or a read
        case .unknownListField: "unknown field to filter or sort by"
        case .unlistableField: "field that cannot be filtered or sorted"
        case .paginationWithoutPage: "pagination on a route that lists nothing"
        case .cacheOnWrite: "cache on a route that is not a read"
        case .pageSizeOutOfRange: "page size out of range"
        // Many-to-many relations
        case .invalidThroughRelation: "invalid through relation"
        // The migrations folder
        case .invalidMigrationName: "badly named migration folder"
        case .duplicateMigrationNumber: "two migrations with one number"
        case .missingMigrationFile: "missing migration file"
        case .unreadableMigrationSnapshot: "unreadable migration snapshot"
        // Drift
        case .generatedFileOutOfDate: "generated file out of date"
        case .generatedFileMissing: "generated file missing"
        case .generatedFileStale: "stale generated file"
        case .migrationMissing: "migration missing"
        }
    }

    /// What the check is about and how to fix it, in one to three sentences of plain English, Markdown allowed
    /// (backticks for code). Shown when an editor hovers over a diagnostic.
    public var explanation: String {
        switch self {
        // Lexical
        case .unexpectedCharacter:
            "The file holds a character that is no part of the language, as `#` in `id Int @id #`, or a string holds an "
                + "invalid escape sequence. Remove the character, or fix the escape."
        case .unterminatedString:
            #"A string is not closed before the end of its line, as in `at "/users {`. Close the quote on the same line: `at "/users" {`."#
        case .unterminatedComment:
            "A `/*` block comment is never closed, so it swallows the rest of the file. Close it with `*/`."
        case .invalidNumber:
            "A number is malformed, or too large (integers are 64-bit), as in `String(12x)`. Write a plain number: "
                + "`String(12)`."
        case .notFormatted:
            "Reported by `loomgen check` only: the file is not in the canonical layout `loomgen fmt` writes (stray "
                + "spaces, as in `id   Int @id`). Run `loomgen fmt <dir>` to rewrite it; see docs/formatting.md."
        // Syntax
        case .expectedToken:
            "The parser expected a particular token and found another, usually because a declaration, statement or "
                + "route is cut short, as in `@default(1`. Complete it: `@default(1)`."
        case .unknownDeclaration:
            "A top-level word is not a declaration (`model`, `enum`, `resource`, `command`, `usecase`, `job`, "
                + "`callback`, `service`, `auth`), as in `modle User {`. Fix the spelling: `model User {`."
        case .unknownMember:
            "A word inside a block is not something that block accepts, as `paginaton cursor` in a resource or an "
                + "unknown statement in a use case. Fix the spelling: `pagination cursor`."
        case .nestingTooDeep:
            "Braces or a condition are nested more than 256 levels deep, which the compiler refuses. Flatten the "
                + "structure."
        // Names and declarations
        case .unknownType:
            "A type names no built-in type, model, enum or command, as in `fullName Strng(120)` or "
                + "`status OrderStatis`. Fix the name or declare the type: `fullName String(120)`."
        case .duplicateDeclaration:
            "Two declarations (models, enums, commands, use cases, jobs, callbacks, profiles, tables) or two schema "
                + "files share a name, or names that differ only in case, which macOS cannot tell apart. Rename one or "
                + "merge them."
        case .duplicateField:
            "A field or column is declared twice in one model, command or `auth`, or a use case repeats a parameter "
                + "or a `load` name, as `name String(10)` twice. Rename or remove one."
        case .missingPrimaryKey:
            "Every model needs one `@id` field, and this one has none, as in `model Thing { name String(10) }`. Add a "
                + "key: `id Int @id @autoincrement`."
        case .multiplePrimaryKeys:
            "A model has more than one `@id` field, as `code String(4) @id` besides `id Int @id`. Keep `@id` on one "
                + "field; mark the other `@unique` if it must stay unique."
        case .unknownAttribute:
            "An `@attribute` or `@@constraint` is not one the language knows, as `@uniqe` or `@@uniqe([a, b])`. Fix "
                + "the spelling: `@unique`, `@@unique([a, b])`."
        case .attributeDoesNotFitType:
            "The attribute does not apply to this field's type or kind, as `age Int @minLength(2)`, or "
                + "`@onDelete(setNull)` on a required relation. Use it where it fits: `name Text @minLength(2)`, "
                + "`user User? @onDelete(setNull)`."
        case .invalidAttributeArguments:
            "An attribute's arguments are missing, out of range or misspelt, as `@range(10, 1)`, `@minLength(-1)` "
                + "or `@onDelete(cascde)`. Write `@range(1, 10)`, `@minLength(1)`, `@onDelete(cascade)`; an index of "
                + "one field is `@index` on that field."
        case .reservedName:
            "A name is a keyword of the language, a Swift keyword or a built-in type, as `class String(10)` or "
                + "`enum Mode { default }`. Choose another: `className String(10)`, `enum Mode { standard }`."
        case .invalidTypeArguments:
            "A type has the wrong arguments: `String` needs a maximum length, `Int` takes none, and `Decimal` has at "
                + "most 38 digits. Write `String(255)`, `Int`, `Decimal(38, 2)`."
        case .invalidName:
            "Models, enums and other declarations are UpperCamelCase and fields lowerCamelCase, of letters and digits "
                + "only, as `model order_item` is not. Write `model OrderItem`, `fullName String(10)`."
        case .generatedNameClash:
            "A declaration has a name the generated Swift already uses, as `command UserRepository` next to "
                + "`model User`, or `model Fields`. Rename it: `command UserLookup`, `model FieldSet`."
        case .defaultTypeMismatch:
            #"A `@default` value does not fit the field's type, as `active Bool @default("yes")`, or has more decimals than the field, as `@default(12.345)` in `Decimal(5, 2)`. Write `@default(true)`, `@default(12.35)`, and an enum case unquoted: `@default(a)`."#
        case .duplicateAttribute:
            "An attribute, constraint, option or setting is given twice, as `@unique @unique`, or a model has a "
                + "second `cache` line. Keep one."
        case .invalidTableName:
            #"A `table "…"` name is lowercase letters, digits and underscores only, as `table "Things"` is not. Write `table "things"`."#
        case .identifierTooLong:
            #"A table, column, constraint or index name is over 63 bytes, which PostgreSQL would cut short. Give the model a shorter table name, such as `table "short_name"`, or shorten the field's name."#
        // Resources and routes
        case .unknownModel:
            #"A resource, guard, `Page(…)` or `under` names no declared model, as `resource Usr at "/users"`. Fix the name: `resource User at "/users"`."#
        case .duplicateRoute:
            #"Two routes have one method and the same path once parameter names are ignored, as `crud` and `GET "/{userId}" -> GetUser`. Give one another path: `GET "/{userId}/full" -> GetUser`."#
        case .invalidPath:
            #"A path starts with `/` and has well-formed `{parameter}` segments, and a path with a parameter belongs to a nested resource with exactly one and `under Parent`. Write `at "/users"`, or `at "/users/{userId}/addresses" under User`."#
        case .unknownCRUDOperation:
            "`crud` lists `create`, `get`, `list`, `update` and `delete` only, as `crud create, delet` does not. Fix "
                + "the spelling: `crud create, delete`."
        case .duplicateResource:
            "A model has at most one resource, and this is a second `resource User`. Merge them into one."
        case .unknownPaginationMode:
            "Pagination is `offset` or `cursor`, as `pagination cursr` is not. Write `pagination cursor`."
        // Model language
        case .unknownField:
            "A `@@unique`, `@@index`, `unique` statement or path names a field the model does not have, as "
                + "`@@unique([shop, skus])`. Fix the name: `@@unique([shop, sku])`."
        case .duplicateEnumCase:
            "An enum lists a case twice, as `enum S { created paid created }`. List each case once."
        case .emptyEnum:
            "An enum needs at least one case, and `enum S { }` has none. Add its cases: `enum S { created }`."
        case .unknownEnumCase:
            "A default names no case of the field's enum, as `status OrderStatus @default(shiped)`. Use one of its "
                + "cases: `@default(shipped)`."
        case .invalidListType:
            "A list cannot be nested or hold optional elements, models or JSON, as `[[String(10)]]`, `[Int?]`, "
                + "`[Post]`, `[JSON]`. Use `JSON` for nested data, `[Int]?` for an optional list, and a relation on "
                + "the other model instead of `[Post]`."
        case .unknownRelation:
            "A profile's `include`, `count` or `exists` names no relation of the model, as `include adresses`. Fix the "
                + "name: `include addresses`."
        case .unknownProfile:
            "A `load`, route or `profiles` line names a profile the model does not declare, as `profile withAdresses` "
                + "where the model has `withAddresses`. Write `profile withAddresses`."
        case .referencedModelHasNoKey:
            "A relation refers to a model with no `@id` field, as `tag Tag` where `Tag` has no key, so its foreign key "
                + "has nothing to point at. Add a key to that model: `id Int @id @autoincrement`."
        case .relationNameClash:
            #"Two relations to one model give it the same has-many name, or a relation's name is another field's, as `sender User` and `recipient User` in one model. Name them with `@relation`: `@relation("sentMessages")`, `@relation("receivedMessages")`."#
        case .requiredRelationCycle:
            "Required relations form a cycle, as `parent Category` in `Category`, so no row could be inserted first. "
                + "Make one of them optional: `parent Category?`."
        case .computedNeedsHasMany:
            "`count` and `exists` in a profile need a has-many relation, and this names the model the row belongs "
                + "to, as `count user as users` in `Address`. Include it instead: `include user`."
        case .invalidCacheDuration:
            "A `cache ttl` duration is a whole number above zero glued to `s`, `m` or `h`, at most a year, as `0s`, "
                + "`60` and `1d` are not. Write `cache ttl 1s`, `cache ttl 60s`, `cache ttl 24h`."
        case .cacheOverOtherRows:
            "A model whose read rules read other rows (a relation path, `exists(…)`) cannot be cached: a cached answer "
                + "would not change when those rows do. Write rules on the row's own fields and the caller "
                + "(`orgId == auth.orgId`), or drop `cache`."
        // Behaviour
        case .unknownUseCase:
            #"A route or `invoke` names no declared use case, as `GET "/me" -> GetUsr`. Fix the name: `-> GetUser`."#
        case .unknownJob:
            "A callback or `dispatch` names no declared job, as `dispatch SendMial`. Fix the name: `dispatch SendMail`."
        case .invalidCommandDefault:
            "A command field defaults to `null` only when it is optional, and a `@patch` field has no default, as "
                + "`nickname String(40) @default(null)`. Write `nickname String(40)? @default(null)`, or drop the "
                + "default."
        case .unknownBodyField:
            "`body.field` names no field of the use case's body command, or the use case has no `body`, as "
                + "`unique User.email(body.emial)`. Fix the name: `body.email`."
        case .unknownParameter:
            "A statement names a parameter the use case or job does not declare, as `require User(usrId)`. Use a "
                + "declared one: `require User(userId)`."
        case .keyTypeMismatch:
            "A lookup's value does not have the type of the model's key or of the field it looks up by, as "
                + "`GetUser(userId: String(20))` with `require User(userId)` and an `Int` key. Give it that type: "
                + "`userId: Int`."
        case .pathParameterWithoutParameter:
            #"A route's path has a `{parameter}` its use case does not take, as `GET "/{userId}/me" -> GetUser` with `GetUser()`. Add it to the use case: `GetUser(userId: Int)`."#
        case .parameterNotInPath:
            #"A use-case parameter other than `body` and `query` comes from the route's path, as `GET "/me" -> GetUser` with `GetUser(userId: Int)` has no `{userId}`. Put it in the path: `GET "/{userId}/me"`."#
        case .pathParameterTypeMismatch:
            "A path parameter is a single scalar, and one for a parent's key has that key's type, as "
                + "`CountAddresses(userId: String(10))` under `User` (key `Int`) does not. Write `userId: Int`."
        case .missingParentReference:
            "The model of a resource `under` a parent needs a relation to that parent, and a bare `ownerId Int` is "
                + "none. Add the relation: `user User` in `Address`."
        case .unserializableJobValue:
            "A job's parameters and result travel through the queue as JSON, so they are scalars and commands, never a "
                + "model's entity, as `job Notify(user: User)`. Pass the key and load the row: "
                + "`job Notify(userId: Int)` with `load user = User(userId)`."
        case .unusedUseCase:
            "A warning: no route names this use case and no use case invokes it, so nothing runs it, as "
                + "`usecase Orphan(userId: Int)` alone. Route it, `invoke` it, or remove it."
        case .invalidStatusCode:
            "A route's `status` is an HTTP status from 100 to 599, and a `DELETE` answers 200 or 204, as `status 99` "
                + "is not. Write a valid status: `status 202`."
        case .unknownHTTPMethod:
            #"A route's method is `GET`, `POST`, `PUT`, `PATCH` or `DELETE`, in capitals, as `get "/ping"` and `FETCH "/pong"` are not. Write `GET "/ping"`."#
        case .invalidResultType:
            "A result is a model, `Page(Model)` (with a `query:` of that model), a command or a scalar, never optional "
                + "or a list, as `-> [User]`. Write `-> Page(User)` with `query: User`, or return a command holding "
                + "the list."
        case .invalidSpecialParameter:
            "`body` must be a command and `query` a model, and a job takes no `query`, as "
                + "`CreateUser(body: User, query: Int)` breaks both. Write `body: NewUser`, `query: User`."
        case .invalidJobOption:
            "A job option has a bad value: `queue` takes a lowercase name, `retries` 0 to 100, `backoff` `fixed` or "
                + "`exponential`, `priority` -100 to 100. Write e.g. `queue notifications`, `retries 2`, "
                + "`backoff fixed 2`, `priority 50`."
        case .bodyOnGetRoute:
            #"A `GET` route cannot take a request body, and its use case has a `body:` parameter, as `GET "/find" -> FindUsers` with `body: Filter`. Use another method: `POST "/find"`."#
        case .statementNotAllowed:
            "This statement does not belong here: `unique` or `require auth` in a job, or a job option such as "
                + "`retries 2` in a use case. Move it to the use case or the job it belongs to."
        case .unknownCallbackEvent:
            "A callback's event is `success` or `failure`, and for a group only `success of all` and "
                + "`failure of any`, as `on succes of Mail` or `on success of any Mail` are not. Write "
                + "`on success of Mail`, `on success of all Mail`."
        // Access
        case .duplicateAuth:
            "A schema has one principal, so one `auth` declaration, and this is a second (perhaps in another file). "
                + "Merge them into one `auth` with every field."
        case .invalidPrincipalField:
            "A principal field comes from a JWT claim, so it is never a list, a model or a date, as `org Org`, "
                + "`seen DateTime` or `tags [Text]`. Use a scalar or an enum: `orgId Int`, `seen Text`, `tag Text`."
        case .invalidClaim:
            #"The only attribute of a principal field is `@claim("name")`, with one string, as `id Int @claim(sub)` and `org Int @unique` are not. Write `id Int @claim("sub")`, or no attribute to use the field's own name."#
        case .unknownJWTSetting:
            #"A `jwt` block takes only `issuer`, `audience` and `leeway`, as `isuer "helpdesk"` is none. Fix the spelling: `issuer "helpdesk"`."#
        case .invalidJWTSetting:
            #"A `jwt` setting has a value of the wrong kind, or `leeway` is outside 0…3600 seconds, as `audience 3` or `leeway 7200`. Write `audience "helpdesk-api"`, `leeway 30`."#
        case .emptyAuth:
            #"An `auth` declaration needs at least one principal field, and `auth { jwt { leeway 30 } }` has none. Add the caller's fields: `auth { id Int @claim("sub") … }`."#
        case .unknownRuleName:
            "A name in a rule or `require auth` is no field or relation of the model, field of `auth` or enum case, "
                + "as `orgid == auth.orgid`. Fix the spelling: `orgId == auth.orgId`."
        case .ruleWithoutAuth:
            "A rule, `require auth` or `as caller` uses `auth` or `before` in a schema that declares no `auth`, as "
                + "`allow read when ownerId == auth.id` alone. Declare the principal: `auth { id Int }`."
        case .misplacedBefore:
            "`before.field` is the row before an update, so only a rule about `update` alone may use it, and never "
                + "inside `exists(…)`. Write `allow update when before.state == draft`."
        case .invalidRulePath:
            "A rule's path must end at a value, never at a relation, through a has-many relation or past a field, as "
                + "`owner == auth.id` or `noteId.id`. Write `ownerId == auth.id`, `note.id`, or "
                + "`exists(notes where …)`."
        case .invalidExists:
            "`exists(…)` needs a has-many relation, and this names a field or a belongs-to relation, as "
                + "`exists(owner where id == auth.id)`. Follow the relation instead: `owner.id == auth.id`."
        case .ruleTypeMismatch:
            #"The sides of a comparison have different types, a name is no case of the enum, or the type cannot be compared yet (`Decimal`, dates, JSON, lists), as `state == "done"`. Compare like with like: `state == done`, `ownerId == auth.id`."#
        case .unorderedComparison:
            "`<`, `<=`, `>` and `>=` need numbers or text that cannot be null, not an enum, `Bool`, `UUID`, an "
                + "optional value or `null`, as `state > draft`. Use `==` (`state == done`), or compare a required "
                + "field."
        case .ruleNeverHolds:
            "A comparison or rule is decided in advance and can never hold, as `ownerId == null` with `ownerId Int`, "
                + "or `when auth != null && 1 > 2`. Make the field optional (`ownerId Int?`), or drop the rule."
        case .columnComparison:
            "Comparing two values of the row with each other, as `ownerId == editorId`, is not supported yet. Compare a "
                + "value of the row with the caller or a literal: `ownerId == auth.id`."
        case .nonBooleanCondition:
            #"A condition is true or false: a `Bool` field alone is one (`!hidden`), but another value alone is not, as `allow read when title`. Write a comparison: `allow read when title == "x"`."#
        case .invalidRuleFields:
            "A field list narrows only `read` and `update`, so one on `create`, `delete` or `all` is wrong, as "
                + "`allow create(title) when …`. Write `allow create when …`, or `allow update(title) when …`."
        case .unknownRuleOperation:
            "A rule's operations are `read`, `create`, `update`, `delete` and `all`, as `allow raed when …` is none. "
                + "Fix the spelling: `allow read when …`."
        case .unknownService:
            "`uses` names no declared `service`, as `uses Mailr`. Fix the name, or declare the service: `uses Mailer` "
                + "with `service Mailer { … }`."
        case .readOnlyWrites:
            "A `readonly` use case may invoke only readonly use cases, and a job is never `readonly`. Mark the invoked "
                + "use case `readonly` too, or drop `readonly` (always, on a job)."
        // Use-case values
        case .computedTwice:
            "Two `compute` statements set one body field, as `compute body.slug = slugify(body.sku)` and "
                + "`compute body.slug = body.sku`. Keep one `compute`; a function may choose the value."
        case .statementTypeMismatch:
            "A `compute` value does not fit its field (`+` and `*` need two numbers of its type), or a comparison has "
                + "values of different types, as `compute body.quantity = body.sku`. Write a fitting value: "
                + "`compute body.quantity = toQuantity(body.sku)`."
        case .lookupFieldNotUnique:
            "`load`/`require` by a field must name one row, so the field must be unique, as "
                + "`Product(name: body.name)` is not. Look up by a unique field, `Product(sku: body.sku)`, or test "
                + "with `exists known = Product(name: body.name)`."
        case .invalidStatementCondition:
            #"A `when` or comparison rule cannot be decided on the request's values: a presence test of a value always sent, or a comparison with one that may be absent, as `when body.note == "gift"`. Write `when body.note != null`, or `rule body.note == "gift" "…"`."#
        // What a request may ask of a list or a read
        case .unknownListField:
            "`filterable` or `sortable` names no field of the resource's model, as `filterable nmae`. Fix the name: "
                + "`filterable name`."
        case .unlistableField:
            "`filterable` or `sortable` names a JSON or list field, which no filter or sort applies to, as "
                + "`sortable meta` with `meta JSON`. Remove it from the line."
        case .paginationWithoutPage:
            "`pagination` on a route needs a use case that returns a page, with `query: Model` and "
                + "`-> Page(Model)`. Give the use case `query: Product` and `-> Page(Product)`, or drop `pagination`."
        case .cacheOnWrite:
            #"Only reads are cached: `cache` on a route needs a `GET` whose use case is `readonly`, as `POST "/{id}/look" -> Look cache ttl 30s` is not. Use `GET "/{id}/look"`, mark the use case `readonly`, or drop `cache`."#
        case .pageSizeOutOfRange:
            "`limit N` after `pagination` is the page size of a request that names no `?limit=`; a page holds 1 to "
                + "1000 rows, as `pagination offset limit 0` does not. Write `pagination offset limit 20`, or drop "
                + "`limit` for the default of 50."
        // Many-to-many relations
        case .invalidThroughRelation:
            "A `through` relation is a list of a model, whose join model belongs to both sides exactly once, as "
                + "`tags Tag through PostTag` is not. Write `tags [Tag] through PostTag` with `post Post` and "
                + "`tag Tag` in `PostTag`."
        // The migrations folder
        case .invalidMigrationName:
            "A migration folder is named `<number>_<name>`, as `migrations/add-phone/` is not. Rename it "
                + "`migrations/0002_add_phone/`, as `loomgen migrate new add_phone` would write it."
        case .duplicateMigrationNumber:
            "Two migration folders share a number, as `0002_add_phone/` and `0002_add_tags/`. Renumber the one not "
                + "applied anywhere yet: `0003_add_tags/`."
        case .missingMigrationFile:
            "A migration folder lacks `postgres.sql` or `sqlite.sql`, or the last one lacks `snapshot.json`. Restore "
                + "the file from version control."
        case .unreadableMigrationSnapshot:
            "The last migration's `snapshot.json` cannot be read: it is not JSON (a hand edit, say), or a newer "
                + "loomgen wrote it. Restore it from version control, or use the newer loomgen."
        // Drift
        case .generatedFileOutOfDate:
            "`loomgen check --generated` (exit status 2): a committed generated file differs from what the schema "
                + "generates. Run the `fix:` line, e.g. `loomgen generate schemas/store --output Generated/store`, "
                + "or the command plugin."
        case .generatedFileMissing:
            "`loomgen check --generated` (exit status 2): the schema generates a file the committed folder lacks, as "
                + "for a new `.loom` file. Run `loomgen generate` with `--output` to write it."
        case .generatedFileStale:
            "`loomgen check --generated` (exit status 2): the committed folder holds a file loomgen wrote that the "
                + "schema no longer generates. Run `loomgen generate`, which removes the files it no longer produces."
        case .migrationMissing:
            "`loomgen check` (exit status 2): the schema's tables differ from the last migration's snapshot, as when a "
                + "field is added without a migration. Run the `fix:` line: `loomgen migrate new <name> <schema folder>`."
        }
    }
}
