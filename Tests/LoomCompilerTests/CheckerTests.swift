import Testing
@testable import LoomCompiler

/// The IR built from valid schemas.
@Suite struct CheckerTests {
    private func schema(_ text: String, file: String = "store.loom") throws -> ResolvedSchema {
        let result = compileSchema(text, file: file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.schema)
    }

    @Test func modelsTablesAndColumns() throws {
        let schema = try schema(exampleStoreSchema)
        #expect(schema.name == "test")
        #expect(schema.models.map(\.name) == ["User", "OrderItem"])
        #expect(schema.models.map(\.table) == ["users", "order_items"])
        #expect(schema.models.map(\.file) == ["store.loom", "store.loom"])
        #expect(schema.models.map(\.doc) == [["A store customer."], []])
        let user = try #require(schema.model(named: "User"))
        #expect(user.fields.map(\.name) == [
            "id", "fullName", "email", "nickname", "active", "score", "lastSeen", "createdAt", "updatedAt",
        ])
        #expect(user.fields.map(\.column) == [
            "id", "full_name", "email", "nickname", "active", "score", "last_seen", "created_at", "updated_at",
        ])
        #expect(user.fields.map(\.type) == [
            .int, .string(maxLength: 120), .string(maxLength: 255), .string(maxLength: 40), .bool, .double, .dateTime,
            .dateTime, .dateTime,
        ])
        #expect(user.fields.map(\.isOptional) == [false, false, false, true, false, false, true, false, false])
        #expect(user.primaryKey.name == "id")
        #expect(user.primaryKey.isAutoIncrement && user.primaryKey.isGenerated)
        #expect(user.fields.filter(\.isUnique).map(\.name) == ["email"])
        #expect(user.fields.filter(\.isIndexed).map(\.name) == ["score"])
        #expect(user.fields.map(\.defaultValue) == [nil, nil, nil, .string("x"), .bool(true), nil, nil, nil, nil])
    }

    @Test func timestampsAreAppendedAndManaged() throws {
        let user = try #require(try schema(exampleStoreSchema).model(named: "User"))
        #expect(user.timestamps)
        let managed = user.fields.suffix(2)
        #expect(managed.map(\.managed) == [.createdAt, .updatedAt])
        #expect(managed.allSatisfy { $0.type == .dateTime && !$0.isOptional && $0.isGenerated })
        // They point at the `timestamps` keyword.
        #expect(managed.allSatisfy { $0.range.start.line == 2 && $0.range.start.column == 12 && $0.range.end.column == 22 })
        let item = try #require(try schema(exampleStoreSchema).model(named: "OrderItem"))
        #expect(!item.timestamps && item.fields.allSatisfy { $0.managed == nil })
    }

    @Test func resourcesAreNormalised() throws {
        let schema = try schema(exampleStoreSchema)
        #expect(schema.resources.map(\.model) == ["User", "OrderItem"])
        #expect(schema.resources.map(\.path) == ["/users", "/order-items"])
        #expect(schema.resources[0].operations == CRUDOperation.allCases)
        #expect(schema.resources[1].operations == [.create, .get, .list])
        #expect(schema.resources.map(\.pagination) == [.offset, .offset])
    }

    @Test func operationsComeInCanonicalOrderAndPathsLoseTheTrailingSlash() throws {
        let schema = try schema(validUserModel + #"resource User at "/api/users/" { crud delete, list, create pagination cursor }"#)
        #expect(schema.resources.first?.operations == [.create, .list, .delete])
        #expect(schema.resources.first?.path == "/api/users")
        #expect(schema.resources.first?.pagination == .cursor)
    }

    @Test func aResourceWithoutCrudHasNoOperations() throws {
        #expect(try schema(validUserModel + #"resource User at "/users" { }"#).resources.first?.operations == [])
    }

    @Test func defaultsOfEveryType() throws {
        let model = try #require(try schema("""
            model Setting {
              key String(20) @id
              count Int @default(-3)
              ratio Double @default(2)
              scale Double @default(-0.5)
              on Bool @default(false)
              since DateTime @default(now)
            }
            """).models.first)
        #expect(model.primaryKey.name == "key")
        #expect(!model.primaryKey.isGenerated)
        #expect(model.fields.map(\.defaultValue) == [nil, .int(-3), .double(2), .double(-0.5), .bool(false), .now])
    }

    @Test func fieldsKeepTheirDocComments() throws {
        let model = try #require(try schema("model A {\n  /// The key.\n  id Int @id\n  name String(3)\n}").models.first)
        #expect(model.fields.map(\.doc) == [["The key."], []])
    }

    @Test func contextualKeywordsMayNameFields() throws {
        let model = try #require(try schema("model Booking { id Int @id table Int at DateTime crud Bool }").models.first)
        #expect(model.fields.map(\.column) == ["id", "table", "at", "crud"])
    }

    @Test func multipleFilesAreOrderedByFileName() throws {
        let files = [
            SourceFile(path: "schemas/store/b_orders.loom", text: "model Order { id Int @id }\nresource User at \"/users\" { crud }"),
            SourceFile(path: "schemas/store/a_users.loom", text: "model User { id Int @id }\nmodel Address { id Int @id }"),
        ]
        let result = Frontend.compile(name: "store", files: files)
        #expect(result.diagnostics.isEmpty)
        let schema = try #require(result.schema)
        #expect(schema.files.map(\.fileName) == ["a_users.loom", "b_orders.loom"])
        #expect(schema.models.map(\.name) == ["User", "Address", "Order"])
        #expect(schema.models.map(\.table) == ["users", "addresses", "orders"])
        #expect(schema.models.map(\.file) == ["a_users.loom", "a_users.loom", "b_orders.loom"])
        // A resource may expose a model of another file.
        #expect(schema.resources.map(\.model) == ["User"])
        #expect(schema.resources.map(\.file) == ["b_orders.loom"])
        // The file order given does not matter.
        #expect(Frontend.compile(name: "store", files: files.reversed()).schema == schema)
    }

    @Test func warningsDoNotBlockTheSchema() throws {
        let result = compileSchema(validUserModel + #"resource User at "/users" { crud get, get }"#)
        #expect(result.diagnostics.map(\.description) == [
            "bad.loom:4:39: warning[L035]: operation 'get' is listed twice\nbad.loom:4:39: note: remove one"
        ])
        #expect(result.schema?.resources.first?.operations == [.get])
    }
}
