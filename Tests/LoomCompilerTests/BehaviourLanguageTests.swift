import Testing
@testable import LoomCompiler

/// The IR built for commands, use cases, resources with routes, jobs and callbacks.
@Suite struct BehaviourLanguageTests {
    /// Models the behaviour examples refer to.
    static let models = """
        model User timestamps {
          id        Int          @id @autoincrement
          fullName  String(120)
          email     String(255)  @unique
          profile withAddresses { include addresses }
        }

        model Address {
          id      Int  @id @autoincrement
          user    User @onDelete(cascade)
          label   String(80)
        }

        model Product {
          id     Int  @id @autoincrement
          sku    String(64) @unique
          stock  Int
        }

        """

    private func compile(_ text: String, file: String = "store.loom") -> Frontend.Result {
        Frontend.compile(name: "test", files: [SourceFile(path: file, text: text)])
    }

    private func schema(_ text: String) throws -> ResolvedSchema {
        let result = compile(Self.models + text)
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.schema)
    }

    // MARK: Commands

    @Test func commandFieldsHavePresenceDefaultsAndConstraints() throws {
        let schema = try schema("""
            /// The body of POST /users/{userId}/addresses.
            command CreateUserAddress {
              label    String(80) @notBlank
              note     String(200)?
              count    Int @default(1)
              tags     [String(20)]
              clear    String(10)? @default(null)
            }

            command UpdateUser {
              fullName String(120) @patch
              nickname String(40)? @patch
            }

            """)
        let create = try #require(schema.command(named: "CreateUserAddress"))
        #expect(create.doc == ["The body of POST /users/{userId}/addresses."])
        #expect(create.file == "store.loom")
        #expect(create.fields.map(\.name) == ["label", "note", "count", "tags", "clear"])
        #expect(create.fields.map(\.type) == [
            .scalar(.string(maxLength: 80)), .scalar(.string(maxLength: 200)), .scalar(.int),
            .scalar(.array(.string(maxLength: 20))), .scalar(.string(maxLength: 10)),
        ])
        #expect(create.fields.map(\.presence) == [.required, .optional, .optional, .required, .optional])
        #expect(create.fields.map(\.isOptional) == [false, true, false, false, true])
        #expect(create.fields.map(\.defaultValue) == [nil, nil, .int(1), nil, nil])
        #expect(create.fields[0].constraints.map(\.kind) == [.notBlank])
        let update = try #require(schema.command(named: "UpdateUser"))
        #expect(update.fields.map(\.presence) == [.patch, .patch])
        #expect(update.fields.map(\.isOptional) == [false, true])
    }

    @Test func commandFieldsMayHoldCommandsModelsAndLists() throws {
        let schema = try schema("""
            command Line {
              sku String(64)
            }

            command Summary {
              product  Product
              lines    [Line]
              first    Line?
            }

            """)
        let summary = try #require(schema.command(named: "Summary"))
        #expect(summary.fields.map(\.type) == [.model("Product"), .list(.command("Line")), .command("Line")])
        #expect(summary.fields.map(\.presence) == [.required, .required, .optional])
    }

    // MARK: Use cases

    static let behaviour = """
        command CreateUserAddress {
          label  String(80)
        }

        command UpdateUser {
          fullName  String(120) @patch
          email     String(255) @patch
        }

        command RestockEmail {
          recipientEmail  String(255)
          forceFail       Bool @default(false)
        }

        command ProductSummary {
          productId  Int
          summary    Text
        }

        /// Adds an address to a user.
        usecase CreateAddress(userId: Int, body: CreateUserAddress) -> Address {
          require User(userId)
        }

        usecase UpdateUserProfile(userId: Int, body: UpdateUser) -> User {
          load user = User(userId)
          unique User.email(body.email) "email already exists"
          rule body.fullName @notBlank(message: "full_name must not be blank")
          check validEmail(body.email) on email "email must be valid"
        }

        usecase ListLowStockProducts(query: Product) -> Page(Product)

        usecase GetUser(userId: Int) -> User

        usecase SummarizeProduct(productId: Int) -> ProductSummary {
          invoke GetUser
          dispatch SendRestockEmail
        }

        usecase DispatchRestockEmail(productId: Int, body: RestockEmail)

        job SendRestockEmail(productId: Int, body: RestockEmail) -> Bool {
          queue notifications
          retries 2
          backoff exponential 1
          timeout 30
          load product = Product(productId)
        }

        job BuildProductSummary(productId: Int) -> ProductSummary

        callback MarkRestockNotified on success of SendRestockEmail
        callback MarkRestockFailed on failure of SendRestockEmail

        resource User at "/users" {
          crud
          GET "/{userId}/full" -> GetUser profile withAddresses
          PATCH "/{userId}/profile" -> UpdateUserProfile
        }

        resource Product at "/products" {
          tags "products", "catalog"
          pagination cursor fixed
          crud
          /// Products with five or fewer in stock.
          GET  "/low-stock"                      -> ListLowStockProducts "List low stock products"
          GET  "/{productId}/jobs/summary"       -> SummarizeProduct
          POST "/{productId}/jobs/restock-email" -> DispatchRestockEmail status 202
        }

        resource Address at "/users/{userId}/addresses" under User {
          crud get, list, update, delete
          POST "/" -> CreateAddress
        }

        """

    @Test func useCasesHaveParametersGuardsAndRules() throws {
        let schema = try schema(Self.behaviour)
        #expect(schema.useCases.map(\.name) == [
            "CreateAddress", "UpdateUserProfile", "ListLowStockProducts", "GetUser", "SummarizeProduct",
            "DispatchRestockEmail",
        ])
        let create = try #require(schema.useCase(named: "CreateAddress"))
        #expect(create.doc == ["Adds an address to a user."])
        #expect(create.parameters.map(\.name) == ["userId"])
        #expect(create.parameters.map(\.type) == [.scalar(.int)])
        #expect(create.body == "CreateUserAddress")
        #expect(create.query == nil)
        #expect(create.result == .entity("Address"))
        guard case .exists(let lookup, _) = create.guards.first else {
            Issue.record("expected an exists guard")
            return
        }
        #expect(lookup == RowLookup(model: "User", field: nil, value: .parameter("userId")))

        let update = try #require(schema.useCase(named: "UpdateUserProfile"))
        #expect(update.guards.count == 2)
        if case .load(let name, let lookup, let optional, let profile, _) = update.guards[0] {
            #expect(name == "user" && lookup == RowLookup(model: "User", field: nil, value: .parameter("userId")) && !optional)
            #expect(profile == nil)
        } else {
            Issue.record("expected a load guard")
        }
        if case .unique(let model, let field, let value, let message, _) = update.guards[1] {
            #expect(model == "User" && field == "email" && value == .bodyField("email") && message == "email already exists")
        } else {
            Issue.record("expected a unique guard")
        }
        #expect(update.rules.count == 2)
        if case .constraint(let field, let constraint, let whenPresent, nil) = update.rules[0] {
            #expect(field == "fullName" && constraint.kind == .notBlank && whenPresent)
            #expect(constraint.message == "full_name must not be blank")
        } else {
            Issue.record("expected a constraint rule")
        }
        if case .predicate(let function, let arguments, let field, let message, let whenPresent, nil, _) = update.rules[1] {
            #expect(function == "validEmail" && arguments == [.bodyField("email")] && field == "email")
            #expect(message == "email must be valid" && whenPresent)
        } else {
            Issue.record("expected a predicate rule")
        }

        let list = try #require(schema.useCase(named: "ListLowStockProducts"))
        #expect(list.query == "Product" && list.result == .page("Product") && list.parameters.isEmpty)
        let summarize = try #require(schema.useCase(named: "SummarizeProduct"))
        #expect(summarize.invokes == ["GetUser"] && summarize.dispatches == ["SendRestockEmail"])
        #expect(summarize.result == .command("ProductSummary"))
        #expect(schema.useCase(named: "DispatchRestockEmail")?.result == ResultType.none)
    }

    /// Lookups by a unique field and in a profile, `exists`, `compute` (a function, a copy, a literal under `when`),
    /// comparison rules and `when` on a rule, as the IR holds them.
    @Test func useCaseValues() throws {
        let schema = try #require(compileSchema(FrontendDiagnosticsTests.buyingSchema + """
            usecase Buy(body: Purchase) {
              load product = Product(sku: body.sku)
              exists named = Product(name: body.slug)
              compute body.slug = slugify(body.sku)
              compute body.note = product.name when body.note == null && !named
              compute body.quantity = body.quantity * 2
              rule body.quantity <= product.stock "not enough stock"
              rule body.slug @notBlank when body.note != null || body.quantity > 1
            }
            """).schema)
        let buy = try #require(schema.useCase(named: "Buy"))
        #expect(buy.guards.count == 2)
        if case .load("product", let lookup, false, nil, _) = buy.guards[0] {
            #expect(lookup == RowLookup(model: "Product", field: "sku", value: .bodyField("sku")))
        } else {
            Issue.record("expected a load by sku")
        }
        if case .existence("named", let lookup, _) = buy.guards[1] {
            #expect(lookup == RowLookup(model: "Product", field: "name", value: .bodyField("slug")))
        } else {
            Issue.record("expected an exists by a field that is not unique")
        }
        #expect(buy.computes.map(\.field) == ["slug", "note", "quantity"])
        #expect(buy.computes.map(\.value) == [
            .call(function: "slugify", arguments: [.bodyField("sku")]), .copy(.rowField(row: "product", field: "name")),
            .arithmetic(.value(.bodyField("quantity")), .times, .literal(.int(2))),
        ])
        #expect(buy.computes[1].condition == .all([.not(.present(.bodyField("note"))), .not(.holds(.flag("named")))]))
        guard buy.rules.count == 2, case .comparison(let comparison, "quantity", "not enough stock", nil, _) = buy.rules[0],
            case .constraint("slug", _, false, let condition) = buy.rules[1]
        else {
            Issue.record("expected a comparison and a constraint under when: \(buy.rules)")
            return
        }
        #expect(comparison == ValueComparison(.value(.bodyField("quantity")), .lte, .value(.rowField(row: "product", field: "stock"))))
        #expect(condition == .any([
            .present(.bodyField("note")), .compare(ValueComparison(.value(.bodyField("quantity")), .gt, .literal(.int(1)))),
        ]))
    }

    /// A bare name beside a value of an enum is a case of it, in a comparison and in a `compute`.
    @Test func enumCasesInUseCaseValues() throws {
        let schema = try #require(compileSchema("""
            enum Kind { credit debit }
            model Entry {
              id Int @id @autoincrement
              kind Kind
            }
            command Posting {
              kind Kind
              amount Int
            }
            usecase Post(body: Posting) {
              compute body.kind = debit when body.amount > 100
              rule credit != body.kind "credits come from transfers"
            }
            resource Entry at "/entries" {
              POST "/post" -> Post
            }
            """).schema)
        let post = try #require(schema.useCase(named: "Post"))
        #expect(post.computes.map(\.value) == [.literal(.enumCase("debit"))])
        guard case .comparison(let comparison, "kind", _, nil, _) = post.rules.first else {
            Issue.record("expected a comparison with an enum case: \(post.rules)")
            return
        }
        #expect(comparison == ValueComparison(.literal(.enumCase("credit")), .ne, .value(.bodyField("kind"))))
    }

    @Test func jobsAndCallbacks() throws {
        let schema = try schema(Self.behaviour)
        let send = try #require(schema.job(named: "SendRestockEmail"))
        #expect(send.queue == "notifications" && send.retries == 2 && send.timeout == 30)
        #expect(send.backoff == .exponential(baseSeconds: 1))
        #expect(send.parameters.map(\.name) == ["productId"] && send.payload == "RestockEmail")
        #expect(send.result == .scalar(.bool))
        #expect(send.loads.count == 1)
        let summary = try #require(schema.job(named: "BuildProductSummary"))
        #expect(summary.queue == "default" && summary.retries == 0 && summary.timeout == nil && summary.payload == nil)
        #expect(summary.backoff == .exponential(baseSeconds: 1))
        #expect(schema.callbacks.map(\.name) == ["MarkRestockNotified", "MarkRestockFailed"])
        #expect(schema.callbacks.map(\.event) == [.success, .failure])
        #expect(schema.callbacks.allSatisfy { $0.job == "SendRestockEmail" })
    }

    @Test func resourcesHaveRoutesTagsPaginationAndParents() throws {
        let schema = try schema(Self.behaviour)
        let product = try #require(schema.resources.first { $0.model == "Product" })
        #expect(product.tags == ["products", "catalog"])
        #expect(product.pagination == .cursor && !product.paginationOverride)
        #expect(product.routes.map(\.method) == [.get, .get, .post])
        #expect(product.routes.map(\.path) == [
            "/products/low-stock", "/products/{productId}/jobs/summary", "/products/{productId}/jobs/restock-email",
        ])
        #expect(product.routes.map(\.status) == [200, 200, 202])
        #expect(product.routes[0].summary == "List low stock products")
        #expect(product.routes[0].description == "Products with five or fewer in stock.")
        let user = try #require(schema.resources.first { $0.model == "User" })
        #expect(user.tags == ["User"] && user.paginationOverride && user.parent == nil)
        #expect(user.routes.map(\.profile) == ["withAddresses", nil])
        let address = try #require(schema.resources.first { $0.model == "Address" })
        #expect(address.path == "/users/{userId}/addresses")
        #expect(address.parent == ParentScope(model: "User", parameter: "userId", foreignKey: "userId"))
        #expect(address.routes.map(\.path) == ["/users/{userId}/addresses"])
        #expect(address.routes.map(\.status) == [201])
    }

    @Test func declarationsMayReferToEachOtherAcrossFiles() throws {
        let files = [
            SourceFile(path: "s/b-usecases.loom", text: "usecase GetThing(thingId: Int) -> Thing {\n  require Thing(thingId)\n}\n"),
            SourceFile(path: "s/c-routes.loom", text: "resource Thing at \"/things\" {\n  GET \"/{thingId}/x\" -> GetThing\n}\n"),
            SourceFile(path: "s/a-models.loom", text: "model Thing {\n  id Int @id\n}\n"),
        ]
        let result = Frontend.compile(name: "s", files: files)
        #expect(result.diagnostics.map(\.description) == [])
        let schema = try #require(result.schema)
        #expect(schema.useCases.map(\.file) == ["b-usecases.loom"])
        #expect(schema.resources.first?.routes.first?.useCase == "GetThing")
    }

    @Test func anUnusedUseCaseIsAWarningOnly() {
        let result = compile(Self.models + "usecase Orphan(productId: Int)\n")
        #expect(result.schema != nil)
        #expect(result.diagnostics.map(\.description) == [
            "store.loom:19:9: warning[L081]: use case 'Orphan' is never routed or invoked\n"
                + "store.loom:19:9: note: route it from a resource, e.g. POST \"/…\" -> Orphan, invoke it, or remove it",
        ])
    }

    /// Cut anywhere, or with any one character removed, the behaviour example still compiles without trapping, and a
    /// schema comes back exactly when there is no error.
    @Test func truncatedAndDamagedSourcesNeverTrap() {
        let source = Array(Self.models + Self.behaviour)
        for end in stride(from: 0, through: source.count, by: 7) {
            let result = compile(String(source[..<end]))
            #expect((result.schema == nil) == result.diagnostics.hasErrors)
        }
        for removed in stride(from: 0, to: source.count, by: 11) {
            var damaged = source
            damaged.remove(at: removed)
            let result = compile(String(damaged))
            #expect((result.schema == nil) == result.diagnostics.hasErrors)
        }
    }
}
