import Testing
@testable import LoomCompiler

/// The IR built from schemas that use every construct of the model language.
@Suite struct ModelLanguageTests {
    private func schema(_ text: String) throws -> ResolvedSchema {
        let result = compileSchema(text, file: "store.loom")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.schema)
    }

    private static let everything = """
        /// Where an order stands.
        enum OrderStatus { created paid cancelled shipped }
        enum Channel { web, app, phone }

        model User timestamps {
          id        Int          @id @autoincrement
          email     String(255)  @unique @pattern(email)
          fullName  String(120)  @notBlank(message: "full_name must not be blank") @minLength(2)
          bio       Text?        @maxLength(2000)
          age       Int32?       @range(0, 150)
          birthday  Date?
          profile withAddresses {
            include addresses
            count addresses as addressCount
            exists orders as hasOrders
          }
          profile everything { include addresses, orders }
        }

        model Address {
          id      UUID  @id @default(uuid)
          user    User  @onDelete(cascade)
          zip     String(10) @pattern("^[0-9]{5}$")
          profile withUser { include user }
        }

        model Order {
          id        Int           @id @autoincrement
          customer  User?         @onDelete(setNull) @relation("orders")
          status    OrderStatus   @default(created)
          channels  [Channel]
          total     Decimal(10, 2) @default(0.50) @range(0, _)
          note      JSON?
          placedAt  DateTime      @default(now)
          day       Date          @default(now)
          tags      [String(20)]? @maxLength(5)
          size      String(2)     @oneOf("S", "M", "L")
          priority  Int           @oneOf(1, 2, 3)
          @@index([customer, placedAt])
        }

        model OrderItem {
          id        Int     @id @autoincrement
          order     Order   @onDelete(noAction)
          sku       String(20)
          quantity  Int     @default(1) @range(1, 100)
          @@unique([orderId, sku])
        }

        model Category {
          code    String(8) @id
          parent  Category? @relation("children")
        }
        """

    @Test func enums() throws {
        let schema = try schema(Self.everything)
        #expect(schema.enums.map(\.name) == ["OrderStatus", "Channel"])
        #expect(schema.enumType(named: "OrderStatus")?.cases == ["created", "paid", "cancelled", "shipped"])
        #expect(schema.enumType(named: "Channel")?.cases == ["web", "app", "phone"])
        #expect(schema.enumType(named: "OrderStatus")?.doc == ["Where an order stands."])
        #expect(schema.enums.allSatisfy { $0.file == "store.loom" })
    }

    @Test func typesAndDefaults() throws {
        let order = try #require(try schema(Self.everything).model(named: "Order"))
        #expect(order.fields.map(\.name) == [
            "id", "customerId", "status", "channels", "total", "note", "placedAt", "day", "tags", "size", "priority",
        ])
        #expect(order.fields.map(\.type) == [
            .int, .int, .enumeration("OrderStatus"), .array(.enumeration("Channel")), .decimal(precision: 10, scale: 2),
            .json, .dateTime, .date, .array(.string(maxLength: 20)), .string(maxLength: 2), .int,
        ])
        #expect(order.fields.map(\.isOptional) == [false, true, false, false, false, true, false, false, true, false, false])
        #expect(order.fields.map(\.defaultValue) == [
            nil, nil, .enumCase("created"), nil, .double(0.5), nil, .now, .now, nil, nil, nil,
        ])
        let user = try #require(try schema(Self.everything).model(named: "User"))
        #expect(user.field(named: "bio")?.type == .text)
        #expect(user.field(named: "age")?.type == .int32)
        #expect(user.field(named: "birthday")?.type == .date)
        let address = try #require(try schema(Self.everything).model(named: "Address"))
        #expect(address.primaryKey.type == .uuid)
        #expect(address.primaryKey.defaultValue == .uuid)
    }

    @Test func constraints() throws {
        let schema = try schema(Self.everything)
        let user = try #require(schema.model(named: "User"))
        #expect(user.field(named: "email")?.constraints.map(\.kind) == [.email])
        let fullName = try #require(user.field(named: "fullName")?.constraints)
        #expect(fullName.map(\.kind) == [.notBlank, .minLength(2)])
        #expect(fullName.map(\.message) == ["full_name must not be blank", nil])
        #expect(user.field(named: "bio")?.constraints.map(\.kind) == [.maxLength(2000)])
        #expect(user.field(named: "age")?.constraints.map(\.kind) == [.range(min: 0, max: 150)])
        let order = try #require(schema.model(named: "Order"))
        #expect(order.field(named: "total")?.constraints.map(\.kind) == [.range(min: 0, max: nil)])
        #expect(order.field(named: "tags")?.constraints.map(\.kind) == [.maxLength(5)])
        #expect(order.field(named: "size")?.constraints.map(\.kind) == [.oneOf(["S", "M", "L"])])
        #expect(order.field(named: "priority")?.constraints.map(\.kind) == [.oneOf(["1", "2", "3"])])
        #expect(schema.model(named: "Address")?.field(named: "zip")?.constraints.map(\.kind) == [.pattern("^[0-9]{5}$")])
    }

    @Test func compositeKeys() throws {
        let schema = try schema(Self.everything)
        #expect(schema.model(named: "Order")?.indexes == [["customerId", "placedAt"]])
        #expect(schema.model(named: "Order")?.uniqueConstraints == [])
        #expect(schema.model(named: "OrderItem")?.uniqueConstraints == [["orderId", "sku"]])
    }

    @Test func foreignKeysWithEachAction() throws {
        let schema = try schema(Self.everything)
        let userId = try #require(schema.model(named: "Address")?.field(named: "userId"))
        #expect(userId.column == "user_id")
        #expect(userId.type == .int && !userId.isOptional && userId.isIndexed && !userId.isGenerated)
        #expect(userId.reference == ForeignKey(model: "User", field: "id", onDelete: .cascade, relationName: "user"))
        #expect(schema.model(named: "Order")?.field(named: "customerId")?.reference?.onDelete == .setNull)
        #expect(schema.model(named: "OrderItem")?.field(named: "orderId")?.reference?.onDelete == .noAction)
        // The key type follows the target's key; the default action is restrict.
        let parent = try #require(schema.model(named: "Category")?.field(named: "parentCode"))
        #expect(parent.type == .string(maxLength: 8) && parent.isOptional)
        #expect(parent.reference == ForeignKey(model: "Category", field: "code", onDelete: .restrict, relationName: "parent"))
    }

    @Test func relationsOnBothSides() throws {
        let schema = try schema(Self.everything)
        #expect(schema.model(named: "User")?.relations == [
            Relation(name: "addresses", kind: .hasMany, model: "Address", foreignKey: "userId"),
            Relation(name: "orders", kind: .hasMany, model: "Order", foreignKey: "customerId"),
        ])
        #expect(schema.model(named: "Address")?.relations == [
            Relation(name: "user", kind: .belongsTo, model: "User", foreignKey: "userId")
        ])
        #expect(schema.model(named: "Order")?.relations.map(\.name) == ["customer", "orderItems"])
        // `@relation` names the has-many side of a self-reference.
        #expect(schema.model(named: "Category")?.relations == [
            Relation(name: "children", kind: .hasMany, model: "Category", foreignKey: "parentCode"),
            Relation(name: "parent", kind: .belongsTo, model: "Category", foreignKey: "parentCode"),
        ])
    }

    @Test func profiles() throws {
        let schema = try schema(Self.everything)
        let user = try #require(schema.model(named: "User"))
        #expect(user.profiles.map(\.name) == ["withAddresses", "everything"])
        let profile = try #require(user.profile(named: "withAddresses"))
        #expect(profile.includes == ["addresses"])
        #expect(profile.computed == [
            Profile.Computed(name: "addressCount", kind: .count, relation: "addresses"),
            Profile.Computed(name: "hasOrders", kind: .exists, relation: "orders"),
        ])
        #expect(user.profile(named: "everything")?.includes == ["addresses", "orders"])
        #expect(schema.model(named: "Address")?.profile(named: "withUser")?.includes == ["user"])
        #expect(ProfileLookup.check(Identifier(name: "default", range: user.range), of: user) == nil)
        #expect(ProfileLookup.check(Identifier(name: "withAddresses", range: user.range), of: user) == nil)
        let unknown = ProfileLookup.check(Identifier(name: "withAdresses", range: user.range), of: user)
        #expect(unknown?.code == .unknownProfile)
        #expect(unknown?.message == "unknown profile 'withAdresses' of model 'User'")
        #expect(unknown?.hint == "did you mean 'withAddresses'?")
    }

    @Test func twoKeysToOneModelNamedWithRelation() throws {
        let schema = try schema(validUserModel + """
            model Message {
              id Int @id
              sender User @relation("sentMessages")
              recipient User @relation("receivedMessages")
            }
            """)
        #expect(schema.model(named: "User")?.relations.map(\.name) == ["receivedMessages", "sentMessages"])
        #expect(schema.model(named: "Message")?.fields.map(\.name) == ["id", "senderId", "recipientId"])
    }

    @Test func referencesAcrossFiles() throws {
        let files = [
            SourceFile(path: "schemas/shop/b_orders.loom", text: """
                model Order {
                  id Int @id
                  user User @onDelete(cascade)
                  status Status @default(open)
                }
                """),
            SourceFile(path: "schemas/shop/a_users.loom", text: """
                enum Status { open closed }
                model User {
                  id UUID @id @default(uuid)
                  profile withOrders { include orders }
                }
                """),
        ]
        let result = Frontend.compile(name: "shop", files: files)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let schema = try #require(result.schema)
        let order = try #require(schema.model(named: "Order"))
        #expect(order.field(named: "userId")?.type == .uuid)
        #expect(order.field(named: "status")?.type == .enumeration("Status"))
        #expect(order.field(named: "status")?.defaultValue == .enumCase("open"))
        #expect(schema.model(named: "User")?.profile(named: "withOrders")?.includes == ["orders"])
        #expect(schema.enums.map(\.file) == ["a_users.loom"])
        #expect(Frontend.compile(name: "shop", files: files.reversed()).schema == schema)
    }

    @Test func parsedShapes() throws {
        let output = Parser.parse(SourceFile(path: "p.loom", text: Self.everything))
        #expect(output.diagnostics.isEmpty)
        let models = output.syntax.declarations.compactMap { if case .model(let model) = $0 { model } else { nil } }
        let order = try #require(models.first { $0.name.name == "Order" })
        #expect(order.attributes.map(\.name.name) == ["index"])
        #expect(order.attributes.first?.fields?.map(\.name) == ["customer", "placedAt"])
        let tags = try #require(order.fields.first { $0.name.name == "tags" }?.type)
        #expect(tags.isList && tags.isOptional && tags.name.name == "String")
        let user = try #require(models.first { $0.name.name == "User" })
        #expect(user.profiles.map(\.name.name) == ["withAddresses", "everything"])
        let fullName = try #require(user.fields.first { $0.name.name == "fullName" })
        #expect(fullName.attributes[0].arguments?.arguments.first?.label?.name == "message")
        let enums = output.syntax.declarations.compactMap { if case .enumeration(let e) = $0 { e } else { nil } }
        #expect(enums.map { $0.cases.map(\.name) } == [["created", "paid", "cancelled", "shipped"], ["web", "app", "phone"]])
    }

    @Test func compositeUniqueAcceptsTheBracketlessForm() throws {
        let schema = try schema("model A {\n  id Int @id\n  b Int\n  c Int\n  @@unique(b, c)\n}")
        #expect(schema.models.first?.uniqueConstraints == [["b", "c"]])
    }

    @Test func malformedModelMembersNeverTrap() {
        for text in [
            "model A { id Int @id @@", "model A { id Int @id @@unique([", "model A { id Int @id @@unique([a,",
            "model A { id Int @id profile p { include", "model A { id Int @id profile p { count x as",
            "model A { tags [[[[[[Int", "enum E { a, , b", "enum", "enum E", "model A { id Int @id x [ }",
            "model A { id Int @id @default(message: ", "model A { id Int @id x Decimal(1 }",
        ] {
            let result = compileSchema(text)
            #expect(result.schema == nil && result.diagnostics.hasErrors, "\(text)")
        }
    }
}
