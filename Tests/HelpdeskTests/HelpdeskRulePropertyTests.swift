import Foundation
@testable import HelpdeskServer
import HelpdeskModels
import LoomRuntime
import LoomSQLite
import Testing
import TestSupport

/// The generated rules of the helpdesk, against their meaning written out in Swift: for random principals over random
/// organizations, users, tickets and comments, every list returns exactly the rows the access table allows, and every
/// user row hides its email exactly when the table says so.
@Suite("Helpdesk rules: a property test")
struct HelpdeskRulePropertyTests {
    @Test("lists return exactly what the access table allows each caller")
    func lists() async throws {
        let engine = try await SQLiteEngine.open(path: nil)
        do {
            try await check(engine)
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }

    func check(_ engine: SQLiteEngine) async throws {
        let system = Database(engine: engine, caller: .system)
        try await system.createTables(of: HelpdeskSchema.self)
        var random = SeededGenerator(seed: 19)
        let organizations = 4
        for index in 1...organizations { _ = try await system.repository(Organization.self).create(.init(name: "Org \(index)")) }
        var users: [User] = []
        for index in 1...16 {
            let role = [Role.customer, .customer, .agent, .admin].randomElement(using: &random)!
            let org = role == .customer ? Int.random(in: 1...organizations, using: &random) : nil
            users.append(try await system.repository(User.self).create(.init(email: "u\(index)@x.test", fullName: "U\(index)", role: role, orgId: org)))
        }
        let customers = users.filter { $0.role == .customer }
        var tickets: [Ticket] = []
        for index in 0..<40 {
            let customer = customers.randomElement(using: &random)!
            tickets.append(try await system.repository(Ticket.self).create(.init(
                orgId: customer.orgId!, customerId: customer.id, title: "T\(index)", body: "b")))
        }
        var comments: [HelpdeskComment] = []
        for index in 0..<60 {
            comments.append(try await system.repository(HelpdeskComment.self).create(.init(
                ticketId: tickets.randomElement(using: &random)!.id, authorId: users.randomElement(using: &random)!.id,
                body: "c\(index)", internal: Bool.random(using: &random))))
        }
        let orgOfTicket = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0.orgId) })

        for _ in 0..<30 {
            let role = [Role.customer, .agent, .admin].randomElement(using: &random)!
            let id = Int.random(in: 1...20, using: &random)
            let org: Int? = Bool.random(using: &random) ? Int.random(in: 1...organizations, using: &random) : nil
            let caller = Caller.principal(Principal(["id": .int(id), "role": .string(role.rawValue), "orgId": org.map(SQLValue.int) ?? .null]))
            let database = system.acting(as: caller)
            let label = "\(role) \(id) of \(String(describing: org))"

            // The access table, in Swift.
            let seesTicket = { (ticket: Ticket) in role != .customer || ticket.orgId == org }
            let seesComment = { (comment: HelpdeskComment) in
                role != .customer || (!comment.internal && orgOfTicket[comment.ticketId] == org)
            }
            let seesUser = { (user: User) in role != .customer || user.orgId == org }
            let seesEmail = { (user: User) in role != .customer || user.id == id }

            #expect(try await database.repository(Ticket.self).all(where: .everything).map(\.id) == tickets.filter(seesTicket).map(\.id), "\(label)")
            #expect(try await database.repository(HelpdeskComment.self).all(where: .everything).map(\.id) == comments.filter(seesComment).map(\.id), "\(label)")
            let visibleUsers = try await database.repository(User.self).all(where: .everything)
            #expect(visibleUsers.map(\.id) == users.filter(seesUser).map(\.id), "\(label)")
            for user in visibleUsers {
                #expect(database.repository(User.self).hiddenFields(of: user) == (seesEmail(user) ? [] : ["email"]), "\(label), user \(user.id)")
            }
            #expect(try await database.repository(Ticket.self).count() == tickets.filter(seesTicket).count, "\(label)")
            // Get by id decides a row-local rule on the row the prepared select returns, a related one in SQL: both
            // must agree with the table, row by row.
            for ticket in tickets {
                let got = try await database.repository(Ticket.self).get(ticket.id)
                #expect((got != nil) == seesTicket(ticket), "\(label), ticket \(ticket.id)")
            }
            for comment in comments {
                let got = try await database.repository(HelpdeskComment.self).get(comment.id)
                #expect((got != nil) == seesComment(comment), "\(label), comment \(comment.id)")
            }
        }
    }
}
