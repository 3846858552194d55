import Foundation
@testable import LoomCompiler
import Testing

/// The OpenAPI translation of small schemas, whole fragments compared (the full store document is a reference file,
/// `Generated/store/openapi.json`).
@Suite("OpenAPI snippets")
struct OpenAPISnippetTests {
    @Test func jsonStringsAreEscapedAndRenderingIsStable() {
        let node = JSONNode.object([("a\"b", .string("line\nnext\t\\ \u{1}")), ("n", .array([.integer(1), .number(2.5), .null, .bool(false)])), ("e", .object([]))])
        #expect(node.rendered() == """
            {
              "a\\"b": "line\\nnext\\t\\\\ \\u0001",
              "n": [
                1,
                2.5,
                null,
                false
              ],
              "e": {}
            }

            """)
    }

    @Test func aCreateInputKeepsConstraintsPresenceAndDefaults() throws {
        let source = """
            /// A thing.
            model Thing {
              id Int @id @autoincrement
              /// Shown to people.
              name String(40) @notBlank
              size Int @range(1, 10) @default(3)
              note String(80)?
            }
            resource Thing at "/things" {
              crud create, get, list, update, delete
            }
            """
        let schema = try #require(Frontend.compile(name: "demo", files: [SourceFile(path: "t.loom", text: source)]).schema)
        let document = TranslateOpenAPI.document(schema, origin: "demo (t.loom)").rendered(.readable(width: 100))
        #expect(document.contains("""
                  "ThingCreate": {
                    "type": "object",
                    "description": "The fields a client sends to create a `Thing`.",
                    "properties": {
                      "name": {
                        "type": "string",
                        "maxLength": 40,
                        "pattern": "\\\\S",
                        "description": "Shown to people."
                      },
                      "size": {
                        "type": "integer",
                        "format": "int64",
                        "minimum": 1,
                        "maximum": 10,
                        "default": 3
                      },
                      "note": { "type": ["string", "null"], "maxLength": 80 }
                    },
                    "required": ["name"],
                    "additionalProperties": false
                  }
            """), "\(document)")
        #expect(document.contains(#""x-generated-by": "loomgen from demo (t.loom) — do not edit""#))
    }

    /// `openapi.json`'s layout: an object or array that fits in the width stays on one line, a bigger one is broken;
    /// the embedded copy has no whitespace at all.
    @Test func readableLayoutKeepsSmallNodesOnOneLine() {
        let node = JSONNode.object([
            ("parameters", .array([
                .object([("$ref", .string("#/components/parameters/price__gte"))]),
                .object([("name", .string("pagination")), ("in", .string("query")), ("required", .bool(false)),
                         ("schema", .object([("type", .string("string")), ("enum", .array([.string("offset"), .string("cursor")]))]))]),
            ])),
            ("empty", .object([])), ("list", .array([])),
        ])
        #expect(node.rendered(.readable(width: 80)) == """
            {
              "parameters": [
                { "$ref": "#/components/parameters/price__gte" },
                {
                  "name": "pagination",
                  "in": "query",
                  "required": false,
                  "schema": { "type": "string", "enum": ["offset", "cursor"] }
                }
              ],
              "empty": {},
              "list": []
            }

            """)
        #expect(node.rendered(.compact) == ##"{"parameters":[{"$ref":"#/components/parameters/price__gte"},"##
            + ##"{"name":"pagination","in":"query","required":false,"schema":{"type":"string","enum":["offset","cursor"]}}],"##
            + ##""empty":{},"list":[]}"##)
    }

    /// The embedded document is cut into lines of the renderer's width with escaped newlines (anywhere, but never
    /// inside a UTF-8 character), so the literal's value is the document unchanged.
    @Test func theEmbeddedDocumentIsCutIntoLinesThatJoinBack() {
        // `\##` inside: the literal needs three `#`s.
        let document = "{\"description\":\"" + String(repeating: "wörd\\", count: 60) + "\\##\",\"x\":\"\\\"\"}"
        #expect(SwiftEmitter.rawLiteralHashes(Array(document.utf8)) == 3)
        var output: [UInt8] = []
        SwiftEmitter.appendLiteralLines(Array(document.utf8), indent: "        ", continuation: "\\###", to: &output)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.utf8.count <= 120 && $0.hasPrefix("        ") })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("\\###") })
        let value = lines.enumerated().map { index, line in
            String(line.dropFirst(8).dropLast(index < lines.count - 1 ? 4 : 0))
        }.joined()
        #expect(value == document)
    }

    // MARK: A schema with auth

    static let authSource = """
        enum Role { member admin }

        auth {
          id    Int   @claim("sub")
          role  Role

          jwt {
            issuer    "demo"
            audience  "demo-api"
          }
        }

        /// A person.
        model Person {
          id     Int         @id @autoincrement
          /// Where to write.
          email  String(80)
          name   String(40)

          allow all when auth.role == admin
          allow read when auth != null
          deny read(email) when id != auth.id
        }

        model Note {
          id    Int         @id @autoincrement
          text  String(80)
        }

        usecase SummarizePerson(personId: Int) -> Person

        resource Person at "/people" {
          crud
          GET "/{personId}/summary" -> SummarizePerson
        }

        resource Note at "/notes" {
          crud
        }
        """

    /// A list with a page size of its own (`limit 25`) documents `limit` with that default; the others share one
    /// `limit` (default 50), and both say the maximum a request may ask for.
    @Test func aListsPageSizeIsItsLimitsDefault() throws {
        let document = try Self.document("""
            model Thing {
              id Int @id
            }
            model Other {
              id Int @id
            }
            resource Thing at "/things" {
              crud list
              pagination cursor fixed limit 25
            }
            resource Other at "/others" {
              crud list
            }
            """)
        // Compared without the layout's whitespace.
        func compact(_ path: String...) throws -> String {
            try #require(Self.member(document, path)?.rendered()).filter { !$0.isWhitespace }
        }
        let things = try compact("paths", "/things", "get", "parameters")
        #expect(things.contains(#"{"name":"limit","in":"query","required":false,"description":"Itemsperpage.","schema":{"type":"integer","minimum":1,"maximum":1000,"default":25}}"#), "\(things)")
        #expect(!things.contains("#/components/parameters/limit"))
        #expect(try compact("paths", "/others", "get", "parameters").contains(##"{"$ref":"#/components/parameters/limit"}"##))
        #expect(try compact("components", "parameters", "limit") == #"{"name":"limit","in":"query","required":false,"description":"Itemsperpage.","schema":{"type":"integer","minimum":1,"maximum":1000,"default":50}}"#)
    }

    /// A read profile's members are optional members of the model's schema: an included row by reference (null when
    /// its key is optional), a list for a to-many relation, a count as an integer, `exists` as a boolean; a name two
    /// profiles give different shapes is any value.
    @Test func profileMembersAreOptionalMembersOfTheModel() throws {
        let document = try Self.document("""
            model Team {
              id Int @id
              profile withMembers {
                include members
                count members as size
              }
              profile busy {
                exists members as size
              }
            }
            model Member {
              id Int @id
              team Team? @relation("members")
              profile withTeam {
                include team
              }
            }
            """)
        let member = try #require(Self.member(document, ["components", "schemas", "Member"])?.rendered()).filter { !$0.isWhitespace }
        #expect(member.contains(##""team":{"oneOf":[{"$ref":"#/components/schemas/Team"},{"type":"null"}],"description":"Inthereadprofile`withTeam`(`?profile=`)only."}"##), "\(member)")
        #expect(member.contains(#""required":["id","teamId"]"#), "the profile's members are never required")
        let team = try #require(Self.member(document, ["components", "schemas", "Team"])?.rendered()).filter { !$0.isWhitespace }
        #expect(team.contains(##""members":{"type":"array","items":{"$ref":"#/components/schemas/Member"},"description":"Inthereadprofile`withMembers`(`?profile=`)only."}"##), "\(team)")
        #expect(team.contains(#""size":{"description":"Inthereadprofile`withMembers`,`busy`(`?profile=`)only."}"#), "\(team)")
    }

    static func document(_ source: String) throws -> JSONNode {
        let result = Frontend.compile(name: "demo", files: [SourceFile(path: "t.loom", text: source)])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.description))")
        return TranslateOpenAPI.document(try #require(result.schema), origin: "demo (t.loom)")
    }

    /// The member at `path` (object keys), rendered: a fragment compared whole.
    static func fragment(_ node: JSONNode, _ path: String...) -> String? { member(node, path)?.rendered() }

    static func member(_ node: JSONNode, _ path: [String]) -> JSONNode? {
        var node = node
        for key in path {
            guard case .object(let members) = node, let member = members.first(where: { $0.0 == key }) else { return nil }
            node = member.1
        }
        return node
    }

    @Test func aSchemaWithAuthDeclaresTheBearerSchemeForEveryOperation() throws {
        let document = try Self.document(Self.authSource)
        #expect(Self.fragment(document, "security") == """
            [
              {
                "bearerAuth": []
              }
            ]

            """)
        #expect(Self.fragment(document, "components", "securitySchemes") == """
            {
              "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "A JWT in `Authorization: Bearer <token>`, issued by `demo` for the audience `demo-api`. The caller is read from its claims `sub`, `role`. Without a token the caller is anonymous and the access rules decide; an operation no rule allows to an anonymous caller, and any request with a bad token, is a 401."
              }
            }

            """)
    }

    /// 401 on every operation (a bad token is refused on every route); 403 on the writes of a model with rules and
    /// on use cases, whose repositories act for the caller.
    @Test func operationsAnswer401AndWritesOfModelsWithRules403() throws {
        let document = try Self.document(Self.authSource)
        #expect(Self.fragment(document, "paths", "/people/{personId}", "delete", "responses") == """
            {
              "200": {
                "description": "OK.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "boolean"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "503": {
                "$ref": "#/components/responses/Unavailable"
              }
            }

            """)
        func statuses(_ path: String, _ method: String) -> [String] {
            guard case .object(let members)? = Self.member(document, ["paths", path, method, "responses"]) else { return [] }
            return members.map(\.0)
        }
        // A body can also be too large (413) or not JSON (415).
        #expect(statuses("/people", "post") == ["201", "400", "401", "403", "409", "413", "415", "422", "503"])
        #expect(statuses("/people/{personId}", "patch") == ["200", "400", "401", "403", "404", "409", "413", "415", "422", "503"])
        #expect(statuses("/people/{personId}", "get") == ["200", "400", "401", "404", "503"])
        #expect(statuses("/people", "get") == ["200", "400", "401", "503"])
        #expect(statuses("/people/{personId}/summary", "get") == ["200", "400", "401", "403", "404", "409", "422", "503"])
        // A model without rules: a bad token is still a 401, but nothing is forbidden.
        #expect(statuses("/notes", "post") == ["201", "400", "401", "409", "413", "415", "422", "503"])
        #expect(statuses("/notes/{noteId}", "delete") == ["200", "400", "401", "404", "503"])
    }

    @Test func unauthorizedAndForbiddenAreSharedResponsesInTheErrorEnvelope() throws {
        let document = try Self.document(Self.authSource)
        #expect(Self.fragment(document, "components", "responses", "Unauthorized") == """
            {
              "description": "A bad bearer token, or none for an operation no rule allows to an anonymous caller (`unauthenticated`).",
              "headers": {
                "WWW-Authenticate": {
                  "description": "The Bearer challenge, with `error=\\"invalid_token\\"` or `error=\\"invalid_request\\"` for a bad token.",
                  "schema": {
                    "type": "string"
                  }
                }
              },
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Error"
                  }
                }
              }
            }

            """)
        #expect(Self.fragment(document, "components", "responses", "Forbidden") == """
            {
              "description": "A rule does not let the caller do this to the row, or the row as written breaks one, or the caller may not write the field `detail.fields` names (`forbidden`).",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Error"
                  }
                }
              }
            }

            """)
        #expect(Self.fragment(document, "components", "schemas", "Error", "properties", "detail", "properties", "code", "enum") == """
            [
              "bad_request",
              "unauthenticated",
              "forbidden",
              "not_found",
              "method_not_allowed",
              "conflict",
              "payload_too_large",
              "unsupported_media_type",
              "validation_error",
              "rule_violations",
              "client_error",
              "internal_error",
              "not_implemented",
              "unavailable"
            ]

            """)
    }

    /// A field a `read` rule with a field list is about may be left out of the row: not required, and said so.
    @Test func aFieldAReadRuleMayHideIsNotRequired() throws {
        let document = try Self.document(Self.authSource)
        #expect(Self.fragment(document, "components", "schemas", "Person") == """
            {
              "type": "object",
              "description": "A person.",
              "properties": {
                "id": {
                  "type": "integer",
                  "format": "int64"
                },
                "email": {
                  "type": "string",
                  "maxLength": 80,
                  "description": "Where to write.\\nLeft out when the caller may not read it."
                },
                "name": {
                  "type": "string",
                  "maxLength": 40
                }
              },
              "required": [
                "id",
                "name"
              ]
            }

            """)
        // A request body still requires it: the rule is about reading.
        #expect(Self.fragment(document, "components", "schemas", "PersonCreate", "required") == """
            [
              "email",
              "name"
            ]

            """)
    }

    /// Without `jwt` the application's authenticator reads the token, so its format is not promised; without rules
    /// nothing is forbidden; without `auth` none of this is in the document.
    @Test func theSecurityPartsFollowWhatTheSchemaDeclares() throws {
        let noJWT = try Self.document("""
            auth {
              id  Int  @claim("sub")
            }

            model Note {
              id    Int         @id @autoincrement
              text  String(80)
            }

            resource Note at "/notes" {
              crud
            }
            """)
        #expect(Self.fragment(noJWT, "components", "securitySchemes", "bearerAuth") == """
            {
              "type": "http",
              "scheme": "bearer",
              "description": "A bearer token in `Authorization: Bearer <token>`, checked by the application's authenticator. The caller is read from its claims `sub`. Without a token the caller is anonymous and the access rules decide; an operation no rule allows to an anonymous caller, and any request with a bad token, is a 401."
            }

            """)
        #expect(Self.fragment(noJWT, "components", "responses", "Unauthorized") != nil)
        #expect(Self.fragment(noJWT, "components", "responses", "Forbidden") == nil)

        let open = try Self.document("""
            model Note {
              id    Int         @id @autoincrement
              text  String(80)
            }

            resource Note at "/notes" {
              crud
            }
            """)
        let rendered = open.rendered()
        #expect(Self.fragment(open, "security") == nil)
        #expect(Self.fragment(open, "components", "securitySchemes") == nil)
        for absent in ["bearerAuth", "Unauthorized", "Forbidden", "unauthenticated", "forbidden", "\"401\"", "\"403\""] {
            #expect(!rendered.contains(absent), "\(absent)")
        }
    }

    /// `filterable`, `sortable` and `profiles` narrow the document to what a request may send; a route's
    /// `pagination cursor fixed` offers cursor pages only; two lists of one model with the same lists share them.
    @Test func listsOfferOnlyWhatTheResourceExposes() throws {
        let source = """
            model Author {
              id Int @id @autoincrement
              name String(40)
              country String(2)
              profile withBooks {
                include books
              }
              profile withCount {
                count books as bookCount
              }
            }
            model Book {
              id Int @id @autoincrement
              author Author @onDelete(cascade)
              title String(80)
            }
            usecase ListRecentAuthors(query: Author) -> Page(Author) readonly
            resource Author at "/authors" {
              crud get, list
              filterable name
              sortable country
              profiles withBooks
              GET "/recent" -> ListRecentAuthors pagination cursor fixed
            }
            resource Book at "/books" {
              crud get, list
            }
            """
        let compiled = Frontend.compile(name: "demo", files: [SourceFile(path: "t.loom", text: source)])
        let schema = try #require(compiled.schema, "\(compiled.diagnostics.map(\.description))")
        let text = TranslateOpenAPI.document(schema, origin: "demo (t.loom)").rendered()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let components = try #require(document["components"] as? [String: Any])
        let shared = try #require(components["parameters"] as? [String: [String: Any]])
        func parameters(_ path: String) throws -> [[String: Any]] {
            let operation = try #require(paths[path]?["get"] as? [String: Any])
            return try (operation["parameters"] as? [[String: Any]] ?? []).map { parameter in
                guard let reference = parameter["$ref"] as? String else { return parameter }
                return try #require(shared[String(reference.split(separator: "/").last ?? "")])
            }
        }
        func names(_ path: String) throws -> [String] { try parameters(path).compactMap { $0["name"] as? String } }
        func enumeration(_ path: String, _ name: String) throws -> [String]? {
            let parameter = try parameters(path).first { $0["name"] as? String == name }
            return (parameter?["schema"] as? [String: Any])?["enum"] as? [String]
        }
        let nameFilters = ["name", "name__ne", "name__in", "name__not_in", "name__is_null", "name__is_not_null", "name__gt",
                           "name__gte", "name__lt", "name__lte", "name__like", "name__ilike", "name__contains", "name__startswith"]
        #expect(try names("/authors") == ["pagination", "page", "limit", "after", "cursor"] + nameFilters + ["sort", "direction", "profile"])
        #expect(try enumeration("/authors", "profile") == ["withBooks"])
        #expect(try enumeration("/authors/{authorId}", "profile") == ["withBooks"])
        let sort = try parameters("/authors").first { $0["name"] as? String == "sort" }
        #expect((sort?["description"] as? String)?.hasSuffix("one of country.") == true)
        // The route's own mode, the resource's filters and sort (shared with the CRUD list), the model's profiles.
        #expect(try names("/authors/recent") == ["pagination", "limit", "after", "cursor"] + nameFilters + ["sort", "direction", "profile"])
        #expect(try enumeration("/authors/recent", "pagination") == ["cursor"])
        #expect(try enumeration("/authors/recent", "profile") == ["withBooks", "withCount"])
        // Filters are shared by name: `name` is filterable, `country` is not; `id` is an integer on both models.
        #expect(shared["name"] != nil && shared["country"] == nil && shared["id__gte"] != nil)
        #expect(shared["sort.Author"] != nil && shared["sort.Book"] != nil && shared["direction"] != nil)
        // A resource that lists nothing offers every field and profile, as before.
        #expect(try names("/books").contains("title__contains") && names("/books").contains("authorId"))
    }

    /// Each filter is written once in `components.parameters` and referenced from every list route: shared by the
    /// models with a field of that name and type, suffixed with the type where two models' fields of one name differ.
    @Test func filtersAreWrittenOnceAndSharedByNameAndType() throws {
        let source = """
            model Shop {
              id Int @id @autoincrement
              code String(8)
            }
            model Shelf {
              id UUID @id
              code String(8)
            }
            resource Shop at "/shops" {
              crud get, list
            }
            resource Shelf at "/shelves" {
              crud get, list
            }
            """
        let document = try Self.document(source)
        let shared = try #require(Self.member(document, ["components", "parameters"]))
        guard case .object(let members) = shared else { Issue.record("no parameters"); return }
        // The page parameters, then the filters by key; a `sort` per model (it names the model's fields), one
        // `direction`.
        let keys = members.map(\.0)
        #expect(Array(keys.prefix(4)) == ["page", "limit", "after", "cursor"] && Array(keys.dropFirst(4)) == keys.dropFirst(4).sorted())
        #expect(keys.contains("code__startswith") && keys.contains("id__gte") && keys.contains("sort.Shop") && keys.contains("sort.Shelf"))
        #expect(keys.contains("id__ne.int64") && keys.contains("id__ne.uuid") && keys.contains("id__in") && !keys.contains("id__in.uuid"))
        #expect(Self.fragment(document, "components", "parameters", "id__ne.uuid") == """
            {
              "name": "id__ne",
              "in": "query",
              "required": false,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }

            """)
        let list = try #require(Self.member(document, ["paths", "/shelves", "get", "parameters"]))
        guard case .array(let parameters) = list else { Issue.record("no list parameters"); return }
        #expect(parameters.dropFirst(5).prefix(3).map { $0.rendered(.compact) } == [
            ##"{"$ref":"#/components/parameters/id.uuid"}"##, ##"{"$ref":"#/components/parameters/id__ne.uuid"}"##,
            ##"{"$ref":"#/components/parameters/id__in"}"##,
        ])
    }

    /// A path's parameters are written once, on the path, for all its operations.
    @Test func pathParametersAreThePaths() throws {
        let document = try Self.document(Self.authSource)
        #expect(Self.fragment(document, "paths", "/people/{personId}", "parameters") == """
            [
              {
                "name": "personId",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "integer",
                  "format": "int64"
                }
              }
            ]

            """)
        for method in ["get", "patch", "delete"] {
            let parameters = Self.member(document, ["paths", "/people/{personId}", method, "parameters"])?.rendered(.compact) ?? ""
            #expect(!parameters.contains(#""in":"path""#), "\(method): \(parameters)")
        }
    }
}
