import Foundation
import LoomCompiler
import LoomLanguageServer
import Testing

/// Each feature on copies of the example schemas, through the protocol.
@Suite("Language server features")
struct FeatureTests {
    static func change(_ schema: ScratchSchema, _ file: String, version: Int, replacing pattern: String, with text: String, in client: LSPTestClient) throws {
        let start = try schema.position(of: pattern, in: file)
        let end: JSONValue = .object(["line": start["line"]!, "character": .integer(start["character"]!.int! + pattern.utf16.count)])
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(schema.uri(file)), "version": .integer(version)]),
            "contentChanges": .array([.object(["range": .object(["start": start, "end": end]), "text": .string(text)])]),
        ]))
    }

    @Test func anErrorTypedInIsPublishedWithItsHintAndClearedWhenFixed() throws {
        let schema = try ScratchSchema(copying: "store")
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("products.loom", in: client)
        #expect(try client.diagnostics(for: schema.uri("products.loom")).isEmpty)
        try Self.change(schema, "products.loom", version: 2, replacing: "String(150)", with: "Strng(150)", in: client)
        let diagnostics = try client.diagnostics(for: schema.uri("products.loom"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["code"] == "L020")
        #expect(diagnostics.first?["severity"] == 1)
        #expect(diagnostics.first?["message"]?.string == "unknown type 'Strng'\nhint: did you mean 'String'?")
        #expect(diagnostics.first?["range"] == .object([
            "start": try schema.position(of: "String(150)", in: "products.loom"),
            "end": .object(["line": try schema.position(of: "String(150)", in: "products.loom")["line"]!, "character": .integer(try schema.position(of: "String(150)", in: "products.loom")["character"]!.int! + 5)]),
        ]))

        // The quick fix puts the suggestion in place of the word.
        let actions = try client.request("textDocument/codeAction", .object([
            "textDocument": .object(["uri": .string(schema.uri("products.loom"))]),
            "range": diagnostics[0]["range"]!, "context": .object(["diagnostics": .array(diagnostics)]),
        ]))["result"]!.array
        #expect(actions.count == 1)
        #expect(actions.first?["title"] == "Change 'Strng' to 'String'")
        let edit = actions.first?["edit"]?["changes"]?[schema.uri("products.loom")]?.array.first
        #expect(edit?["newText"] == "String")
        #expect(edit?["range"] == diagnostics[0]["range"])

        // Hovering over the error explains the code.
        let hover = try client.request("textDocument/hover", schema.at("products.loom", try schema.position(of: "String(150)", in: "products.loom", offset: 2)))
        #expect(hover["result"]?["contents"]?["value"]?.string?.contains("**L020** unknown type") == true)

        try Self.change(schema, "products.loom", version: 3, replacing: "String(150)", with: "String(150)", in: client)  // no-op for the file on disk
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(schema.uri("products.loom")), "version": 4]),
            "contentChanges": .array([.object(["text": .string(try schema.text("products.loom"))])]),
        ]))
        #expect(try client.diagnostics(for: schema.uri("products.loom")).isEmpty)
        #expect(try client.shutdown() == 0)
    }

    @Test func anErrorInAnotherFileOfTheSchemaIsPublishedForThatFile() throws {
        let schema = try ScratchSchema(copying: "store")
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("products.loom", in: client)
        _ = try client.diagnostics(for: schema.uri("products.loom"))
        // Deleting the Product model breaks the files that name it.
        try Self.change(schema, "products.loom", version: 2, replacing: "model Product timestamps", with: "model Produce timestamps", in: client)
        // (After the empty list published when the folder was first analysed.)
        let orders = try client.next(waitingFor: "errors in orders.loom") {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == schema.uri("orders.loom")
                && !($0["params"]?["diagnostics"]?.array.isEmpty ?? true)
        }["params"]!["diagnostics"]!.array
        #expect(orders.contains { $0["code"] == "L020" && $0["message"]?.string?.contains("did you mean 'Produce'?") == true })
        #expect(orders.contains { $0["code"] == "L040" })
        #expect(try client.shutdown() == 0)
    }

    /// A buffer that is no file yet (`untitled:`) is a schema of its own: checked, never a walk of the disk.
    @Test func anUntitledBufferIsASchemaOfItsOwn() throws {
        let client = LSPTestClient()
        try client.initialize()
        let uri = "untitled:Untitled-1"
        client.notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(uri), "languageId": "loom", "version": 1, "text": "model Tag {\n  id Int @id\n  name Strng\n}\n",
        ])]))
        let diagnostics = try client.diagnostics(for: uri)
        #expect(diagnostics.map { $0["code"] } == ["L020"])
        let hover = try client.request("textDocument/hover", .object([
            "textDocument": .object(["uri": .string(uri)]), "position": .object(["line": 0, "character": 7]),
        ]))
        #expect(hover["result"]?["contents"]?["value"]?.string?.hasPrefix("```loom\nmodel Tag\n```") == true)
        #expect(try client.shutdown() == 0)
    }

    /// A client that allows it is asked to watch the schema's files; a file changed on disk then changes the
    /// diagnostics of the open files that depend on it.
    @Test func aFileChangedOnDiskIsReadAgain() throws {
        let schema = try ScratchSchema(files: [
            "a.loom": "model Post {\n  id Int @id\n  author Author\n}\n", "b.loom": "model Author {\n  id Int @id\n}\n",
        ])
        let client = LSPTestClient()
        _ = try client.request("initialize", .object(["processId": .null, "capabilities": .object([
            "workspace": .object(["didChangeWatchedFiles": .object(["dynamicRegistration": true])]),
        ])]))
        client.notify("initialized", .object([:]))
        let registration = try client.next(waitingFor: "the watch registration") { $0["method"] == "client/registerCapability" }
        #expect(registration["params"]?["registrations"]?.array.first?["registerOptions"]?["watchers"]?.array.first?["globPattern"] == "**/*.loom")
        client.send(.object(["jsonrpc": "2.0", "id": registration["id"]!, "result": .null]))
        try schema.open("a.loom", in: client)
        #expect(try client.diagnostics(for: schema.uri("a.loom")).isEmpty)
        try "model Writer {\n  id Int @id\n}\n".write(to: schema.folder.appendingPathComponent("b.loom"), atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", .object(["changes": .array([.object(["uri": .string(schema.uri("b.loom")), "type": 2])])]))
        // No request follows: the change alone brings the new diagnostics.
        let errors = try client.next(waitingFor: "the error in a.loom") {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == schema.uri("a.loom")
                && !($0["params"]?["diagnostics"]?.array.isEmpty ?? true)
        }
        #expect(errors["params"]?["diagnostics"]?.array.first?["code"] == "L020")
        #expect(try client.shutdown() == 0)
    }

    /// Hidden folders (`.build` holds copies of schemas) are no part of the schema.
    @Test func hiddenFoldersAreNotReadIntoTheSchema() throws {
        let schema = try ScratchSchema(files: ["a.loom": "model Tag {\n  id Int @id\n}\n"])
        let hidden = schema.folder.appendingPathComponent(".build/copy")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try "model Tag {\n  id Int @id\n}\n".write(to: hidden.appendingPathComponent("a.loom"), atomically: true, encoding: .utf8)
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("a.loom", in: client)
        #expect(try client.diagnostics(for: schema.uri("a.loom")).isEmpty)  // no duplicate model Tag
        #expect(try client.shutdown() == 0)
    }

    @Test func aDuplicateNamesTheFirstDeclaration() throws {
        let schema = try ScratchSchema(files: ["a.loom": "model Tag {\n  id Int @id\n}\n", "b.loom": "model Tag {\n  id Int @id\n}\n"])
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("b.loom", in: client)
        let diagnostic = try #require(try client.diagnostics(for: schema.uri("b.loom")).first { $0["code"] == "L021" })
        let related = try #require(diagnostic["relatedInformation"]?.array.first)
        #expect(related["location"]?["uri"]?.string == schema.uri("a.loom"))
        #expect(related["location"]?["range"]?["start"] == .object(["line": 0, "character": 6]))
        #expect(try client.shutdown() == 0)
    }

    @Test func hoverDefinitionAndReferences() throws {
        let schema = try ScratchSchema(copying: "store")
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("products.loom", in: client)
        let field = try client.request("textDocument/hover", schema.at("products.loom", try schema.position(of: "sku ", in: "products.loom")))
        #expect(field["result"]?["contents"]?["value"] == "```loom\nsku String(64) @unique\n```\nfield of `Product`, column `sku`\n\nStock-keeping unit: the store's own code for the product.")
        let model = try client.request("textDocument/hover", schema.at("products.loom", try schema.position(of: "product  Product", in: "products.loom", offset: 10)))
        #expect(model["result"]?["contents"]?["value"]?.string?.hasPrefix("```loom\nmodel Product timestamps\n```\nmodel, table `products`") == true)
        let route = try client.request("textDocument/hover", schema.at("orders.loom", try schema.position(of: "POST  \"/\"", in: "orders.loom", offset: 1)))
        #expect(route["result"]?["contents"]?["value"] == "`POST /orders` → 201, use case `CreateOrder`\n\nCreate an order")

        let definition = try client.request("textDocument/definition", schema.at("products.loom", try schema.position(of: "product  Product", in: "products.loom", offset: 10)))
        #expect(definition["result"]?.array == [.object([
            "uri": .string(schema.uri("products.loom")),
            "range": .object(["start": .object(["line": 1, "character": 6]), "end": .object(["line": 1, "character": 13])]),
        ])])

        let references = try client.request("textDocument/references", .object([
            "textDocument": .object(["uri": .string(schema.uri("products.loom"))]),
            "position": try schema.position(of: "model Product", in: "products.loom", offset: 7),
            "context": .object(["includeDeclaration": false]),
        ]))["result"]!.array
        let files = Set(references.compactMap { $0["uri"]?.string?.split(separator: "/").last.map(String.init) })
        #expect(files == ["products.loom", "orders.loom", "jobs.loom"])
        #expect(!references.contains { $0["range"]?["start"] == .object(["line": 1, "character": 6]) })
        #expect(try client.shutdown() == 0)
    }

    @Test func renameEditsEveryUseAndTheSchemaStillCompiles() throws {
        let schema = try ScratchSchema(copying: "helpdesk")
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("tickets.loom", in: client)
        // The relation `org` is also written as its foreign key `orgId` in rules and filters.
        let edit = try client.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]),
            "position": try schema.position(of: "org       Organization", in: "tickets.loom"), "newName": "company",
        ]))
        let changes = try #require(edit["result"]?["changes"])
        let ticketEdits = changes[schema.uri("tickets.loom")]?.array ?? []
        #expect(ticketEdits.contains { $0["newText"] == "company" })
        #expect(ticketEdits.contains { $0["newText"] == "companyId" })
        // The foreign key keeps its column.
        #expect(ticketEdits.contains { $0["newText"] == " @column(\"org_id\")" })
        let message = try client.next(waitingFor: "the column message") { $0["method"] == "window/showMessage" }
        #expect(message["params"]?["message"]?.string?.hasPrefix("'Ticket.org' keeps its column 'org_id'") == true)

        // Applied to the files, the schema compiles (a model rename across files, too).
        var texts = try Dictionary(uniqueKeysWithValues: ["access.loom", "organizations.loom", "tickets.loom"].map { ($0, try schema.text($0)) })
        func apply(_ changes: JSONValue) {
            guard case .object(let byURI) = changes else { return }
            for (uri, edits) in byURI {
                let file = String(uri.split(separator: "/").last!)
                var lines = LineTable(texts[file]!)
                // Bottom-up, so earlier ranges stay valid.
                for edit in edits.array.sorted(by: { ($0["range"]!["start"]!["line"]!.int!, $0["range"]!["start"]!["character"]!.int!) > ($1["range"]!["start"]!["line"]!.int!, $1["range"]!["start"]!["character"]!.int!) }) {
                    let range = try! edit["range"]!.decode(LoomLanguageServer.Range.self)
                    texts[file] = lines.replacing(range, with: edit["newText"]!.string!)
                    lines = LineTable(texts[file]!)
                }
            }
        }
        apply(changes)
        let modelEdit = try client.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]),
            "position": try schema.position(of: "model Ticket", in: "tickets.loom", offset: 7), "newName": "Case",
        ]))
        #expect(modelEdit["result"]?["changes"]?[schema.uri("tickets.loom")]?.array.count ?? 0 >= 5)
        apply(modelEdit["result"]!["changes"]!)
        let compiled = Frontend.compile(name: "helpdesk", files: texts.map { SourceFile(path: $0.key, text: $0.value) })
        #expect(compiled.diagnostics.filter { $0.severity == .error }.isEmpty, "\(compiled.diagnostics.map(\.description))")
        // New names in the code, the old ones in the database: no migration.
        let renamed = try #require(compiled.schema?.models.first { $0.name == "Case" })
        #expect(renamed.table == "tickets")
        #expect(renamed.fields.first { $0.name == "companyId" }?.column == "org_id")

        // A name taken, or not a name: refused with a reason.
        let taken = try client.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]),
            "position": try schema.position(of: "model Ticket", in: "tickets.loom", offset: 7), "newName": "Comment",
        ]))
        #expect(taken["error"]?["message"]?.string?.contains("already the name of a model") == true)
        let invalid = try client.request("textDocument/rename", .object([
            "textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]),
            "position": try schema.position(of: "model Ticket", in: "tickets.loom", offset: 7), "newName": "9 lives",
        ]))
        #expect(invalid["error"] != nil)
        #expect(try client.shutdown() == 0)
    }

    static func labels(_ response: JSONValue) -> Set<String> {
        Set((response["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
    }

    @Test func completionOffersWhatFitsWhereTheCursorIs() throws {
        let schema = try ScratchSchema(copying: "helpdesk")
        let client = LSPTestClient()
        try client.initialize()
        var text = try schema.text("tickets.loom")
        text = text.replacingOccurrences(of: "  cache ttl 30s\n\n  profile withComments", with: "  cache ttl 30s\n  note  \n  allow read when \n  deny read when ticket.\n  @@\n  x String @\n\n  profile withComments")
        text += "\nusecase Z(ticketId: Int) -> Ticket {\n  load t = Ticket(ticketId)\n  dispatch \n  check t.\n  require User(\n}\n\nresource Ticket at \"/t2\" {\n  filterable \n  pagination cursor \n  GET \"/x\" -> Z \n  GET \"/y\" -> Z pagination offset fixed \n}\n"
        try schema.open("tickets.loom", in: client, text: text)
        let lines = text.components(separatedBy: "\n")
        func at(_ line: String, column: Int? = nil) -> JSONValue {
            let index = lines.firstIndex(of: line)!
            return .object(["textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]), "position": .object(["line": .integer(index), "character": .integer(column ?? line.utf16.count)])])
        }
        let types = Self.labels(try client.request("textDocument/completion", at("  note  ")))
        #expect(types.isSuperset(of: ["String", "Int", "DateTime", "Decimal", "Ticket", "User", "TicketStatus"]))
        let rule = Self.labels(try client.request("textDocument/completion", at("  allow read when ")))
        #expect(rule.isSuperset(of: ["title", "status", "orgId", "customerId", "auth", "before"]))
        let relation = Self.labels(try client.request("textDocument/completion", at("  deny read when ticket.")))
        _ = relation  // `ticket` is not a field of Ticket: nothing, rather than a wrong list
        let composite = Self.labels(try client.request("textDocument/completion", at("  @@")))
        #expect(composite == ["unique", "index"])
        let attributes = Self.labels(try client.request("textDocument/completion", at("  x String @")))
        #expect(attributes.isSuperset(of: ["unique", "default", "index", "minLength", "pattern"]))
        let jobs = Self.labels(try client.request("textDocument/completion", at("  dispatch ")))
        #expect(jobs == ["NotifyAssignee"])
        let local = Self.labels(try client.request("textDocument/completion", at("  check t.")))
        #expect(local.isSuperset(of: ["title", "status", "assignee", "assigneeId"]))
        let lookup = Self.labels(try client.request("textDocument/completion", at("  require User(")))
        #expect(lookup.isSuperset(of: ["email", "fullName", "role", "orgId"]))
        let filterable = Self.labels(try client.request("textDocument/completion", at("  filterable ")))
        #expect(filterable.isSuperset(of: ["status", "priority", "createdAt"]) || filterable.isSuperset(of: ["status", "priority"]))
        #expect(Self.labels(try client.request("textDocument/completion", at("  pagination cursor "))) == ["fixed", "limit"])
        #expect(Self.labels(try client.request("textDocument/completion", at("  GET \"/x\" -> Z "))) == ["status", "profile", "pagination", "cache"])
        #expect(Self.labels(try client.request("textDocument/completion", at("  GET \"/y\" -> Z pagination offset fixed "))) == ["limit"])
        let top = Self.labels(try client.request("textDocument/completion", .object(["textDocument": .object(["uri": .string(schema.uri("tickets.loom"))]), "position": .object(["line": .integer(lines.count - 1), "character": 0])])))
        #expect(top.isSuperset(of: ["model", "enum", "resource", "usecase", "job", "service"]))
        #expect(try client.shutdown() == 0)
    }

    @Test func formattingSymbolsAndFolding() throws {
        let schema = try ScratchSchema(files: ["shop.loom": "/// A thing.\nmodel Thing {\nid Int @id @autoincrement\n      name    String(40)\n}\n\nenum Size { small large }\n"])
        let client = LSPTestClient()
        try client.initialize()
        try schema.open("shop.loom", in: client)
        let edits = try client.request("textDocument/formatting", .object(["textDocument": .object(["uri": .string(schema.uri("shop.loom"))]), "options": .object(["tabSize": 2, "insertSpaces": true])]))["result"]!.array
        #expect(edits.count == 1)
        let formatted = try #require(Formatter.format(try schema.text("shop.loom")))
        #expect(edits.first?["newText"]?.string == formatted)
        #expect(formatted != (try schema.text("shop.loom")))

        let range = try client.request("textDocument/rangeFormatting", .object([
            "textDocument": .object(["uri": .string(schema.uri("shop.loom"))]),
            "range": .object(["start": .object(["line": 3, "character": 0]), "end": .object(["line": 3, "character": 5])]),
        ]))["result"]!.array
        #expect(range.count == 1)
        #expect(range.first?["range"]?["start"]?["line"] == 3)
        #expect(range.first?["newText"]?.string == LineTable(formatted).line(3).description)

        let symbols = try client.request("textDocument/documentSymbol", .object(["textDocument": .object(["uri": .string(schema.uri("shop.loom"))])]))["result"]!.array
        #expect(symbols.map { $0["name"] } == ["Thing", "Size"])
        #expect(symbols.first?["children"]?.array.map { $0["name"] } == ["id", "name"])
        #expect(symbols.last?["children"]?.array.map { $0["name"] } == ["small", "large"])

        let folds = try client.request("textDocument/foldingRange", .object(["textDocument": .object(["uri": .string(schema.uri("shop.loom"))])]))["result"]!.array
        #expect(folds.contains { $0["startLine"] == 1 && $0["endLine"] == 3 })
        #expect(try client.shutdown() == 0)
    }
}
