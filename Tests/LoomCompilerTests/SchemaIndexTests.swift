import Foundation
import Testing
@testable import LoomCompiler

/// The index the editor features read: every name written in the helpdesk, resolved to what it names.
@Suite("Schema index")
struct SchemaIndexTests {
    static let files: [SourceFileSyntax] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas/helpdesk")
        return ["access.loom", "organizations.loom", "tickets.loom"].map { name in
            let text = try! String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return Frontend.parse(SourceFile(path: name, text: text)).syntax
        }
    }()

    static func written(_ occurrence: SymbolOccurrence) -> String {
        let file = files.first { $0.file.path == occurrence.range.file }!.file.text
        let bytes = Array(file.utf8)[occurrence.range.start.offset..<occurrence.range.end.offset]
        let line = occurrence.range.start.line
        return "\(occurrence.range.file):\(line) \(String(decoding: bytes, as: UTF8.self))\(occurrence.isDefinition ? " (declaration)" : "")"
    }

    @Test func aModelIsFoundWhereverItIsNamed() throws {
        let index = SchemaIndex(files: Self.files)
        let ticket = try #require(index.topLevelSymbol(named: "Ticket"))
        #expect(index.symbols[ticket].kind == .model)
        #expect(index.occurrences(of: ticket).map(Self.written) == [
            "tickets.loom:6 Ticket (declaration)",
            "tickets.loom:34 Ticket",  // `ticket  Ticket` in Comment
            "tickets.loom:47 Ticket",  // resource Ticket
            "tickets.loom:56 Ticket",  // resource Comment … under Ticket
            "tickets.loom:75 Ticket",  // usecase AssignTicket(…) -> Ticket
            "tickets.loom:77 Ticket",  // load ticket = Ticket(ticketId)
            "tickets.loom:97 Ticket", // job NotifyAssignee: load ticket = Ticket(ticketId)
        ])
    }

    @Test func aRelationIsFoundByItsNameAndByItsForeignKey() throws {
        let index = SchemaIndex(files: Self.files)
        let org = try #require(index.members(of: "Ticket")["org"])
        let uses = index.occurrences(of: org)
        #expect(uses.first?.isDefinition == true)
        #expect(uses.filter { $0.suffix == "Id" }.count >= 4)  // `orgId` in the rules and `filterable`
        #expect(uses.allSatisfy { !$0.isDefinition || $0.suffix.isEmpty })
        // `ticket.orgId` in Comment's rules names Ticket's `org` through the relation `ticket`.
        let comment = index.symbols[try #require(index.topLevelSymbol(named: "Comment"))].range
        let commentUses = uses.filter { comment.start.offset <= $0.range.start.offset && $0.range.end.offset <= comment.end.offset }
        #expect(commentUses.count == 2)
    }

    @Test func principalFieldsEnumCasesAndLocalsResolve() throws {
        let index = SchemaIndex(files: Self.files)
        let role = try #require(index.members(of: "auth")["role"])
        #expect(index.occurrences(of: role).count > 10)
        let agent = try #require(index.members(of: "Role")["agent"])
        #expect(index.occurrences(of: agent).contains { $0.range.file == "tickets.loom" })
        // `body.assigneeId` in AssignTicket is the command field of Assignment.
        let assignee = try #require(index.members(of: "Assignment")["assigneeId"])
        #expect(index.occurrences(of: assignee).count == 3)
        // Look-up by position finds the name under a cursor at its start, inside and just after it.
        let declaration = index.symbols[try #require(index.topLevelSymbol(named: "Mailer"))].nameRange
        for offset in declaration.start.offset...declaration.end.offset {
            #expect(index.occurrence(at: offset, in: declaration.file)?.isDefinition == true)
        }
    }

    @Test func anAnalysisSessionReparsesOnlyTheEditedFile() {
        let session = AnalysisSession()
        var sources = Self.files.map(\.file)
        let first = session.analyze(name: "helpdesk", files: sources)
        #expect(session.lastParseCount == 3)
        #expect(!first.diagnostics.hasErrors)
        // Reused models make the same analysis as a fresh one.
        #expect(session.analyze(name: "helpdesk", files: sources).schema == first.schema)
        #expect(session.lastResolvedModelCount == 0)
        sources[2].text = sources[2].text.replacingOccurrences(of: "title     String(200)", with: "title     Strin(200)")
        let second = session.analyze(name: "helpdesk", files: sources)
        #expect(session.lastParseCount == 1)
        // The unknown type, and the rule naming the field that is gone with it.
        #expect(second.diagnostics.map(\.code) == [.unknownType, .unknownRuleName])
        // The schema survives the error: every model but the broken field.
        #expect(second.schema.models.map(\.name) == first.schema.models.map(\.name))
        #expect(second.schema == Frontend.analyze(name: "helpdesk", files: sources).schema)
        #expect(second.diagnostics == Frontend.analyze(name: "helpdesk", files: sources).diagnostics)
        // A new model name changes what every field's type may mean: all are resolved again.
        sources[0].text += "\nmodel Extra {\n  id Int @id\n}\n"
        _ = session.analyze(name: "helpdesk", files: sources)
        #expect(session.lastResolvedModelCount == 5)
    }

    @Test func aModelInsidePageIsAUse() throws {
        let text = "model Product {\n  id Int @id\n}\n\nusecase ListProducts(query: Product) -> Page(Product) readonly\n"
        let index = SchemaIndex(files: [Frontend.parse(SourceFile(path: "p.loom", text: text)).syntax])
        let product = try #require(index.topLevelSymbol(named: "Product"))
        #expect(index.occurrences(of: product).map { $0.range.start.column } == [7, 29, 46])
    }
}
