import Foundation
@testable import LoomCompiler
import Testing

/// `cache ttl 60s`: a model line (its auto-CRUD get and list are cached) and a route clause, parsed, checked and
/// generated: the entity's `cache`, the wrapped route handler, the 304 in the OpenAPI document.
@Suite("Cache")
struct CacheTests {
    /// Every case of the entity's `cache` member: cached without cascades (`Tag`), cached with cascades on and a
    /// set-null (`Customer`), uncached with cascades (`Order`), neither (`OrderLine`, `Audit`), a self-reference
    /// (`Category`).
    static let schema = """
        model Customer {
          id     Int   @id @autoincrement
          cache  Bool  @default(false)

          cache ttl 1h
        }

        model Order {
          id        Int       @id @autoincrement
          customer  Customer  @onDelete(cascade)
        }

        model OrderLine {
          id     Int    @id @autoincrement
          order  Order  @onDelete(cascade)
        }

        model Shipment {
          id     Int     @id @autoincrement
          order  Order?  @onDelete(setNull)
        }

        model Note {
          id        Int        @id @autoincrement
          customer  Customer?  @onDelete(setNull)
        }

        model NoteTag {
          id    Int   @id @autoincrement
          note  Note  @onDelete(cascade)
        }

        model Audit {
          id        Int       @id @autoincrement
          customer  Customer  @onDelete(restrict)
        }

        model Category {
          id      Int        @id @autoincrement
          parent  Category?  @onDelete(setNull)

          cache ttl 5m
        }

        model Tag {
          id    Int         @id @autoincrement
          name  String(40)

          cache ttl 90s
        }

        usecase ListPopularTags(query: Tag) -> Page(Tag) readonly

        resource Tag at "/tags" {
          crud get, list, delete
          GET "/popular" -> ListPopularTags "Popular tags" cache ttl 30s
        }
        """

    static func compile() throws -> ResolvedSchema {
        let result = Frontend.compile(name: "shop", files: [SourceFile(path: "shop.loom", text: schema)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.schema)
    }

    static func modelFile(_ model: String) throws -> String {
        let files = SwiftEmitter.generate(try compile())
        return try #require(files.first { $0.name == SwiftEmitter.outputName(forModel: model) }).contents
    }

    // MARK: Parsing and checking

    @Test func aModelLineAndARouteClauseParse() throws {
        let output = Parser.parse(SourceFile(path: "shop.loom", text: Self.schema))
        #expect(output.diagnostics.isEmpty)
        let models = output.syntax.declarations.compactMap { if case .model(let model) = $0 { model } else { nil } }
        let customer = try #require(models.first)
        // `cache Bool` is a field: `cache` starts a cache line only when `ttl` follows.
        #expect(customer.fields.map(\.name.name) == ["id", "cache"])
        #expect(customer.caches.map { $0.ttl?.text } == ["1h"])
        let resource = try #require(output.syntax.declarations.compactMap { if case .resource(let resource) = $0 { resource } else { nil } }.first)
        let routes = resource.items.compactMap { if case .route(let route) = $0 { route } else { nil } }
        #expect(routes.map { $0.cache?.ttl?.text } == ["30s"])
        #expect(routes.map { $0.summary?.value } == ["Popular tags"])
    }

    @Test func durationsAreSecondsAndReachTheEndpoints() throws {
        let schema = try Self.compile()
        #expect(schema.models.map { $0.cache?.ttlSeconds } == [3600, nil, nil, nil, nil, nil, nil, 300, 90])
        // The model's get and list, and the cached route; never the delete.
        #expect(schema.endpoints.map { "\($0.operationID) \($0.cacheTTLSeconds.map(String.init) ?? "-")" } == [
            "getTag 90", "listTags 90", "deleteTag -", "listPopularTags 30",
        ])
    }

    /// A bad cache line is reported, and the model's other members and the next declarations still parse.
    @Test func aBadCacheLineDoesNotStopTheFile() {
        let source = """
            model Note {
              id Int @id
              cache ttl
              name String(10)
              cache ttl sixty seconds
              title Strng(10)
            }
            model Page {
              id Int @id
              cache ttl 2x
            }
            """
        #expect(diagnosticDescriptions(source) == [
            "bad.loom:3:12: error[L010]: expected a duration after 'ttl', found 'name'\nbad.loom:3:12: note: write cache ttl 60s, or 5m, or 1h",
            "bad.loom:5:3: error[L035]: 'cache' is given twice in model 'Note'\nbad.loom:5:3: note: the first is at line 3; keep one",
            "bad.loom:5:13: error[L010]: expected a duration after 'ttl', found 'sixty'\nbad.loom:5:13: note: write cache ttl 60s, or 5m, or 1h",
            "bad.loom:5:19: error[L010]: unexpected 'seconds' at the end of the line",
            "bad.loom:6:9: error[L020]: unknown type 'Strng'\nbad.loom:6:9: note: did you mean 'String'?",
            "bad.loom:10:13: error[L061]: unknown unit 'x' in cache duration '2x'; expected s, m or h\nbad.loom:10:13: note: write a whole number of seconds, minutes or hours: 90s, 5m, 1h",
        ])
    }

    /// A misspelt cache line is one located error, not an unknown type `ttl`; so is a route's `cache` without `ttl`.
    @Test func misspeltCacheClauses() {
        let source = """
            model Note {
              id Int @id
              cahce ttl 60s
            }
            usecase ListNotes(query: Note) -> Page(Note) readonly
            resource Note at "/notes" {
              GET "/all" -> ListNotes cache 30
            }
            """
        #expect(diagnosticDescriptions(source) == [
            "bad.loom:3:3: error[L012]: unknown member 'cahce' in model 'Note'\nbad.loom:3:3: note: did you mean 'cache'?",
            "bad.loom:7:33: error[L010]: expected 'ttl' after 'cache', found '30'\nbad.loom:7:33: note: write cache ttl 30s",
        ])
    }

    // MARK: The entity's `cache`

    /// (a) Cached, and no other table references it.
    @Test func aCachedModelWithoutCascades() throws {
        #expect(try Self.member(of: "Tag") == """
                /// Gets and lists are cached for 90 s (`cache ttl 90s`).
                public static let cache = LoomRuntime.ModelCache(ttlSeconds: 90)

            """)
    }

    /// (b) Cached, its orders cascade (and their lines in turn, and their shipments are set to null) and its notes are
    /// set to null (which stops there: their tags stay); an audit that restricts the delete changes nothing.
    @Test func aCachedParentWhoseChildrenCascadeAndSetNull() throws {
        #expect(try Self.member(of: "Customer") == """
                /// Gets and lists are cached for 3600 s (`cache ttl 1h`); deleting a row also deletes or changes rows of `notes`,
                /// `order_lines`, `orders`, `shipments` (their `@onDelete`), whose cached reads a delete must make stale.
                public static let cache = LoomRuntime.ModelCache(
                    ttlSeconds: 3600,
                    deletes: ["notes", "order_lines", "orders", "shipments"]
                )

            """)
    }

    /// (c) Not cached itself, but its delete reaches tables that may be.
    @Test func anUncachedModelWithCascades() throws {
        #expect(try Self.member(of: "Order") == """
                /// Gets and lists are not cached, but deleting a row also deletes or changes rows of `order_lines`, `shipments`
                /// (their `@onDelete`), whose cached reads a delete must make stale.
                public static let cache = LoomRuntime.ModelCache(deletes: ["order_lines", "shipments"])

            """)
    }

    /// (d) Neither: no member, `LoomModel`'s default applies.
    @Test func aModelWithNeitherHasNoCacheMember() throws {
        for model in ["OrderLine", "Audit", "Shipment", "NoteTag"] {
            #expect(try !Self.modelFile(model).contains("static let cache"), "\(model)")
        }
    }

    /// A self-reference reaches the model's own table.
    @Test func aSelfReferenceReachesItsOwnTable() throws {
        #expect(try Self.member(of: "Category").contains(
            "    public static let cache = LoomRuntime.ModelCache(ttlSeconds: 300, deletes: [\"categories\"])\n"))
    }

    /// The schema type says it caches reads, so every process (a worker too) reports its writes; a schema that caches
    /// nothing says nothing.
    @Test func theSchemaSaysItCachesReads() throws {
        let files = SwiftEmitter.generate(try Self.compile())
        let schemaFile = try #require(files.first { $0.name == "loom-schema.swift" }).contents
        #expect(schemaFile.contains("""
                /// Some reads are cached (`cache ttl …`): every process of the application reports its writes to the read cache.
                public static let cachesReads = true
            """))
        let plain = Frontend.compile(name: "plain", files: [SourceFile(path: "plain.loom", text: "model Note {\n  id Int @id\n}\n")])
        let plainFiles = SwiftEmitter.generate(try #require(plain.schema))
        #expect(try #require(plainFiles.first { $0.name == "loom-schema.swift" }).contents.contains("cachesReads") == false)
    }

    /// The `cache` member with its doc comment, up to the blank line after it.
    static func member(of model: String) throws -> String {
        let lines = try modelFile(model).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let declaration = try #require(lines.firstIndex { $0.hasPrefix("    public static let cache") })
        var first = declaration
        while lines[first - 1].hasPrefix("    ///") { first -= 1 }
        let end = try #require(lines[declaration...].firstIndex(of: ""))
        return lines[first..<end].joined(separator: "\n") + "\n"
    }

    // MARK: Routes and OpenAPI

    /// The route's handler, verbatim, inside the runtime's cache.
    @Test func aCachedRouteWrapsItsHandler() throws {
        let files = SwiftEmitter.generate(try Self.compile())
        let routes = try #require(files.first { $0.name == SwiftEmitter.routesFileName }).contents
        #expect(routes.contains("""
                    router.get("/tags/{tagId}", use: tags.get())
                    router.get("/tags", use: tags.list())
                    router.delete("/tags/{tagId}", use: tags.delete(status: .ok))
                    router.get("/tags/popular") { request, context -> Hummingbird.Response in
                        try await LoomHTTP.CachedRoute.respond(request, context: context, database: database, ttlSeconds: 30) {
                            let query = try LoomHTTP.UseCaseRoute.listQuery(
                                Tag.self,
                                request: request,
                                pagination: .offset,
                                paginationOverride: true
                            )
                            try LoomHTTP.UseCaseRoute.rejectProfile(request)
                            let application = ShopApplication(scope: LoomHTTP.UseCaseRoute.scope(database: database, context: context))
                            let result = try await application.listPopularTags(query: query)
                            return try LoomHTTP.UseCaseRoute.respond(result, status: .ok, context: context)
                        }
                    }

            """), "\(routes)")
    }

    /// A cached read takes `If-None-Match`, answers its `ETag` and a 304; the delete beside it does neither.
    @Test func cachedReadsAnswer304InOpenAPI() throws {
        let document = TranslateOpenAPI.document(try Self.compile(), origin: "shop (shop.loom)")
        let readable = document.rendered(.readable(width: 100))
        #expect(readable.contains("""
                  "get": {
                    "operationId": "getTag",
                    "tags": ["Tag"],
                    "parameters": [{ "$ref": "#/components/parameters/IfNoneMatch" }],
                    "responses": {
                      "200": {
                        "description": "OK.",
                        "headers": {
                          "ETag": {
                            "description": "The answer's version: send it in `If-None-Match` to get a 304 while it is current.",
                            "schema": { "type": "string" }
                          }
                        },
                        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Tag" } } }
                      },
                      "304": { "$ref": "#/components/responses/NotModified" },
                      "400": { "$ref": "#/components/responses/BadRequest" },
                      "404": { "$ref": "#/components/responses/NotFound" },
                      "503": { "$ref": "#/components/responses/Unavailable" }
                    }
                  },
                  "delete": {
                    "operationId": "deleteTag",
                    "tags": ["Tag"],
                    "responses": {
                      "200": {
                        "description": "OK.",
                        "content": { "application/json": { "schema": { "type": "boolean" } } }
                      },
            """), "\(readable)")
        #expect(readable.contains("""
                  "NotModified": {
                    "description": "Not modified: the `If-None-Match` ETag is current.",
                    "headers": {
                      "ETag": {
            """))
        #expect(readable.contains("""
                  "IfNoneMatch": {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": false,
                    "description": "The `ETag` of an answer already held: a 304 without a body while it is current.",
                    "schema": { "type": "string" }
                  }
            """))
        let compact = document.rendered(.compact)
        #expect(compact.contains(##""304":{"$ref":"#/components/responses/NotModified"}"##))
        #expect(compact.components(separatedBy: #""304":"#).count - 1 == 3)  // get, list, the popular route
    }

    /// A schema without `cache` has no 304, header or parameter: its document is unchanged.
    @Test func noCacheNoNotModified() throws {
        let schema = try #require(Frontend.compile(name: "shop", files: [SourceFile(path: "shop.loom", text: "model Tag {\n  id Int @id\n}\nresource Tag at \"/tags\" {\n  crud\n}\n")]).schema)
        let compact = TranslateOpenAPI.document(schema, origin: "shop").rendered(.compact)
        #expect(!compact.contains("NotModified") && !compact.contains("ETag") && !compact.contains("If-None-Match"))
    }
}
