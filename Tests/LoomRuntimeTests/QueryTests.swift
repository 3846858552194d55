import Foundation
import LoomRuntime
import Testing
import TestSupport

/// Filters, sorts and both pagination modes, on both backends, against the same expectations.
@Suite("Queries", .serialized)
struct QueryTests {
    /// Twelve gadgets with ties and NULLs in weight and seenAt.
    static func seed(_ engine: any DatabaseEngine) async throws -> Repository<Gadget> {
        let gadgets = try await RepositoryTests.repository(engine)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for index in 1...12 {
            let weight: Double? = index % 4 == 0 ? nil : Double(index % 3)
            let seen: Date? = index % 5 == 0 ? nil : base.addingTimeInterval(Double(index % 4) * 60)
            _ = try await gadgets.create(CreateGadget(
                name: index % 2 == 0 ? "Lamp \(index)" : "lamp_\(index)%", code: "C\(index)", weight: weight,
                active: index % 3 != 0, seenAt: seen))
        }
        return gadgets
    }

    static func ids(_ page: ListPage<Gadget>) -> [Int] { page.items.map(\.id) }

    @Test("every operator", arguments: TestBackend.allCases)
    func operators(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.seed(engine)
            func ids(_ filter: Filter) async throws -> [Int] {
                Self.ids(try await gadgets.list(ListQuery(filter: filter, page: .offset(page: 1, limit: 100))))
            }
            #expect(try await ids(Gadget.Fields.code.eq("C3")) == [3])
            #expect(try await ids(Gadget.Fields.id.ne(1)).count == 11)
            #expect(try await ids(Gadget.Fields.id.gt(10)) == [11, 12])
            #expect(try await ids(Gadget.Fields.id.gte(11)) == [11, 12])
            #expect(try await ids(Gadget.Fields.id.lt(3)) == [1, 2])
            #expect(try await ids(Gadget.Fields.id.lte(2)) == [1, 2])
            #expect(try await ids(Gadget.Fields.id.in([2, 4, 99])) == [2, 4])
            #expect(try await ids(Gadget.Fields.id.notIn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) == [11, 12])
            #expect(try await ids(Gadget.Fields.weight.isNull) == [4, 8, 12])
            #expect(try await ids(Gadget.Fields.weight.isNotNull).count == 9)
            #expect(try await ids(Gadget.Fields.name.like("Lamp%")) == [2, 4, 6, 8, 10, 12])  // case-sensitive
            #expect(try await ids(Gadget.Fields.name.ilike("lamp 1%")) == [10, 12])
            #expect(try await ids(Gadget.Fields.name.contains("_1")) == [1, 11])  // '_' is literal, not a wildcard
            #expect(try await ids(Gadget.Fields.name.contains("%")).count == 6)
            #expect(try await ids(Gadget.Fields.name.startsWith("lamp_1")) == [1, 11])
            #expect(try await ids(Gadget.Fields.active.eq(false)) == [3, 6, 9, 12])
            #expect(try await ids(Gadget.Fields.seenAt.gt(Date(timeIntervalSince1970: 1_700_000_100))) == [2, 3, 6, 7, 11])
            // nested AND/OR
            let nested = Gadget.Fields.id.lte(3) || (Gadget.Fields.weight.isNull && Gadget.Fields.active.eq(true))
            #expect(try await ids(nested) == [1, 2, 3, 4, 8])
            #expect(try await ids(.any([])) == [])
        }
    }

    @Test("offset pages with a filter count only the matches", arguments: TestBackend.allCases)
    func offsetWithFilter(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.seed(engine)
            let query = ListQuery(filter: Gadget.Fields.active.eq(true), sort: [Gadget.Fields.id.descending], page: .offset(page: 2, limit: 3))
            guard case .offset(let page) = try await gadgets.list(query) else { Issue.record("expected an offset page"); return }
            #expect(page.items.map(\.id) == [7, 5, 4])
            #expect(page.totalCount == 8)
            #expect(page.hasNext)
        }
    }

    @Test("unknown columns and bad cursors are client errors", arguments: TestBackend.allCases)
    func badQueries(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.seed(engine)
            await #expect(throws: LoomError.badRequest(message: "unknown filter field 'nope'", parameter: "nope")) {
                try await gadgets.list(ListQuery(filter: .condition(.init(column: "nope", op: .eq, values: [.int(1)]))))
            }
            guard case .cursor(let first) = try await gadgets.list(ListQuery(sort: [Gadget.Fields.name.ascending], page: .cursor(after: nil, limit: 2))),
                  let cursor = first.nextCursor
            else { Issue.record("expected a cursor page"); return }
            await #expect(throws: LoomError.badRequest(message: "the cursor was made for another sort", parameter: "cursor")) {
                try await gadgets.list(ListQuery(sort: [Gadget.Fields.code.ascending], page: .cursor(after: cursor, limit: 2)))
            }
            let tampered = String(cursor.dropLast()) + (cursor.last == "0" ? "1" : "0")
            await #expect(throws: LoomError.badRequest(message: "the cursor is not a cursor this server issued", parameter: "cursor")) {
                try await gadgets.list(ListQuery(sort: [Gadget.Fields.name.ascending], page: .cursor(after: tampered, limit: 2)))
            }
            await #expect(throws: LoomError.self) {
                try await gadgets.list(ListQuery(page: .cursor(after: "garbage", limit: 2)))
            }
        }
    }

    /// `\` escapes the next character of a like pattern on both backends, and a pattern ending in a lone `\` is a 400
    /// naming the parameter (PostgreSQL refused it with an error of its own; SQLite took it literally).
    @Test("like patterns escape the same way everywhere", arguments: TestBackend.allCases)
    func likeEscapes(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await Self.seed(engine)
            func ids(_ filter: Filter) async throws -> [Int] {
                Self.ids(try await gadgets.list(ListQuery(filter: filter, page: .offset(page: 1, limit: 100))))
            }
            // `lamp_1%` and `lamp_11%` hold a literal `%`: `\%` matches it, a bare `%` matches anything.
            #expect(try await ids(Gadget.Fields.name.like(#"lamp\_1\%"#)) == [1])
            #expect(try await ids(Gadget.Fields.name.like(#"lamp\_1%"#)) == [1, 11])
            #expect(try await ids(Gadget.Fields.name.ilike(#"LAMP\_11\%"#)) == [11])
            for pattern in [#"lamp\"#, #"x\\\"#] {
                await #expect(throws: LoomError.badRequest(
                    message: "the pattern ends with the escape character '\\'; write '\\\\' for a backslash", parameter: "name__like"
                )) {
                    _ = try await ids(Gadget.Fields.name.like(pattern))
                }
            }
            #expect(try await ids(Gadget.Fields.name.like(#"lamp\\"#)) == [])  // an escaped backslash is fine
        }
    }

    /// The property the Python framework gets wrong: walking every cursor page gives exactly the full sorted result,
    /// for ascending, descending and mixed sorts over data full of ties and NULLs.
    @Test("cursor pages never repeat or skip a row", arguments: TestBackend.allCases)
    func cursorWalk(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            var generator = SeededGenerator(seed: 42)
            let base = Date(timeIntervalSince1970: 1_700_000_000)
            for index in 0..<60 {
                let weight: Double? = Bool.random(using: &generator) ? nil : Double(Int.random(in: 0..<4, using: &generator))
                let seen: Date? = Int.random(in: 0..<3, using: &generator) == 0 ? nil : base.addingTimeInterval(Double(Int.random(in: 0..<3, using: &generator)))
                _ = try await gadgets.create(CreateGadget(
                    name: ["a", "b", "c"][Int.random(in: 0..<3, using: &generator)], code: "K\(index)", weight: weight,
                    active: Bool.random(using: &generator), seenAt: seen))
            }
            let sorts: [[SortKey]] = [
                [Gadget.Fields.weight.ascending], [Gadget.Fields.weight.descending],
                [Gadget.Fields.name.ascending, Gadget.Fields.weight.descending],
                [Gadget.Fields.weight.descending, Gadget.Fields.seenAt.ascending, Gadget.Fields.name.descending],
                [Gadget.Fields.active.descending, Gadget.Fields.seenAt.descending],
                [Gadget.Fields.id.descending], [],
            ]
            for sort in sorts {
                guard case .offset(let all) = try await gadgets.list(ListQuery(sort: sort, page: .offset(page: 1, limit: 1000))) else { return }
                #expect(all.items.count == 60)
                for limit in [1, 7, 25] {
                    var walked: [Int] = []
                    var after: String?
                    var pages = 0
                    repeat {
                        guard case .cursor(let page) = try await gadgets.list(ListQuery(sort: sort, page: .cursor(after: after, limit: limit))) else { return }
                        walked += page.items.map(\.id)
                        after = page.nextCursor
                        pages += 1
                    } while after != nil && pages < 100
                    #expect(walked == all.items.map(\.id), "sort \(sort.map { "\($0.column) \($0.direction)" }), limit \(limit)")
                }
            }
        }
    }
}
