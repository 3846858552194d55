import Testing
@testable import LoomCompiler

@Suite struct ParserTests {
    private func parse(_ text: String) -> Parser.Output {
        Parser.parse(SourceFile(path: "p.loom", text: text))
    }

    private func models(_ text: String) -> [ModelDeclaration] {
        parse(text).syntax.declarations.compactMap { if case .model(let model) = $0 { model } else { nil } }
    }

    private func resources(_ text: String) -> [ResourceDeclaration] {
        parse(text).syntax.declarations.compactMap { if case .resource(let resource) = $0 { resource } else { nil } }
    }

    @Test func theExampleSchemaParsesCleanly() {
        let output = parse(exampleStoreSchema)
        #expect(output.diagnostics.isEmpty)
        #expect(output.syntax.declarations.count == 4)
        #expect(output.syntax.declarations.map(\.doc) == [["A store customer."], [], [], []])
    }

    @Test func modelStructure() throws {
        let user = try #require(models(exampleStoreSchema).first)
        #expect(user.name.name == "User")
        #expect(user.options.map(\.kind) == [.timestamps])
        #expect(user.fields.map(\.name.name) == ["id", "fullName", "email", "nickname", "active", "score", "lastSeen"])
        #expect(user.fields.map { $0.type?.name.name } == ["Int", "String", "String", "String", "Bool", "Double", "DateTime"])
        #expect(user.fields.map { $0.type?.isOptional } == [false, false, false, true, false, false, true])
        #expect(user.fields[0].attributes.map(\.name.name) == ["id", "autoincrement"])
        #expect(user.fields[1].type?.arguments?.arguments.map(\.value) == [.integer(120)])
        #expect(user.fields[3].attributes[0].arguments?.arguments.map(\.value) == [.string("x")])
        #expect(user.fields[4].attributes[0].arguments?.arguments.map(\.value) == [.bool(true)])
    }

    @Test func nodesCarryTheirRanges() throws {
        let user = try #require(models(exampleStoreSchema).first)
        // The model runs from its keyword (line 2, after the doc comment) to its closing brace.
        #expect([user.range.start.line, user.range.start.column, user.range.end.line, user.range.end.column] == [2, 1, 10, 2])
        #expect([user.name.range.start.column, user.name.range.end.column] == [7, 11])
        let nickname = user.fields[3]
        #expect([nickname.range.start.line, nickname.range.start.column, nickname.range.end.column] == [6, 3, 39])
        #expect(nickname.type?.optionalMark?.start.column == 23)
        #expect([nickname.attributes[0].range.start.column, nickname.attributes[0].range.end.column] == [26, 39])
        #expect(nickname.attributes[0].arguments?.range.start.column == 34)
    }

    @Test func modelOptionsInAnyOrder() throws {
        let model = try #require(models(#"model A table "x" timestamps { id Int @id }"#).first)
        #expect(model.options.map(\.keyword.name) == ["table", "timestamps"])
        guard case .table(let table) = model.options.first?.kind else {
            Issue.record("expected a table option first")
            return
        }
        #expect(table.value == "x")
        #expect([table.range.start.column, table.range.end.column] == [15, 18])
        #expect([model.options[0].range.start.column, model.options[0].range.end.column] == [9, 18])
    }

    @Test func resourceStructure() throws {
        let parsed = resources(exampleStoreSchema)
        #expect(parsed.map(\.model.name) == ["User", "OrderItem"])
        #expect(parsed.map { $0.path?.value } == ["/users", "/order-items"])
        guard case .crud(let allOperations) = parsed[0].items[0], case .pagination(let pagination) = parsed[0].items[1],
            case .crud(let someOperations) = parsed[1].items[0]
        else {
            Issue.record("unexpected items: \(parsed.map(\.items))")
            return
        }
        #expect(allOperations.operations.isEmpty)
        #expect(pagination.mode?.name == "offset")
        #expect(someOperations.operations.map(\.name) == ["create", "get", "list"])
    }

    @Test func crudDoesNotSwallowTheNextMember() throws {
        let resource = try #require(resources("resource A at \"/a\" { crud pagination cursor }").first)
        #expect(resource.items.count == 2)
    }

    @Test func fieldListsAndARoutesPagination() throws {
        let source = """
            resource A at "/a" {
              filterable name, kind
              sortable createdAt
              profiles withB
              GET "/all" -> ListAll "All of them" pagination cursor fixed
              GET "/some" -> ListSome pagination offset
            }
            """
        let output = parse(source)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map(\.description))")
        let resource = try #require(resources(source).first)
        let lists = resource.items.compactMap { item -> FieldListItem? in if case .fieldList(let list) = item { list } else { nil } }
        #expect(lists.map(\.kind) == [.filterable, .sortable, .profiles])
        #expect(lists.map { $0.names.map(\.name) } == [["name", "kind"], ["createdAt"], ["withB"]])
        let routes = resource.items.compactMap { item -> RouteItem? in if case .route(let route) = item { route } else { nil } }
        #expect(routes.map { $0.pagination?.mode?.name } == ["cursor", "offset"])
        #expect(routes.map { $0.pagination?.fixed != nil } == [true, false])
        #expect(routes.map { $0.summary?.value } == ["All of them", nil])
    }

    @Test func anEmptyFieldListIsReportedAndTheNextMemberKept() throws {
        let output = parse("resource A at \"/a\" {\n  filterable\n  crud\n}")
        #expect(output.diagnostics.map(\.description) == ["p.loom:2:13: error[L010]: expected a field name after 'filterable', found 'crud'"])
        let resource = try #require(resources("resource A at \"/a\" {\n  filterable\n  crud\n}").first)
        #expect(resource.items.count == 2)
    }

    @Test func newlinesDoNotMatter() {
        let oneLine = parse(#"model A timestamps { id Int @id @autoincrement name String(10)? @default("x") } resource A at "/a" { crud get, list pagination cursor }"#)
        #expect(oneLine.diagnostics.isEmpty)
        let spread = parse("model\nA\n{\nid\nInt\n@id\n}")
        #expect(spread.diagnostics.isEmpty)
        #expect(models("model\nA\n{\nid\nInt\n@id\n}").first?.fields.first?.attributes.count == 1)
    }

    @Test func docCommentsAttachToFields() throws {
        let model = try #require(models("model A {\n  /// The key.\n  /// Second line.\n  id Int @id\n  // not a doc\n  b Int\n}").first)
        #expect(model.fields.map(\.doc) == [["The key.", "Second line."], []])
    }

    @Test func everyCommentIsKept() {
        let syntax = parse(exampleStoreSchema).syntax
        #expect(syntax.comments.count == 4)
        #expect(syntax.comments.first?.kind == .doc)
        #expect(syntax.comments.last?.text == "// a chosen subset of: create get list update delete")
    }

    @Test func missingTypeKeepsTheField() throws {
        let output = parse("model A {\n  id @id\n}")
        #expect(output.diagnostics.map(\.description) == ["p.loom:2:6: error[L010]: expected a type after field 'id', found '@'"])
        let field = try #require(models("model A {\n  id @id\n}").first?.fields.first)
        #expect(field.type == nil)
        #expect(field.attributes.map(\.name.name) == ["id"])
    }

    @Test func unknownDeclarationRecoversAtTheNextDeclaration() {
        let text = "modle A {\n  id Int @id\n}\nmodel B {\n  id Int @id\n}\n"
        #expect(models(text).map(\.name.name) == ["B"])
        #expect(parse(text).diagnostics.map(\.code) == [.unknownDeclaration])
    }

    @Test func missingClosingBraceEndsAtTheNextDeclaration() {
        let text = "model A {\n  id Int @id\nmodel B {\n  id Int @id\n}\n"
        #expect(models(text).map(\.name.name) == ["A", "B"])
        #expect(parse(text).diagnostics.map(\.description) == [
            "p.loom:2:13: error[L010]: expected '}' at the end of model 'A', found 'model'"
        ])
    }

    @Test func missingOpeningBraceStillParsesTheFields() throws {
        let text = "model A\n  id Int @id\n  name String(5)\n}\n"
        #expect(models(text).first?.fields.map(\.name.name) == ["id", "name"])
        #expect(parse(text).diagnostics.map(\.description) == [
            "p.loom:1:8: error[L010]: expected '{' after model name, found 'id'"
        ])
    }

    // MARK: Access

    @Test func authDeclaration() throws {
        let text = """
            /// The caller.
            auth {
              id     Int   @claim("sub")
              orgId  Int?
              jwt {
                issuer  "helpdesk"
                leeway  30
              }
            }
            """
        let output = parse(text)
        #expect(output.diagnostics.isEmpty)
        guard case .auth(let auth) = try #require(output.syntax.declarations.first) else {
            Issue.record("expected an auth declaration")
            return
        }
        #expect(auth.doc == ["The caller."])
        #expect(auth.fields.map(\.name.name) == ["id", "orgId"])
        #expect(auth.fields[0].attributes.first?.arguments?.arguments.map(\.value) == [.string("sub")])
        #expect(auth.fields[1].type?.isOptional == true)
        #expect(auth.jwtBlocks.count == 1)
        #expect(auth.jwtBlocks[0].settings.map(\.name.name) == ["issuer", "leeway"])
        #expect(auth.jwtBlocks[0].settings.map { $0.value?.value } == [.string("helpdesk"), .integer(30)])
        #expect([auth.range.start.line, auth.range.end.line] == [2, 9])
    }

    @Test func authWithoutItsBraceIsStillAuth() {
        let output = parse("auth\n  id Int\n}\nmodel A {\n  id Int @id\n}")
        #expect(output.diagnostics.map(\.description) == ["p.loom:1:5: error[L010]: expected '{' after 'auth', found 'id'"])
        #expect(output.syntax.declarations.count == 2)
    }

    private func rules(_ body: String) -> [AccessRuleSyntax] {
        models("model T {\n  id Int @id\n" + body + "\n}").first?.rules ?? []
    }

    @Test func ruleShape() throws {
        let rule = try #require(rules("  allow read, update(title, body) when auth.role == admin || !hidden && x in [a, 1]").first)
        #expect(rule.effect.name == "allow")
        #expect(rule.operations.map(\.name.name) == ["read", "update"])
        #expect(rule.operations.map { $0.fields?.map(\.name) } == [nil, ["title", "body"]])
        guard case .any(let terms) = try #require(rule.condition).kind, terms.count == 2 else {
            Issue.record("expected || of two terms")
            return
        }
        guard case .compare(let left, .equal, _, let right) = terms[0].kind else {
            Issue.record("expected a comparison")
            return
        }
        #expect(left.pathText == "auth.role")
        #expect(right.pathText == "admin")
        guard case .all(let conjuncts) = terms[1].kind, conjuncts.count == 2,
            case .not(let negated) = conjuncts[0].kind, case .operand(let hidden) = negated.kind,
            case .oneOf(let member, let options) = conjuncts[1].kind
        else {
            Issue.record("expected !hidden && x in […]")
            return
        }
        #expect(hidden.pathText == "hidden")
        #expect(member.pathText == "x")
        #expect(options.count == 2)
        #expect([rule.range.start.column, rule.range.end.column] == [3, 84])
    }

    @Test func existsNullAndGroups() throws {
        let rule = try #require(rules("  deny delete when exists(comments where authorId == auth.id) && (before.status != null)").first)
        guard case .all(let terms) = try #require(rule.condition).kind,
            case .operand(let exists) = terms[0].kind, case .exists(let relation, let inner) = exists.kind,
            case .operand(let group) = terms[1].kind, case .group(let grouped) = group.kind,
            case .compare(_, .notEqual, _, let null) = grouped.kind
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(relation.name == "comments")
        #expect(inner != nil)
        #expect(null.kind == .null)
    }

    /// A field may still be called `allow`: its type is capitalized.
    @Test func allowWithATypeIsAField() throws {
        let model = try #require(models("model T {\n  id Int @id\n  allow Bool\n}").first)
        #expect(model.fields.map(\.name.name) == ["id", "allow"])
        #expect(model.rules.isEmpty)
    }

    @Test func aBadRuleDoesNotStopTheModel() throws {
        let text = "model T {\n  id Int @id\n  allow read when == 1\n  allow update orgId\n  name String(5)\n  allow read when (a\n  deny read when b\n}\nmodel U {\n  id Int @id\n}"
        #expect(parse(text).diagnostics.map(\.description) == [
            "p.loom:3:19: error[L010]: expected a value or a condition, found '=='",
            "p.loom:4:16: error[L010]: expected 'when' and a condition after the operations, found 'orgId'\np.loom:4:16: note: write allow read when auth != null",
            "p.loom:6:21: error[L010]: expected ')' to close the '(' at line 6, column 19, found 'deny'",
        ])
        let model = try #require(models(text).first)
        #expect(model.fields.map(\.name.name) == ["id", "name"])
        #expect(model.rules.map(\.effect.name) == ["allow", "allow", "deny"])
        #expect(model.rules.map { $0.condition == nil } == [true, true, false])
        #expect(models(text).map(\.name.name) == ["T", "U"])
    }

    @Test func deeplyNestedConditionsAreReportedNotFollowed() {
        let text = "model T {\n  id Int @id\n  allow read when " + String(repeating: "(", count: 300) + "a\n}"
        #expect(parse(text).diagnostics.map(\.code) == [.nestingTooDeep])
    }
}

