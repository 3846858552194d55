import Foundation
@testable import LoomRuntime
import Testing
import TestSupport

/// Access rules as the repository applies them, on both backends: reads carry the read rule in SQL (related rows
/// included), writes are checked in their transaction and rolled back when refused, fields are hidden per row.
@Suite("Access rules")
struct AccessRuleTests {
    static func member(_ id: Int, team: Int?) -> Caller {
        .principal(Principal(["id": .int(id), "role": .string("member"), "teamId": team.map(SQLValue.int) ?? .null]))
    }

    static let admin = Caller.principal(Principal(["id": .int(99), "role": .string("admin"), "teamId": .null]))

    /// Teams 1 (red), 2 (blue), 3 (public); notes of owners 1 and 2 in team 1, of owner 3 in team 2, of owner 4 in team 3.
    static func seed(_ engine: any DatabaseEngine) async throws -> Database {
        try await engine.executeScript(Note.ddl(engine.dialect))
        let system = Database(engine: engine, caller: .system)
        for name in ["red", "blue", "public"] { _ = try await system.repository(Team.self).create(.init(name: name)) }
        let notes = system.repository(Note.self)
        for (team, owner, title, locked) in [(1, 1, "a", false), (1, 2, "b", false), (1, 1, "c", true), (2, 3, "d", false), (3, 4, "e", false)] {
            _ = try await notes.create(.init(teamId: team, ownerId: owner, title: title, secret: "s-\(title)", locked: locked))
        }
        return system
    }

    @Test("a caller reads only the rows its rule allows, in gets, lists, counts and profiles", arguments: TestBackend.allCases)
    func reads(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let system = try await Self.seed(engine)
            let member = system.acting(as: Self.member(1, team: 1)).repository(Note.self)
            let titles = try await member.all(where: .everything).map(\.title)
            #expect(titles == ["a", "b", "c", "e"])  // its team's, and the public team's
            #expect(try await member.count() == 4)
            #expect(try await member.get(4) == nil)  // team 2's: not there for it
            #expect(try await member.get(2)?.title == "b")
            guard case .offset(let page) = try await member.list(ListQuery(page: .offset(page: 1, limit: 2))) else { Issue.record(); return }
            #expect(page.totalCount == 4 && page.items.map(\.title) == ["a", "b"])
            // Anyone, even anonymous, reads the public team's note (a rule through the relation).
            #expect(try await system.acting(as: .anonymous).repository(Note.self).all(where: .everything).map(\.title) == ["e"])
            #expect(try await system.acting(as: Self.admin).repository(Note.self).count() == 5)
            // A profile includes and counts only the notes the caller may read.
            let teams = system.acting(as: Self.member(3, team: 2)).repository(Team.self)
            let profiled = try await teams.load(profile: "withNotes", for: try await teams.all(where: .everything))
            let json = String(decoding: try LoomJSON.encoder.encode(profiled), as: UTF8.self)
            #expect(json.contains(#""noteCount":1"#) && json.contains(#""noteCount":0"#) && !json.contains(#""title":"a""#))
            // Anonymous callers may not read teams at all.
            #expect(try await system.acting(as: .anonymous).repository(Team.self).count() == 0)
        }
    }

    @Test("a field hidden on some rows is left out of them, and cannot be filtered or sorted by", arguments: TestBackend.allCases)
    func hiddenFields(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let system = try await Self.seed(engine)
            let member = system.acting(as: Self.member(1, team: 1)).repository(Note.self)
            let own = try #require(try await member.get(1))
            let colleague = try #require(try await member.get(2))
            #expect(member.hiddenFields(of: own).isEmpty)
            #expect(member.hiddenFields(of: colleague) == ["secret"])
            let json = String(decoding: try LoomJSON.encoder.encode(Redacted(colleague, hiding: ["secret"])), as: UTF8.self)
            #expect(!json.contains("secret") && json.contains(#""title":"b""#))
            for query in [ListQuery(filter: .condition(.init(column: "secret", op: .eq, values: [.string("s-b")]))),
                          ListQuery(sort: [SortKey(column: "secret", direction: .ascending)])] {
                await #expect(throws: LoomError.self) { _ = try await member.list(query) }
            }
            // Deny beats allow: not even the admin reads others' secrets, so it may not sort by them either.
            await #expect(throws: LoomError.badRequest(message: "you may not sort by 'secret'", parameter: "sort")) {
                _ = try await system.acting(as: Self.admin).repository(Note.self).list(ListQuery(sort: [SortKey(column: "secret", direction: .ascending)]))
            }
            #expect(system.acting(as: Self.admin).repository(Note.self).hiddenFields(of: colleague) == ["secret"])
            // A field readable wherever the row is: filtering by it is fine.
            guard case .offset(let page) = try await member.list(ListQuery(filter: .condition(.init(column: "title", op: .eq, values: [.string("b")]))))
            else { Issue.record(); return }
            #expect(page.items.map(\.id) == [2])
        }
    }

    @Test("writes: 404 for a row it cannot read, 403 for one it cannot change, nothing written", arguments: TestBackend.allCases)
    func writes(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let system = try await Self.seed(engine)
            let owner = system.acting(as: Self.member(1, team: 1)).repository(Note.self)
            #expect(try await owner.update(1, with: .init(title: .value("a2")))?.title == "a2")
            // A colleague's note: readable, not changeable.
            await #expect(throws: LoomError.forbidden(message: "you may not update this Note", field: nil)) {
                _ = try await owner.update(2, with: .init(title: .value("x")))
            }
            // Its own locked note: the title may not change (before.locked), but it may stay locked.
            await #expect(throws: LoomError.forbidden(message: "you may not change 'title' of this Note", field: "title")) {
                _ = try await owner.update(3, with: .init(title: .value("x")))
            }
            #expect(try await system.repository(Note.self).get(3)?.title == "c")
            // Locking is allowed, unlocking is not (the new row must be locked).
            #expect(try await owner.update(1, with: .init(locked: .value(true)))?.locked == true)
            await #expect(throws: LoomError.self) { _ = try await owner.update(1, with: .init(locked: .value(false))) }
            #expect(try await system.repository(Note.self).get(1)?.locked == true)
            // Team 2's note does not exist for it.
            #expect(try await owner.update(4, with: .init(title: .value("x"))) == nil)
            #expect(try await owner.delete(4) == false)
            // Delete: its own unlocked note only.
            await #expect(throws: LoomError.self) { _ = try await owner.delete(1) }  // locked now
            await #expect(throws: LoomError.self) { _ = try await owner.delete(2) }  // a colleague's
            #expect(try await system.repository(Note.self).count() == 5)
            #expect(try await system.acting(as: Self.admin).repository(Note.self).delete(2) == true)
        }
    }

    @Test("a create whose new row breaks the rule is a 403 and writes nothing", arguments: TestBackend.allCases)
    func creates(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let system = try await Self.seed(engine)
            let member = system.acting(as: Self.member(1, team: 1)).repository(Note.self)
            #expect(try await member.create(.init(teamId: 1, ownerId: 1, title: "mine")).title == "mine")
            for input in [Note.Create(teamId: 2, ownerId: 1, title: "other team"), Note.Create(teamId: 1, ownerId: 2, title: "as someone else")] {
                await #expect(throws: LoomError.forbidden(message: "you may not create this Note", field: nil)) { _ = try await member.create(input) }
            }
            #expect(try await system.repository(Note.self).count() == 6)
            await #expect(throws: LoomError.self) { _ = try await system.acting(as: .anonymous).repository(Note.self).create(.init(teamId: 1, ownerId: 1, title: "x")) }
        }
    }

    /// Random principals over random rows: what a list returns is exactly the rows for which the rule, evaluated in
    /// Swift with Swift's optional comparisons, holds.
    @Test("property: a list returns exactly the rows the rule allows", arguments: TestBackend.allCases)
    func property(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            try await engine.executeScript(Note.ddl(engine.dialect))
            let system = Database(engine: engine, caller: .system)
            var random = SeededGenerator(seed: 19)
            let teamNames = ["public", "red", "blue", "public", "green"]
            for name in teamNames { _ = try await system.repository(Team.self).create(.init(name: name)) }
            for index in 0..<60 {
                _ = try await system.repository(Note.self).create(.init(
                    teamId: Int.random(in: 1...5, using: &random), ownerId: Int.random(in: 1...6, using: &random), title: "n\(index)",
                    locked: Bool.random(using: &random)))
            }
            let all = try await system.repository(Note.self).all(where: .everything)
            for _ in 0..<25 {
                let role = ["member", "admin", "guest"].randomElement(using: &random)!
                let team: Int? = Int.random(in: 0...5, using: &random) == 0 ? nil : Int.random(in: 1...5, using: &random)
                let caller = Caller.principal(Principal([
                    "id": .int(Int.random(in: 1...6, using: &random)), "role": .string(role), "teamId": team.map(SQLValue.int) ?? .null,
                ]))
                let expected = all.filter { note in
                    role == "admin" || note.teamId == team || teamNames[note.teamId - 1] == "public"
                }.map(\.id)
                let listed = try await system.acting(as: caller).repository(Note.self).all(where: .everything).map(\.id)
                #expect(listed == expected, "role \(role), team \(String(describing: team))")
            }
        }
    }
}

/// What a rule folds to before any SQL: comparisons with null on a column that cannot hold one are decided.
@Suite("Rule folding")
struct RuleFoldingTests {
    @Test("a null compared with a non-optional column is decided; with an optional one it is IS NULL")
    func nullComparisons() {
        let anonymous = RuleCompiler(principal: nil)
        #expect(anonymous.filter(.compare(.column("team_id"), .eq, .principal("teamId")), on: Note.table) == .nothing)
        #expect(anonymous.filter(.compare(.column("team_id"), .ne, .principal("teamId")), on: Note.table) == .everything)
        #expect(anonymous.filter(.compare(.column("secret"), .eq, .principal("teamId")), on: Note.table)
            == .condition(.init(column: "secret", op: .isNull, values: [])))
        // So an anonymous caller's read rule on notes is only the public team's, through the relation.
        let access = ModelAccess(table: Note.table, rules: Note.accessRules, caller: .anonymous)
        #expect(access?.read.reachesOtherRows == true)
    }
}
