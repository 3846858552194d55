import Testing
@testable import LoomCompiler

/// The access language end to end through the checker: `auth` becomes `ResolvedSchema.auth`, rules become
/// `Model.accessRules` in the runtime's shape (columns, hops, principal fields, literals).
@Suite struct AccessLanguageTests {
    static let helpdesk = """
        enum Role { customer agent admin }
        enum TicketStatus { open closed }

        /// Who calls the API: read from a JWT's claims.
        auth {
          id     Int   @claim("sub")
          role   Role
          orgId  Int?  @claim("org")

          jwt {
            issuer    "helpdesk"
            audience  "helpdesk-api"
            leeway    30
          }
        }

        model Organization {
          id  Int  @id @autoincrement
        }

        model User {
          id     Int           @id @autoincrement
          org    Organization  @onDelete(cascade)
          email  String(255)
        }

        model Ticket timestamps {
          id        Int           @id @autoincrement
          org       Organization  @onDelete(cascade)
          customer  User          @onDelete(restrict) @relation("customerTickets")
          assignee  User?         @onDelete(setNull) @relation("assignedTickets")
          title     String(200)
          body      Text
          status    TicketStatus  @default(open)
          priority  Int           @default(0)

          allow all when auth.role == admin
          allow read when auth.role == agent || orgId == auth.orgId
          allow create when auth.role == customer && orgId == auth.orgId && customerId == auth.id
          allow update(title, body) when auth.role == customer && orgId == auth.orgId && before.status == open
          allow update(status) when auth.role == customer && orgId == auth.orgId && status == closed
          allow update(status, priority, assignee) when auth.role == agent
          allow read when exists(comments where authorId == auth.id)
        }

        model Comment {
          id        Int        @id @autoincrement
          ticket    Ticket     @onDelete(cascade)
          author    User       @onDelete(restrict)
          hidden    Bool       @default(false)
          email     String(255)

          allow read when auth.role == agent || (!hidden && ticket.orgId == auth.orgId)
          deny read(email) when auth.role == customer && authorId != auth.id
          allow read when auth != null && auth.role in [agent, admin] && ticket.customer.orgId == auth.orgId
        }

        """

    static func compile() throws -> ResolvedSchema {
        let result = compileSchema(helpdesk, file: "helpdesk.loom")
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.schema)
    }

    @Test func authBecomesThePrincipal() throws {
        let auth = try #require(try Self.compile().auth)
        #expect(auth.fields.map(\.name) == ["id", "role", "orgId"])
        #expect(auth.fields.map(\.claim) == ["sub", "role", "org"])
        #expect(auth.fields.map(\.type) == [.int, .enumeration("Role"), .int])
        #expect(auth.fields.map(\.isOptional) == [false, false, true])
        #expect(auth.jwt == Principal.JWTSettings(issuer: "helpdesk", audience: "helpdesk-api", leewaySeconds: 30))
        #expect(auth.doc == ["Who calls the API: read from a JWT's claims."])
        #expect(auth.file == "helpdesk.loom")
    }

    @Test func withoutJWTTheSchemaAuthenticatesItself() throws {
        let schema = try #require(compileSchema("auth {\n  id UUID\n}\n").schema)
        #expect(schema.auth?.jwt == nil)
        #expect(schema.auth?.fields.map(\.claim) == ["id"])
    }

    @Test func rulesResolveToColumnsPrincipalFieldsAndLiterals() throws {
        let ticket = try #require(try Self.compile().model(named: "Ticket"))
        let rules = ticket.accessRules
        #expect(rules.count == 7)
        let admin = RuleCondition.compare(.principal("role"), .eq, .literal(.string("admin")))
        let customer = RuleCondition.compare(.principal("role"), .eq, .literal(.string("customer")))
        let sameOrg = RuleCondition.compare(.column("org_id"), .eq, .principal("orgId"))
        #expect(rules[0].effect == .allow)
        #expect(rules[0].operations == [.read, .create, .update, .delete])
        #expect(rules[0].fields == nil)
        #expect(rules[0].condition == admin)
        #expect(rules[1].condition == .any([
            .compare(.principal("role"), .eq, .literal(.string("agent"))), sameOrg,
        ]))
        #expect(rules[2].condition == .all([customer, sameOrg, .compare(.column("customer_id"), .eq, .principal("id"))]))
        #expect(rules[3].operations == [.update])
        #expect(rules[3].fields == ["title", "body"])
        #expect(rules[3].condition == .all([customer, sameOrg, .compare(.before("status"), .eq, .literal(.string("open")))]))
        #expect(rules[4].condition == .all([customer, sameOrg, .compare(.column("status"), .eq, .literal(.string("closed")))]))
        // A relation's name in a field list means its foreign key.
        #expect(rules[5].fields == ["status", "priority", "assigneeId"])
        #expect(rules[6].condition == .exists(
            RuleHop(column: "id", model: "Comment", key: "ticket_id"),
            .compare(.column("author_id"), .eq, .principal("id"))
        ))
    }

    @Test func relatedPathsBareBoolsNegationAndMembership() throws {
        let comment = try #require(try Self.compile().model(named: "Comment"))
        let rules = comment.accessRules
        let ticketHop = RuleHop(column: "ticket_id", model: "Ticket", key: "id")
        #expect(rules[0].condition == .any([
            .compare(.principal("role"), .eq, .literal(.string("agent"))),
            .all([
                .not(.compare(.column("hidden"), .eq, .literal(.bool(true)))),
                .compare(.related(ticketHop, .column("org_id")), .eq, .principal("orgId")),
            ]),
        ]))
        #expect(rules[1].effect == .deny)
        #expect(rules[1].fields == ["email"])
        #expect(rules[2].condition == .all([
            .authenticated,
            .oneOf(.principal("role"), [.literal(.string("agent")), .literal(.string("admin"))]),
            .compare(
                .related(ticketHop, .related(RuleHop(column: "customer_id", model: "User", key: "id"), .column("org_id"))),
                .eq, .principal("orgId")
            ),
        ]))
    }

    @Test func operationsWithDifferentFieldListsBecomeOneRuleEach() throws {
        let source = """
            auth {
              id Int
            }
            model Note {
              id     Int          @id @autoincrement
              title  String(10)
              body   Text
              allow delete, read(title), update(title), create when auth != null && 1 < 2
            }
            """
        let note = try #require(compileSchema(source).schema?.model(named: "Note"))
        #expect(note.accessRules.map(\.operations) == [[.create, .delete], [.read, .update]])
        #expect(note.accessRules.map(\.fields) == [nil, ["title"]])
        #expect(note.accessRules.map(\.condition) == [.authenticated, .authenticated])
    }

    @Test func aModelWithoutRulesHasNone() throws {
        #expect(try Self.compile().model(named: "User")?.accessRules == [])
    }

    /// `auth == null` is "not authenticated"; `== null` on an optional value is kept; literals fold, and a constant
    /// `true` stays as the rule's condition.
    @Test func nullsAndConstants() throws {
        let source = """
            auth {
              id     Int
              orgId  Int?
            }
            model Note {
              id      Int      @id @autoincrement
              parent  Note?    @relation("children")
              score   Double
              allow read when auth == null || parentId != null
              allow create when true
              allow update when score >= 0.5 && auth.orgId == null && 2 > 1
            }
            """
        let result = compileSchema(source)
        #expect(result.diagnostics.map(\.description) == [])
        let note = try #require(result.schema?.model(named: "Note"))
        #expect(note.accessRules.map(\.condition) == [
            .any([.not(.authenticated), .compare(.column("parent_id"), .ne, .literal(.null))]),
            .constant(true),
            .all([
                .compare(.column("score"), .gte, .literal(.double(0.5))),
                .compare(.principal("orgId"), .eq, .literal(.null)),
            ]),
        ])
    }

    /// Every problem of every rule is reported, and the rules that resolve are kept for the rest of the check.
    @Test func everyBadRuleIsReported() {
        let source = """
            auth {
              id Int
            }
            model Note {
              id  Int  @id @autoincrement
              allow read when nme == auth.id
              allow update when before.id == auth.idd
              allow delete when id == "x"
            }
            model Pin {
              id    Int   @id @autoincrement
              note  Note
            }
            """
        #expect(compileSchema(source).diagnostics.map(\.code) == [.unknownRuleName, .unknownRuleName, .ruleTypeMismatch])
        let inExists = source.replacingOccurrences(of: "allow delete when id == \"x\"", with: "allow update when exists(pins where before.id == 1)")
        #expect(compileSchema(inExists).diagnostics.map(\.description).last == """
            bad.loom:8:39: error[L108]: 'before' is the rule's own row, and inside 'exists' the names are the related rows'
            bad.loom:8:39: note: compare before.… outside exists(…), in a rule about 'update' alone
            """)
    }
}

