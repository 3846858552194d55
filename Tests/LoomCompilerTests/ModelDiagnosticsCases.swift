@testable import LoomCompiler

/// Diagnostic examples for the model language: types, enums, keys, relations, constraints, profiles.
extension FrontendDiagnosticsTests {
    static let modelCases: [Case] = [
        // Names the generator emits
        Case(code: .generatedNameClash, source: "model User {\n  id Int @id\n}\ncommand UserRepository {\n  name Text\n}\nmodel Fields {\n  id Int @id\n}", expected: [
            "bad.loom:4:9: error[L031]: command 'UserRepository' has the name of the generated repository of model 'User'",
            "bad.loom:4:9: note: rename the command",
            "bad.loom:7:7: error[L031]: model 'Fields' has a name the generated Swift uses itself",
            "bad.loom:7:7: note: rename the model, e.g. 'FieldsValue'",
        ]),
        // The behaviour half's generated names: a use case's input, protocol and context, the application facade.
        Case(code: .generatedNameClash, source: "model Ping {\n  id Int @id\n}\nusecase Check(pingId: Int)\ncommand CheckInput {\n  name Text\n}\nmodel TestApplication {\n  id Int @id\n}\nresource Ping at \"/pings\" {\n  GET \"/{pingId}\" -> Check\n}", expected: [
            "bad.loom:5:9: error[L031]: command 'CheckInput' has the name of the generated input of use case 'Check'",
            "bad.loom:5:9: note: rename the command",
            "bad.loom:8:7: error[L031]: model 'TestApplication' has the name of the schema's generated application facade",
            "bad.loom:8:7: note: rename the model",
        ]),
        // Identifiers PostgreSQL would cut short
        Case(code: .identifierTooLong, source: "model Thing {\n  id Int @id\n  aVeryLongFieldNameThatGoesOnAndOnAndOnForeverAndEverAndStillContinues Int\n}\nmodel CustomerSubscriptionBillingPeriodAdjustmentLineItemHistory {\n  id Int @id\n  reference String(10) @unique\n}", expected: [
            "bad.loom:3:3: error[L037]: column name 'a_very_long_field_name_that_goes_on_and_on_and_on_forever_and_ever_and_still_continues' is 86 bytes; PostgreSQL keeps only the first 63",
            "bad.loom:3:3: note: shorten the field's name",
            "bad.loom:5:1: error[L037]: table name 'customer_subscription_billing_period_adjustment_line_item_histories' is 67 bytes; PostgreSQL keeps only the first 63",
            "bad.loom:5:1: note: give the model a shorter table name: table \"…\"",
        ]),
        Case(code: .identifierTooLong, source: "model LineItem table \"customer_subscription_billing_period_adjustment_line_items\" {\n  id Int @id\n  reference String(10) @unique\n}", expected: [
            "bad.loom:1:1: error[L037]: constraint name 'customer_subscription_billing_period_adjustment_line_items_reference_key' is 72 bytes; PostgreSQL keeps only the first 63",
            "bad.loom:1:1: note: shorten the table or field names it is made of (a shorter table \"…\")",
        ]),
        // Types
        Case(code: .unknownType, source: "enum OrderStatus { created paid }\nmodel Order {\n  id Int @id\n  status OrderStatis\n}", expected: [
            "bad.loom:4:10: error[L020]: unknown type 'OrderStatis'",
            "bad.loom:4:10: note: did you mean 'OrderStatus'?",
        ]),
        Case(code: .invalidTypeArguments, source: "model Price {\n  id Int @id\n  amount Decimal(40, 2)\n  tax Decimal(4, 6)\n}", expected: [
            "bad.loom:3:18: error[L029]: decimal precision must be between 1 and 38, not 40",
            "bad.loom:3:18: note: write Decimal(10, 2): 10 digits in all, 2 after the point",
            "bad.loom:4:18: error[L029]: decimal scale must be between 0 and the precision, 4, not 6",
            "bad.loom:4:18: note: write Decimal(10, 2): 10 digits in all, 2 after the point",
        ]),
        Case(code: .invalidListType, source: "model Post {\n  id Int @id\n  tags [[String(10)]]\n  scores [Int?]\n  authors [Post]\n}", expected: [
            "bad.loom:3:9: error[L054]: lists cannot be nested",
            "bad.loom:3:9: note: use JSON for nested data",
            "bad.loom:4:14: error[L054]: list elements cannot be optional",
            "bad.loom:4:14: note: make the list optional instead: '[Int]?'",
            "bad.loom:5:11: error[L054]: a field cannot hold a list of model 'Post'",
            "bad.loom:5:11: note: declare 'post Post' in model 'Post'; 'Post' then has many 'Post'",
        ]),
        // Enums
        Case(code: .duplicateEnumCase, source: "enum OrderStatus {\n  created\n  paid\n  created\n}", expected: [
            "bad.loom:4:3: error[L051]: duplicate case 'created' in enum 'OrderStatus'",
            "bad.loom:4:3: note: 'created' is first listed at line 2",
        ]),
        Case(code: .emptyEnum, source: "enum OrderStatus {\n}", expected: [
            "bad.loom:1:6: error[L052]: enum 'OrderStatus' has no cases",
            "bad.loom:1:6: note: list its cases: enum OrderStatus { first second }",
        ]),
        Case(code: .reservedName, source: "enum Mode { on default }", expected: [
            "bad.loom:1:16: error[L028]: 'default' is a reserved word and cannot name an enum case",
            "bad.loom:1:16: note: choose another name, e.g. 'defaultValue'",
        ]),
        Case(code: .duplicateDeclaration, source: validUserModel + "enum User { a }", expected: [
            "bad.loom:4:6: error[L021]: enum 'User' has the name of a model",
            "bad.loom:4:6: note: model 'User' is declared at bad.loom:1; rename one of them",
        ]),
        // Defaults
        Case(code: .unknownEnumCase, source: "enum OrderStatus { created paid shipped }\nmodel Order {\n  id Int @id\n  status OrderStatus @default(shiped)\n}", expected: [
            "bad.loom:4:31: error[L053]: 'shiped' is not a case of enum 'OrderStatus'",
            "bad.loom:4:31: note: did you mean 'shipped'?",
        ]),
        Case(code: .defaultTypeMismatch, source: "enum Kind { a b }\nmodel Thing {\n  id UUID @id @default(now)\n  price Decimal(5, 2) @default(12.345)\n  kind Kind @default(\"a\")\n}", expected: [
            "bad.loom:3:24: error[L034]: default value 'now' needs a Date or DateTime field, and 'id' is 'UUID'",
            "bad.loom:4:32: error[L034]: default value '12.345' does not fit Decimal(5, 2)",
            "bad.loom:5:22: error[L034]: an enum default is written without quotes",
            "bad.loom:5:22: note: write @default(a)",
        ]),
        Case(code: .attributeDoesNotFitType, source: "model Thing {\n  id Int @id\n  data JSON @default(1)\n  tags [String(5)] @unique\n}", expected: [
            "bad.loom:3:13: error[L026]: '@default' is not supported on a JSON field",
            "bad.loom:3:13: note: set the value when the row is created",
            "bad.loom:4:20: error[L026]: '@unique' is not supported on a [String(5)] field",
        ]),
        // Keys
        Case(code: .unknownField, source: "model Item {\n  id Int @id\n  shop Int\n  sku String(20)\n  @@unique([shop, skus])\n}", expected: [
            "bad.loom:5:19: error[L050]: unknown field 'skus' in '@@unique' of model 'Item'",
            "bad.loom:5:19: note: did you mean 'sku'?",
        ]),
        Case(code: .invalidAttributeArguments, source: "model Item {\n  id Int @id\n  sku String(20)\n  @@index([sku])\n}", expected: [
            "bad.loom:4:10: error[L027]: '@@index' needs at least two fields",
            "bad.loom:4:10: note: for one field, write '@index' on 'sku'",
        ]),
        Case(code: .unknownAttribute, source: "model Item {\n  id Int @id\n  a Int\n  b Int\n  @@uniqe([a, b])\n}", expected: [
            "bad.loom:5:3: error[L025]: unknown attribute '@@uniqe'",
            "bad.loom:5:3: note: did you mean '@@unique'?",
        ]),
        // Relations
        Case(code: .attributeDoesNotFitType, source: validUserModel + "model Address {\n  id Int @id\n  user User @onDelete(setNull)\n}", expected: [
            "bad.loom:6:13: error[L026]: '@onDelete(setNull)' needs an optional relation, and 'user' is required",
            "bad.loom:6:13: note: make it 'User?'",
        ]),
        Case(code: .invalidAttributeArguments, source: validUserModel + "model Address {\n  id Int @id\n  user User @onDelete(cascde)\n}", expected: [
            "bad.loom:6:22: error[L027]: '@onDelete' takes one of cascade, restrict, setNull or noAction",
            "bad.loom:6:22: note: did you mean 'cascade'?",
        ]),
        Case(code: .invalidAttributeArguments, source: "model Item {\n  id Int @id\n  sku String(20) @column(\"Sku Code\")\n  code String(8) @column\n}", expected: [
            "bad.loom:3:25: error[L027]: attribute '@column' takes one column name: lowercase letters, digits and underscores",
            "bad.loom:3:25: note: write @column(\"sku_code\")",
            "bad.loom:4:18: error[L027]: attribute '@column' takes one column name: lowercase letters, digits and underscores",
            "bad.loom:4:18: note: write @column(\"sku_code\")",
        ]),
        Case(code: .duplicateField, source: "model Item {\n  id Int @id\n  code String(8)\n  sku String(20) @column(\"code\")\n}", expected: [
            "bad.loom:4:3: error[L022]: field 'sku' maps to column 'code', like field 'code'",
            "bad.loom:4:3: note: rename one of them",
        ]),
        Case(code: .unknownType, source: validUserModel + "model Address {\n  id Int @id\n  user Usr\n}", expected: [
            "bad.loom:6:8: error[L020]: unknown type 'Usr'",
            "bad.loom:6:8: note: did you mean 'User'?",
        ]),
        Case(code: .referencedModelHasNoKey, source: "model Tag {\n  name String(20)\n}\nmodel Post {\n  id Int @id\n  tag Tag\n}", expected: [
            "bad.loom:1:7: error[L023]: model 'Tag' has no '@id' field",
            "bad.loom:1:7: note: add a key, e.g. 'id Int @id @autoincrement'",
            "bad.loom:6:7: error[L057]: model 'Tag' has no '@id' field for relation 'tag' to refer to",
            "bad.loom:6:7: note: add a key to 'Tag', e.g. 'id Int @id @autoincrement'",
        ]),
        Case(code: .relationNameClash, source: validUserModel + "model Message {\n  id Int @id\n  sender User\n  recipient User\n}", expected: [
            "bad.loom:7:13: error[L058]: relation 'messages' of model 'User' is already the other side of 'Message.sender'",
            "bad.loom:7:13: note: name it with @relation(\"messagesAsRecipient\")",
        ]),
        Case(code: .requiredRelationCycle, source: "model Category {\n  id Int @id\n  parent Category\n}", expected: [
            "bad.loom:3:10: error[L059]: relation 'parent' of model 'Category' refers to its own model and must be optional",
            "bad.loom:3:10: note: make it 'Category?'; the first row has nothing to refer to",
        ]),
        Case(code: .requiredRelationCycle, source: "model Team {\n  id Int @id\n  captain Player\n}\nmodel Player {\n  id Int @id\n  team Team\n}", expected: [
            "bad.loom:7:8: error[L059]: required relations form a cycle, Team.captain → Player.team, so no row could be inserted first",
            "bad.loom:7:8: note: make one of them optional, e.g. 'Team?'",
        ]),
        // Constraints
        Case(code: .attributeDoesNotFitType, source: "model Thing {\n  id Int @id\n  age Int @minLength(2)\n}", expected: [
            "bad.loom:3:11: error[L026]: '@minLength' needs a String, Text or list field, and 'age' is 'Int'",
        ]),
        Case(code: .invalidAttributeArguments, source: "model Thing {\n  id Int @id\n  score Int @range(10, 1)\n  name Text @minLength(-1)\n  code String(4) @pattern(emial)\n}", expected: [
            "bad.loom:3:20: error[L027]: the lower bound of '@range' (10) is more than its upper bound (1)",
            "bad.loom:3:20: note: swap them",
            "bad.loom:4:24: error[L027]: a length cannot be negative, and '@minLength' is -1",
            "bad.loom:5:27: error[L027]: unknown pattern 'emial'; the built-in pattern is email",
            "bad.loom:5:27: note: did you mean 'email'?",
        ]),
        // Profiles
        Case(code: .unknownRelation, source: "model User {\n  id Int @id @autoincrement\n  profile full { include adresses }\n}\nmodel Address {\n  id Int @id\n  user User\n}", expected: [
            "bad.loom:3:26: error[L055]: unknown relation 'adresses' of model 'User'",
            "bad.loom:3:26: note: did you mean 'addresses'?",
        ]),
        Case(code: .invalidThroughRelation, source: "model Tag {\n  id Int @id\n}\nmodel Post {\n  id Int @id\n  tags Tag through PostTag\n  labels [Tag] through PostTags\n  marks [Tag] through Note\n}\nmodel PostTag {\n  id Int @id\n  post Post\n  tag Tag\n}\nmodel Note {\n  id Int @id\n  post Post\n}", expected: [
            "bad.loom:6:8: error[L140]: a 'through' relation is a list of a model, like [Tag]",
            "bad.loom:6:8: note: write tags [Tag] through ProductTag, ProductTag holding 'product Post' and 'tag Tag'",
            "bad.loom:7:24: error[L140]: unknown join model 'PostTags'",
            "bad.loom:7:24: note: did you mean 'PostTag'?",
            "bad.loom:8:23: error[L140]: join model 'Note' must belong to 'Post' once and to 'Tag' once (it has 1 and 0)",
            "bad.loom:8:23: note: write marks [Tag] through ProductTag, ProductTag holding 'product Post' and 'tag Tag'",
        ]),
        Case(code: .computedNeedsHasMany, source: validUserModel + "model Address {\n  id Int @id\n  user User\n  profile full { count user as users }\n}", expected: [
            "bad.loom:7:24: error[L060]: 'count' needs a has-many relation, and 'user' is the 'User' this model belongs to",
            "bad.loom:7:24: note: include it instead: include user",
        ]),
        Case(code: .duplicateDeclaration, source: "model Thing {\n  id Int @id\n  profile a { }\n  profile a { }\n}", expected: [
            "bad.loom:4:11: error[L021]: duplicate profile 'a' in model 'Thing'",
            "bad.loom:4:11: note: 'a' is first declared at line 3",
        ]),
        // Cache
        Case(code: .invalidCacheDuration, source: "model Note {\n  id Int @id\n  cache ttl 0s\n}\nmodel Page {\n  id Int @id\n  cache ttl 60\n}\nmodel Log {\n  id Int @id\n  cache ttl 1d\n}\nmodel Tick {\n  id Int @id\n  cache ttl 9000h\n}", expected: [
            "bad.loom:3:13: error[L061]: a cache duration must be more than zero, and it is '0s'",
            "bad.loom:3:13: note: write at least 1s; to cache nothing, remove the line",
            "bad.loom:7:13: error[L061]: cache duration '60' has no unit",
            "bad.loom:7:13: note: write 60s: s (seconds), m (minutes) or h (hours)",
            "bad.loom:11:13: error[L061]: unknown unit 'd' in cache duration '1d'; expected s, m or h",
            "bad.loom:11:13: note: write 24h: durations are in s, m or h",
            "bad.loom:15:13: error[L061]: cache duration '9000h' is over a year",
            "bad.loom:15:13: note: write at most 8760h",
        ]),
        Case(code: .duplicateAttribute, source: "model Note {\n  id Int @id\n  cache ttl 60s\n  cache ttl 5m\n}", expected: [
            "bad.loom:4:3: error[L035]: 'cache' is given twice in model 'Note'",
            "bad.loom:4:3: note: the first is at line 3; keep one",
        ]),
        Case(code: .cacheOverOtherRows, source: "auth {\n  id Int\n}\nmodel Ticket {\n  id Int @id\n  ownerId Int\n  cache ttl 60s\n  allow read when ownerId == auth.id\n}\nmodel Comment {\n  id Int @id\n  ticket Ticket\n  hidden Bool\n  cache ttl 1m\n  allow read when !hidden && ticket.ownerId == auth.id\n}\nmodel Board {\n  id Int @id\n  cache ttl 1h\n  allow update when auth != null\n  deny read when !exists(cards where ownerId == auth.id)\n}\nmodel Card {\n  id Int @id\n  ownerId Int\n  board Board\n}", expected: [
            "bad.loom:14:3: error[L062]: model 'Comment' cannot be cached: its read rule at line 15 reads other rows through a relation",
            "bad.loom:14:3: note: a cached answer would not change when those rows do",
            "bad.loom:19:3: error[L062]: model 'Board' cannot be cached: its read rule at line 21 reads other rows through exists(…)",
            "bad.loom:19:3: note: a cached answer would not change when those rows do",
        ]),
    ]
}
