import Testing
@testable import LoomCompiler

/// Every diagnostic code, as the user sees it: exact location, message and hint.
@Suite struct FrontendDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var code: DiagnosticCode
        var source: String
        var expected: [String]

        var testDescription: String { code.rawValue }
    }

    static let cases: [Case] = coreCases + modelCases + behaviourCases + accessCases + useCaseValueCases

    static let coreCases: [Case] = [
        // Lexical
        Case(code: .unexpectedCharacter, source: "model User {\n  id Int @id #\n}", expected: [
            "bad.loom:2:14: error[L001]: unexpected character '#'",
        ]),
        Case(code: .unterminatedString, source: "model User {\n  id Int @id\n}\nresource User at \"/users {\n  crud\n}", expected: [
            "bad.loom:4:18: error[L002]: unterminated string",
            "bad.loom:4:18: note: close the string with '\"' on the same line",
        ]),
        Case(code: .unterminatedComment, source: "model User {\n  id Int @id\n}\n/* trailing", expected: [
            "bad.loom:4:1: error[L003]: unterminated block comment",
            "bad.loom:4:1: note: close it with '*/'",
        ]),
        Case(code: .invalidNumber, source: "model User {\n  id Int @id\n  name String(12x)\n}", expected: [
            "bad.loom:3:15: error[L004]: invalid number '12x'",
            "bad.loom:3:15: note: put a space between the number and the name",
        ]),
        // Syntax
        Case(code: .expectedToken, source: "model User {\n  id Int @id\n  age Int @default(1\n}", expected: [
            "bad.loom:3:21: error[L010]: expected ',' or ')', found '}'",
        ]),
        Case(code: .unknownDeclaration, source: "modle User {\n  id Int @id\n}", expected: [
            "bad.loom:1:1: error[L011]: unknown declaration 'modle'; expected model, enum, resource, command, usecase, job, callback, auth or service",
            "bad.loom:1:1: note: did you mean 'model'?",
        ]),
        Case(code: .unknownMember, source: validUserModel + "resource User at \"/users\" {\n  crud\n  paginaton cursor\n}", expected: [
            "bad.loom:6:3: error[L012]: unknown member 'paginaton' in resource 'User'; expected crud, pagination, tags, deleteStatus, filterable, sortable, profiles or a route",
            "bad.loom:6:3: note: did you mean 'pagination'?",
        ]),
        Case(code: .nestingTooDeep, source: "model User {\n  id Int @id\n  " + String(repeating: "{", count: 300) + "\n}", expected: [
            "bad.loom:3:3: error[L012]: unexpected '{' in model 'User'; expected a field",
            "bad.loom:3:259: error[L013]: braces are nested more than 256 levels deep",
            "bad.loom:4:2: error[L010]: expected '}' at the end of model 'User', found end of file",
        ]),
        // Names and declarations
        Case(code: .unknownType, source: "model User {\n  id Int @id\n  fullName  Strng(120)\n}", expected: [
            "bad.loom:3:13: error[L020]: unknown type 'Strng'",
            "bad.loom:3:13: note: did you mean 'String'?",
        ]),
        Case(code: .duplicateDeclaration, source: validUserModel + "model User {\n  id Int @id\n}", expected: [
            "bad.loom:4:7: error[L021]: duplicate model 'User'",
            "bad.loom:4:7: note: 'User' is first declared at bad.loom:1",
        ]),
        Case(code: .duplicateField, source: "model Thing {\n  id Int @id\n  name String(10)\n  name String(20)\n}", expected: [
            "bad.loom:4:3: error[L022]: duplicate field 'name' in model 'Thing'",
            "bad.loom:4:3: note: 'name' is first declared at line 3",
        ]),
        Case(code: .duplicateField, source: "model Thing timestamps {\n  id Int @id\n  updatedAt DateTime\n}", expected: [
            "bad.loom:3:3: error[L022]: field 'updatedAt' is already added by 'timestamps'",
            "bad.loom:3:3: note: remove the field, or remove 'timestamps' (line 1) and declare both fields",
        ]),
        Case(code: .missingPrimaryKey, source: "model Thing {\n  name String(10)\n}", expected: [
            "bad.loom:1:7: error[L023]: model 'Thing' has no '@id' field",
            "bad.loom:1:7: note: add a key, e.g. 'id Int @id @autoincrement'",
        ]),
        Case(code: .multiplePrimaryKeys, source: "model Thing {\n  id Int @id\n  code String(4) @id\n}", expected: [
            "bad.loom:3:18: error[L024]: model 'Thing' has more than one '@id' field",
            "bad.loom:3:18: note: 'id' is already the key; composite keys are not supported",
        ]),
        Case(code: .unknownAttribute, source: "model Thing {\n  id Int @id @uniqe\n}", expected: [
            "bad.loom:2:14: error[L025]: unknown attribute '@uniqe'",
            "bad.loom:2:14: note: did you mean '@unique'?",
        ]),
        Case(code: .attributeDoesNotFitType, source: "model Thing {\n  id Int @id\n  code String(4) @autoincrement\n}", expected: [
            "bad.loom:3:18: error[L026]: '@autoincrement' needs an 'Int' '@id' field",
            "bad.loom:3:18: note: remove '@autoincrement'",
        ]),
        Case(code: .attributeDoesNotFitType, source: "model Thing {\n  id Int? @id\n}", expected: [
            "bad.loom:2:9: error[L026]: '@id' field 'id' cannot be optional",
            "bad.loom:2:9: note: remove the '?'",
        ]),
        Case(code: .invalidAttributeArguments, source: "model Thing {\n  id Int @id(1)\n}", expected: [
            "bad.loom:2:13: error[L027]: attribute '@id' takes no arguments",
            "bad.loom:2:13: note: write @id",
        ]),
        Case(code: .invalidAttributeArguments, source: "model Thing {\n  id Int @id\n  total Int @default(1, 2)\n}", expected: [
            "bad.loom:3:21: error[L027]: attribute '@default' takes exactly one value",
            "bad.loom:3:21: note: write @default(value)",
        ]),
        Case(code: .reservedName, source: "model Thing {\n  id Int @id\n  class String(10)\n}", expected: [
            "bad.loom:3:3: error[L028]: 'class' is a reserved word and cannot name a field",
            "bad.loom:3:3: note: choose another name, e.g. 'classValue'",
        ]),
        Case(code: .reservedName, source: "model Type {\n  id Int @id\n}", expected: [
            "bad.loom:1:7: error[L028]: 'Type' is a reserved word and cannot name a model",
        ]),
        Case(code: .invalidTypeArguments, source: "model Thing {\n  id Int @id\n  name String\n}", expected: [
            "bad.loom:3:8: error[L029]: type 'String' needs a maximum length",
            "bad.loom:3:8: note: write String(255)",
        ]),
        Case(code: .invalidTypeArguments, source: "model Thing {\n  id Int(4) @id\n  name String(0)\n}", expected: [
            "bad.loom:2:9: error[L029]: type 'Int' takes no arguments",
            "bad.loom:2:9: note: write Int",
            "bad.loom:3:15: error[L029]: string length must be positive, not 0",
            "bad.loom:3:15: note: write String(255)",
        ]),
        Case(code: .invalidName, source: "model order_item {\n  id Int @id\n  FullName String(10)\n}", expected: [
            "bad.loom:1:7: error[L030]: model name 'order_item' must start with an uppercase letter and contain only letters and digits",
            "bad.loom:1:7: note: write 'OrderItem'",
            "bad.loom:3:3: error[L030]: field name 'FullName' must start with a lowercase letter and contain only letters and digits",
            "bad.loom:3:3: note: write 'fullName'",
        ]),
        Case(code: .defaultTypeMismatch, source: "model Thing {\n  id Int @id\n  active Bool @default(\"yes\")\n  count Int @default(now)\n}", expected: [
            "bad.loom:3:24: error[L034]: default value \"yes\" does not fit field 'active' of type 'Bool'",
            "bad.loom:4:22: error[L034]: default value 'now' needs a Date or DateTime field, and 'count' is 'Int'",
        ]),
        Case(code: .duplicateAttribute, source: "model Thing {\n  id Int @id\n  email String(255) @unique @unique\n}", expected: [
            "bad.loom:3:29: error[L035]: duplicate attribute '@unique'",
            "bad.loom:3:29: note: remove one of them",
        ]),
        Case(code: .invalidTableName, source: "model Thing table \"Things\" {\n  id Int @id\n}", expected: [
            "bad.loom:1:19: error[L036]: invalid table name 'Things'",
            "bad.loom:1:19: note: use lowercase letters, digits and underscores, e.g. 'things'",
        ]),
        // Resources and routes
        Case(code: .unknownModel, source: validUserModel + "resource Usr at \"/users\" { crud }", expected: [
            "bad.loom:4:10: error[L040]: unknown model 'Usr'",
            "bad.loom:4:10: note: did you mean 'User'?",
        ]),
        Case(
            code: .duplicateRoute,
            source: validUserModel + "model Admin {\n  id Int @id\n}\nresource User at \"/users\" { crud }\nresource Admin at \"/users/\" { crud list }",
            expected: [
                "bad.loom:8:19: error[L041]: route 'GET /users' of resource 'Admin' is already served by resource 'User'",
                "bad.loom:8:19: note: 'User' is declared at bad.loom:7; give one of them another path",
            ]
        ),
        Case(code: .invalidPath, source: validUserModel + "resource User at \"/users//me\" { crud }", expected: [
            "bad.loom:4:18: error[L042]: path '/users//me' has an empty segment",
            "bad.loom:4:18: note: remove the repeated '/'",
        ]),
        Case(code: .invalidPath, source: validUserModel + "resource User at \"users\" { crud }", expected: [
            "bad.loom:4:18: error[L042]: path 'users' must start with '/'",
            "bad.loom:4:18: note: write '/users'",
        ]),
        Case(code: .unknownCRUDOperation, source: validUserModel + "resource User at \"/users\" { crud create, delet }", expected: [
            "bad.loom:4:42: error[L043]: unknown CRUD operation 'delet'",
            "bad.loom:4:42: note: did you mean 'delete'?",
        ]),
        Case(code: .duplicateResource, source: validUserModel + "resource User at \"/users\" { crud }\nresource User at \"/people\" { crud }", expected: [
            "bad.loom:5:10: error[L044]: model 'User' already has a resource",
            "bad.loom:5:10: note: the first is at bad.loom:4; merge the two",
        ]),
        Case(code: .unknownPaginationMode, source: validUserModel + "resource User at \"/users\" { pagination cursr }", expected: [
            "bad.loom:4:40: error[L045]: unknown pagination mode 'cursr'; expected offset or cursor",
            "bad.loom:4:40: note: did you mean 'cursor'?",
        ]),
        // What a request may ask of a resource's lists and reads
        Case(code: .unknownListField, source: productModel + "resource Product at \"/products\" {\n  crud\n  filterable nmae, category\n  sortable category, prize\n}", expected: [
            "bad.loom:10:14: error[L130]: model 'Product' has no field 'nmae' to list as filterable",
            "bad.loom:10:14: note: did you mean 'name'?",
            "bad.loom:11:22: error[L130]: model 'Product' has no field 'prize' to list as sortable",
            "bad.loom:11:22: note: did you mean 'price'?",
        ]),
        Case(code: .unlistableField, source: productModel + "resource Product at \"/products\" {\n  crud\n  sortable meta\n}", expected: [
            "bad.loom:10:12: error[L131]: field 'meta' is 'JSON'; a list cannot sort by it",
            "bad.loom:10:12: note: remove it from 'sortable'",
        ]),
        Case(code: .unknownProfile, source: productModel + "resource Product at \"/products\" {\n  crud\n  profiles withStock\n}", expected: [
            "bad.loom:10:12: error[L056]: model 'Product' has no profile 'withStock'",
            "bad.loom:10:12: note: model 'Product' declares no profiles",
        ]),
        Case(code: .paginationWithoutPage, source: productModel + "usecase Ping(productId: Int) -> Product\nresource Product at \"/products\" {\n  GET \"/{productId}/ping\" -> Ping pagination offset fixed\n}", expected: [
            "bad.loom:10:35: error[L132]: 'pagination' needs a use case that lists a model, and 'Ping' takes no 'query:'",
            "bad.loom:10:35: note: remove it, or give the use case 'query: Model' and 'Page(Model)'",
        ]),
        Case(code: .cacheOnWrite, source: productModel + "usecase Look(productId: Int) -> Product readonly\nusecase Touch(productId: Int) -> Product\nresource Product at \"/products\" {\n  POST \"/{productId}/look\" -> Look cache ttl 30s\n  GET \"/{productId}/touch\" -> Touch cache ttl 30s\n}", expected: [
            "bad.loom:11:36: error[L133]: 'cache' on a POST route; only GET routes are cached",
            "bad.loom:11:36: note: only reads are cached; writes invalidate",
            "bad.loom:12:37: error[L133]: 'cache' on a route whose use case 'Touch' is not readonly",
            "bad.loom:12:37: note: only reads are cached; writes invalidate (declare 'Touch' readonly if it writes nothing)",
        ]),
        Case(code: .pageSizeOutOfRange, source: productModel + "usecase Scan(query: Product) -> Page(Product) readonly\nresource Product at \"/products\" {\n  crud\n  pagination cursor limit 0\n  GET \"/scan\" -> Scan pagination offset limit 5000\n}", expected: [
            "bad.loom:11:27: error[L134]: page size 0 is out of range; a page holds 1 to 1000 rows",
            "bad.loom:11:27: note: the default is 50; a request may still ask for up to 1000 with ?limit=",
            "bad.loom:12:47: error[L134]: page size 5000 is out of range; a page holds 1 to 1000 rows",
            "bad.loom:12:47: note: the default is 50; a request may still ask for up to 1000 with ?limit=",
        ]),
        Case(code: .unknownMember, source: productModel + "resource Product at \"/products\" {\n  crud\n  pagination cursor limt\n}", expected: [
            "bad.loom:10:21: error[L012]: unknown pagination option 'limt'; expected fixed or limit",
            "bad.loom:10:21: note: did you mean 'limit'?",
        ]),
        Case(code: .expectedToken, source: productModel + "resource Product at \"/products\" {\n  crud\n  pagination cursor fixed limit\n}", expected: [
            "bad.loom:10:32: error[L010]: expected a page size after 'limit', found '}'",
            "bad.loom:10:32: note: write limit 20: the page size when a request names none",
        ]),
    ]

    @Test(arguments: cases)
    func diagnostic(_ example: Case) {
        let result = compileSchema(example.source)
        #expect(result.diagnostics.flatMap { $0.description.split(separator: "\n").map(String.init) } == example.expected)
        #expect(result.diagnostics.contains { $0.code == example.code })
        #expect(result.schema == nil)
    }

    @Test func everyCodeHasAnExample() {
        let covered = Set(Self.cases.map(\.code))
        #expect(DiagnosticCode.allCases.filter { !covered.contains($0) && !Self.notFromCompile.contains($0) } == [])
    }

    @Test func aMalformedFileReportsEveryError() {
        let source = """
            model User
              id Int @id
              email String(255) @uniqe
            }

            modle Post {
              title String
            }

            model Order timestamps {
              id Int @id
              total Dobule
              note String(10 @default("x")
            }

            resource Usr at "users" {
              crud creat
              paginate
            }
            """
        #expect(descriptionLines(source) == [
            "bad.loom:1:11: error[L010]: expected '{' after model name, found 'id'",
            "bad.loom:3:21: error[L025]: unknown attribute '@uniqe'",
            "bad.loom:3:21: note: did you mean '@unique'?",
            "bad.loom:6:1: error[L011]: unknown declaration 'modle'; expected model, enum, resource, command, usecase, job, callback, auth or service",
            "bad.loom:6:1: note: did you mean 'model'?",
            "bad.loom:12:9: error[L020]: unknown type 'Dobule'",
            "bad.loom:12:9: note: did you mean 'Double'?",
            "bad.loom:13:18: error[L010]: expected ',' or ')', found '@'",
            "bad.loom:16:10: error[L040]: unknown model 'Usr'",
            "bad.loom:16:10: note: did you mean 'User'?",
            "bad.loom:16:17: error[L042]: path 'users' must start with '/'",
            "bad.loom:16:17: note: write '/users'",
            "bad.loom:17:8: error[L043]: unknown CRUD operation 'creat'",
            "bad.loom:17:8: note: did you mean 'create'?",
            "bad.loom:18:3: error[L012]: unknown member 'paginate' in resource 'Usr'; expected crud, pagination, tags, deleteStatus, filterable, sortable, profiles or a route",
        ])
    }

    /// Generated files are named after models and schema files, and macOS does not tell `User.model.swift` from
    /// `USER.model.swift`: names that differ only in case are refused, where the second is declared.
    @Test func namesThatDifferOnlyInCaseAreRefused() {
        let files = [
            SourceFile(path: "schemas/shop/users.loom", text: "model User {\n  id Int @id\n}\nmodel USER {\n  id Int @id\n}"),
            SourceFile(path: "schemas/shop/more/Users.loom", text: "model Other {\n  id Int @id\n}"),
        ]
        let result = Frontend.compile(name: "shop", files: files)
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            // Files are taken in path order, so `more/Users.loom` is the first.
            "schemas/shop/users.loom:1:1: error[L021]: a second schema file named 'users.loom' (the first is schemas/shop/more/Users.loom)\n"
                + "schemas/shop/users.loom:1:1: note: rename one of them: generated files are named after their schema file",
            "schemas/shop/users.loom:4:7: error[L021]: model 'USER' differs from model 'User' only in case\n"
                + "schemas/shop/users.loom:4:7: note: rename one: generated files are named after models, and macOS does not tell "
                + "USER.model.swift from User.model.swift",
        ])
    }

    private func descriptionLines(_ source: String) -> [String] {
        diagnosticDescriptions(source).flatMap { $0.split(separator: "\n").map(String.init) }
    }

    @Test func errorsAreReportedInEveryFileInFileOrder() {
        let files = [
            SourceFile(path: "schemas/shop/orders.loom", text: "model Order {\n  id Int @id\n  user Usr\n}\nresource Product at \"/products\" { crud }"),
            SourceFile(path: "schemas/shop/catalog.loom", text: "model Product {\n  id Int @id\n  name Strin(10)\n}\nmodel Order {\n  id Int @id\n}"),
        ]
        let result = Frontend.compile(name: "shop", files: files)
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "schemas/shop/catalog.loom:3:8: error[L020]: unknown type 'Strin'\nschemas/shop/catalog.loom:3:8: note: did you mean 'String'?",
            "schemas/shop/orders.loom:1:7: error[L021]: duplicate model 'Order'\nschemas/shop/orders.loom:1:7: note: 'Order' is first declared at schemas/shop/catalog.loom:5",
            "schemas/shop/orders.loom:3:8: error[L020]: unknown type 'Usr'\nschemas/shop/orders.loom:3:8: note: the types are Int, Int32, Double, Decimal(p, s), Bool, String(n), Text, Date, DateTime, UUID, JSON, the schema's enums and models, and lists [T] of them",
        ])
    }
}
