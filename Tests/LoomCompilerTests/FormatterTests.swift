import Foundation
import Testing
import TestSupport
@testable import LoomCompiler

/// `loomgen fmt`: exact layouts, and on every schema and fixture (and thousands of mutated files) the two promises:
/// formatting twice changes nothing, and the formatted file has the same tokens and comments.
@Suite struct FormatterTests {
    private func format(_ text: String) -> String? { LoomCompiler.Formatter.format(text) }

    // MARK: Exact layouts

    @Test func theLanguageExampleIsCanonical() {
        let canonical = """
            /// A store customer.
            model User timestamps {
              id        Int          @id @autoincrement
              /// The customer's name.
              fullName  String(120)
              email     String(255)  @unique // trailing comment
            }

            resource User at "/users" {
              crud
              pagination offset
            }

            """
        #expect(format(canonical) == canonical)
        let messy = """
            /// A store customer.
            model   User timestamps{
                  id Int @id   @autoincrement
              /// The customer's name.


              fullName String( 120 )
                 email  String(255)@unique   // trailing comment
            }
            resource User at "/users" {

              crud
              pagination   offset

            }
            """
        #expect(format(messy) == canonical)
    }

    @Test func aManyToManyRelationLinesUpWithTheFields() {
        let input = """
            model Post {
            id Int @id @autoincrement
            tags   [ Tag ]   through   PostTag
            title String(20) @notBlank
            }
            """
        #expect(format(input) == """
            model Post {
              id     Int         @id @autoincrement
              tags   [Tag]       through PostTag
              title  String(20)  @notBlank
            }

            """)
    }

    @Test func spacingAroundPunctuation() {
        let input = """
            model   Order table"orders"{
            id Int @ id @autoincrement
            total Decimal( 10 ,2 ) @default( 0.5 ) @range ( 1 , 2 )
            tags [ String ] ?
            note String ( 10 ) ?@default ( "a ,b" )
            status Status@default( . pending )
            owner User . id
              @@unique( [ total , tags ] )
              @@index([note,status],name:"by_note")
            }
            """
        #expect(format(input) == """
            model Order table "orders" {
              id      Int             @id @autoincrement
              total   Decimal(10, 2)  @default(0.5) @range(1, 2)
              tags    [String]?
              note    String(10)?     @default("a ,b")
              status  Status          @default(.pending)
              owner   User.id
              @@unique([total, tags])
              @@index([note, status], name: "by_note")
            }

            """)
    }

    /// A use case's statements: lookups by a field, `compute` with `+`, comparisons and `when`.
    @Test func useCaseValueStatements() {
        let input = """
            usecase Pay(accountId: Int, body: Payment) -> Account {
            load payee=Account( number : body.number )profile withEntries
            compute body.total=body.amount+body.fee when body.fee!=0
            rule body.total<=payee.balance on amount"too much"when !known||body.memo==null
            }
            """
        #expect(format(input) == """
            usecase Pay(accountId: Int, body: Payment) -> Account {
              load payee = Account(number: body.number) profile withEntries
              compute body.total = body.amount + body.fee when body.fee != 0
              rule body.total <= payee.balance on amount "too much" when !known || body.memo == null
            }

            """)
    }

    @Test func numbersAreNeverGluedIntoOtherTokens() {
        // `1 .5` must not become `1.5`, nor `2 (` become `2(`.
        let input = "model A {\n  x Int @default(1 .5) @y(2 (3))\n}\n"
        let output = format(input)
        #expect(output == "model A {\n  x Int @default(1 .5) @y(2 (3))\n}\n")
    }

    @Test func routesAndArrowsInAResource() {
        let input = """
            resource Product at "/products" {
              crud   create , get,list
            GET "/low-stock"->ListLowStock "summary"   status 202
                POST "/restock" -> Restock
              DELETE "/{id}/archive" -> Archive "Archive a product" status 204
            }
            """
        #expect(format(input) == """
            resource Product at "/products" {
              crud create, get, list
              GET    "/low-stock"    -> ListLowStock "summary" status 202
              POST   "/restock"      -> Restock
              DELETE "/{id}/archive" -> Archive "Archive a product" status 204
            }

            """)
    }

    @Test func fieldListsAndARoutesPaginationInAResource() {
        let input = """
            resource Product at "/products" {
              filterable   name,id
              sortable name ,  id
              profiles  withStock
              GET "/all"->ListProducts "All"   pagination  cursor   fixed
            }
            """
        #expect(format(input) == """
            resource Product at "/products" {
              filterable name, id
              sortable name, id
              profiles withStock
              GET "/all" -> ListProducts "All" pagination cursor fixed
            }

            """)
    }

    /// `cache ttl 60s` keeps its place among a model's members and its single spaces (it is no field line, so it
    /// does not join the fields' columns); on a route it stays at the end of the line, and routes still align.
    @Test func cacheLinesAndRouteClauses() {
        let input = """
            model Product {
              id    Int @id
              name String(40)
              cache   ttl   60s
              profile withTags {
                include tags
              }
            }
            resource Product at "/products" {
              GET "/low-stock"->ListLowStock "Low stock"  pagination offset fixed   cache  ttl 30s
              GET "/{productId}/full" -> GetProduct
            }
            """
        let expected = """
            model Product {
              id    Int         @id
              name  String(40)
              cache ttl 60s
              profile withTags {
                include tags
              }
            }

            resource Product at "/products" {
              GET "/low-stock"        -> ListLowStock "Low stock" pagination offset fixed cache ttl 30s
              GET "/{productId}/full" -> GetProduct
            }

            """
        #expect(format(input) == expected)
        #expect(format(expected) == expected)
        let result = Frontend.compile(name: "t", files: [SourceFile(path: "t.loom", text: expected)])
        #expect(!result.diagnostics.contains { $0.code == .expectedToken || $0.code == .invalidNumber })
    }

    @Test func nestedBlocksAndBracketsIndentByLine() {
        let input = """
            command Checkout {
            input {
            cartId: Int
                 couponCode: String?
            }
                rule(
              a,
                     b
            )
              job Nightly every "1h" { run Cleanup }
              profile admin { model User { fields { email } } }
            }
            model X {
              id Int @id
                @@unique([
              a,
                     b
              ])
            }
            """
        #expect(format(input) == """
            command Checkout {
              input {
                cartId:     Int
                couponCode: String?
              }
              rule(
                a,
                b
              )
              job Nightly every "1h" { run Cleanup }
              profile admin { model User { fields { email } } }
            }

            model X {
              id Int @id
              @@unique([
                a,
                b
              ])
            }

            """)
    }

    @Test func onlyFieldLinesAlign() {
        let input = """
            model Address {
              id Int @id @autoincrement
              user User @onDelete(cascade)
              street String(255)
              tags [String(20)]? @maxLength(5)
              parent Category.id
              profile withUser {
                include user
                count items as itemCount
              }
            }
            usecase Update(userId: Int) -> User {
              unique User.email(body.email) "taken"
              unique User.nick(body.nick) "taken"
              load user = User(userId)
              rule body.fullName @notBlank
            }
            job Nightly {
              queue notifications
              retries 2
            }
            """
        #expect(format(input) == """
            model Address {
              id      Int            @id @autoincrement
              user    User           @onDelete(cascade)
              street  String(255)
              tags    [String(20)]?  @maxLength(5)
              parent  Category.id
              profile withUser {
                include user
                count items as itemCount
              }
            }

            usecase Update(userId: Int) -> User {
              unique User.email(body.email) "taken"
              unique User.nick(body.nick) "taken"
              load user = User(userId)
              rule body.fullName @notBlank
            }

            job Nightly {
              queue notifications
              retries 2
            }

            """)
    }

    /// `auth` aligns its fields like a model and its `jwt` settings in two columns; rules keep single spaces around
    /// binary operators and `in`, none after `!` or inside brackets.
    @Test func authAndRules() {
        let canonical = """
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

            model Comment {
              id      Int   @id @autoincrement
              hidden  Bool  @default(false)

              allow read when auth.role == agent || (!hidden && ticket.orgId == auth.orgId)
              deny read(email), update(email, body) when auth.role in [customer, agent] && authorId != auth.id
              allow update when before.size >= 1 && size < 10 && auth != null
              allow read when exists(comments where authorId == auth.id)
            }

            """
        #expect(format(canonical) == canonical)
        let messy = """
            auth{
            id Int @claim( "sub" )
               role Role
            orgId Int? @claim("org")

            jwt {
            issuer "helpdesk"
                audience    "helpdesk-api"
            leeway 30
            }
            }
            model Comment {
              id Int @id @autoincrement
              hidden   Bool @default(false)

              allow read   when auth.role==agent||( ! hidden&&ticket.orgId==auth.orgId )
              deny read( email ) , update(email,body) when auth.role in[ customer,agent ]&&authorId!=auth.id
              allow  update when before.size>=1&&size<10&&auth!=null
              allow read when exists( comments where authorId==auth.id )
            }
            """
        #expect(format(messy) == canonical)
        #expect(format(format(messy) ?? "") == canonical)
    }

    @Test func commentsOfEveryKind() {
        let input = """
            // Leading file comment   \t


            /* block
               comment */
            model A {   /* inline */ id Int @id
              // own line
                name String(10) /* after */ @unique
              x Int // one
              yy Int   // two

              z Int /// doc trailing
              //// four slashes
            /// dangling doc
            }
            // end
            """
        #expect(format(input) == """
            // Leading file comment

            /* block
               comment */
            model A { /* inline */ id Int @id
              // own line
              name String(10) /* after */ @unique
              x   Int // one
              yy  Int // two

              z Int /// doc trailing
              //// four slashes
              /// dangling doc
            }

            // end

            """)
    }

    @Test func trailingCommentsLineUpOnAdjacentLines() {
        let input = """
            resource User at "/users" {
              crud // all five operations
              pagination offset          // offset (default) | cursor
            }
            resource OrderItem at "/order-items" {
              crud create, get, list    // a chosen subset
            }
            """
        #expect(format(input) == """
            resource User at "/users" {
              crud              // all five operations
              pagination offset // offset (default) | cursor
            }

            resource OrderItem at "/order-items" {
              crud create, get, list // a chosen subset
            }

            """)
    }

    @Test func docCommentsStayAttachedAndBreakNoAlignment() {
        let input = """
            /// First line.
            ///
            /// Second paragraph.

            model Product {
              id Int @id
              /// The code.

              sku String(64) @unique
              // A plain comment ends the run.
              name String(150)
              price Int
            }
            """
        #expect(format(input) == """
            /// First line.
            ///
            /// Second paragraph.
            model Product {
              id   Int         @id
              /// The code.
              sku  String(64)  @unique
              // A plain comment ends the run.
              name   String(150)
              price  Int
            }

            """)
    }

    @Test func stringsKeepTheirSpacesAndEscapes() {
        let input = "resource A at   \"/a b\\\"c\\\\d\"   {  }\nmodel B table \"t\\tx\" {\n id Int @id @default(\"x,  y // not a comment\")\n}"
        #expect(format(input) == "resource A at \"/a b\\\"c\\\\d\" {}\n\nmodel B table \"t\\tx\" {\n  id Int @id @default(\"x,  y // not a comment\")\n}\n")
    }

    @Test func blankLinesWhitespaceAndLineEndings() {
        let input = "\n\n\tmodel A {\r\n\r\n\tid Int\r\n\r\n\r\n\tname Int\r\n\r\n}\r\nmodel B {\r\n  id Int\r\n}   \r\n\r\n\r\n"
        #expect(format(input) == "model A {\n  id Int\n\n  name Int\n}\n\nmodel B {\n  id Int\n}\n")
        #expect(format("") == "")
        #expect(format(" \n\n\t\n") == "")
        #expect(format("// only a comment   ") == "// only a comment\n")
        #expect(format("model A {}") == "model A {}\n")
    }

    @Test func unbalancedBracketsStillFormat() {
        #expect(format("}\n}\nmodel A {\nid Int\n") == "}\n}\n\nmodel A {\n  id Int\n")
        #expect(format("model A { b {\nc\n}}\nd") == "model A { b {\n  c\n} }\n\nd\n")
    }

    @Test func genericBracketsHugTheirArguments() {
        func items(_ texts: [String]) -> [FormatItem] {
            texts.map { text in
                let kind: TokenKind = text.first?.isLetter == true ? .identifier : .equals
                return FormatItem(kind: .token(kind), text: text, startLine: 1, endLine: 1)
            }
        }
        let generic = items(["page", "Page", "<", "List", "<", "Product", ">", ">", "?", "@", "x"])
        #expect(FormatSpacing(items: generic).render(0..<generic.count) == "page Page<List<Product>>? @x")
        let comparison = items(["guard", "stock", "<", "10"])
        #expect(FormatSpacing(items: comparison).render(0..<comparison.count) == "guard stock < 10")
    }

    @Test func lexicalErrorsPreventFormatting() {
        let result = LoomCompiler.Formatter.format(SourceFile(path: "bad.loom", text: "model A {\n  id Int # x\n  s String(1x)\n}"))
        #expect(result.formatted == nil)
        #expect(!result.isFormatted)
        #expect(result.diagnostics.map(\.code) == [.unexpectedCharacter, .invalidNumber])
    }

    // MARK: `loomgen check`

    @Test func checkReportsEachUnformattedFile() {
        let files = [
            SourceFile(path: "schemas/x/a.loom", text: "model A {\nid Int @id\n}\n"),
            SourceFile(path: "schemas/x/b.loom", text: "model B {\n  id Int @id\n}\n"),
            SourceFile(path: "schemas/x/c.loom", text: "model C { # }"),
        ]
        let findings = Generator.formattingFindings(files, fix: "loomgen fmt schemas/x")
        #expect(findings.map(\.description) == ["schemas/x/a.loom:2:1: error[L005]: file is not formatted"])
        #expect(findings.map(\.fix) == ["loomgen fmt schemas/x"])
        #expect(FrontendDiagnosticsTests.notFromCompile.contains(.notFormatted))
    }

    // MARK: The diff of `fmt --check`

    @Test func diffShowsChangedLinesWithContext() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\nk\n"
        #expect(LineDiff.unified(old: old, new: new, oldLabel: "p", newLabel: "p (formatted)", context: 2) == """
            --- p
            +++ p (formatted)
            @@ -1,4 +1,4 @@
             a
            -b
            +B
             c
             d
            @@ -8,3 +8,4 @@
             h
             i
            -j
            +J
            +k

            """)
        #expect(LineDiff.unified(old: "x", new: "x\n", oldLabel: "p", newLabel: "q") == "--- p\n+++ q\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n")
        #expect(LineDiff.unified(old: "", new: "x\n", oldLabel: "p", newLabel: "q") == "--- p\n+++ q\n@@ -0,0 +1,1 @@\n+x\n")
        #expect(LineDiff.unified(old: "same\n", new: "same\n", oldLabel: "p", newLabel: "q") == "")
    }

    // MARK: Invariants on real files

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.loom` file under `schemas/` and `Tests/LoomCompilerTests/Fixtures/`, relative to the package root.
    static func corpus() -> [String] {
        ["schemas", "Tests/LoomCompilerTests/Fixtures"].flatMap { folder -> [String] in
            let base = root.appending(path: folder).resolvingSymlinksInPath().path
            guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
            return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".loom") }.map { "\(folder)/\($0)" }
        }.sorted()
    }

    @Test(arguments: corpus())
    func formattingIsIdempotentAndPreservesTokens(path: String) throws {
        let text = try String(contentsOf: Self.root.appending(path: path), encoding: .utf8)
        let result = LoomCompiler.Formatter.format(SourceFile(path: path, text: text))
        guard result.formatted != nil else {
            #expect(!result.diagnostics.isEmpty)  // a fixture with lexical errors: reported, not formatted
            return
        }
        checkInvariants(text)
    }

    /// `loomgen check` fails on an unformatted schema, so the committed schemas must be canonical.
    @Test func theSchemasAreFormatted() throws {
        for path in Self.corpus() where path.hasPrefix("schemas/") {
            let text = try String(contentsOf: Self.root.appending(path: path), encoding: .utf8)
            let formatted = try #require(format(text))
            #expect(formatted == text, "\(path) is not formatted (run loomgen fmt schemas):\n\(LineDiff.unified(old: text, new: formatted, oldLabel: path, newLabel: "formatted"))")
        }
    }

    // MARK: Robustness


    private static let interesting: [Character] = Array("{}()[],?@:=->.\"\\/*\n\n\n\t  azAZ_09-")

    private static let sample = exampleStoreSchema + """

        /* A block
           comment */
        resource Product at "/products" { crud   /* inline */ list
          GET "/low-stock" -> ListLowStock "summary" status 202 // custom
        }
        model Tag { id Int @id
          @@unique([a, b])
        }

        """

    @Test func randomMutationsFormatIdempotentlyAndPreserveTokens() {
        var generator = SeededGenerator(seed: 0xF0_4D)
        let original = Array(Self.sample)
        var formatted = 0
        for _ in 0..<2_000 {
            var text = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0:
                    text.removeSubrange(position..<Swift.min(text.count, position + Int.random(in: 1...8, using: &generator)))
                case 1:
                    text.insert(Self.interesting.randomElement(using: &generator) ?? "{", at: position)
                case 2:
                    let end = Swift.min(text.count, position + Int.random(in: 1...40, using: &generator))
                    text.insert(contentsOf: text[position..<end], at: position)
                case 3:
                    let bytes = (0..<Int.random(in: 1...4, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    text.insert(contentsOf: String(decoding: bytes, as: UTF8.self), at: position)
                default:
                    let other = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &generator)
                    if !text.isEmpty { text.swapAt(position, other) }
                }
            }
            if checkInvariants(String(text)) { formatted += 1 }
        }
        #expect(formatted > 200)  // enough mutations lex cleanly for the test to mean something
    }

    // MARK: Helpers

    private struct Lexeme: Hashable {
        var kind: TokenKind
        var text: String
    }

    private struct CommentText: Hashable {
        var kind: LoomCompiler.Comment.Kind
        var text: String
    }

    /// Formats `text` and checks idempotence, token and comment preservation and the basic layout promises. Returns
    /// false when `text` has lexical errors (then only the absence of a trap is checked).
    @discardableResult
    private func checkInvariants(_ text: String) -> Bool {
        guard let once = format(text) else { return false }
        #expect(format(once) == once, "not idempotent:\n\(text)")
        let before = Lexer.tokenize(SourceFile(path: "a.loom", text: text))
        let after = Lexer.tokenize(SourceFile(path: "a.loom", text: once))
        #expect(after.diagnostics.isEmpty)
        #expect(after.tokens.map { Lexeme(kind: $0.kind, text: $0.text) } == before.tokens.map { Lexeme(kind: $0.kind, text: $0.text) }, "tokens changed:\n\(text)")
        #expect(after.comments.map(commentText) == before.comments.map(commentText), "comments changed:\n\(text)")
        #expect(once.isEmpty || once.hasSuffix("\n") && !once.hasSuffix("\n\n") && !once.hasPrefix("\n"))
        #expect(!once.contains("\n\n\n"))
        if !before.comments.contains(where: { $0.kind == .block }) {
            #expect(!once.split(separator: "\n").contains { $0.last == " " || $0.last == "\t" }, "trailing whitespace:\n\(once)")
        }
        return true
    }

    private func commentText(_ comment: LoomCompiler.Comment) -> CommentText {
        guard comment.kind != .block else { return CommentText(kind: comment.kind, text: comment.text) }
        var text = Substring(comment.text)
        while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return CommentText(kind: comment.kind, text: String(text))
    }
}
