import Crypto
import Foundation
@testable import LoomRuntime
import Testing

/// A cursor's checksum catches edits, not forgeries: a token built with the runtime's own encoder but holding a value
/// of the wrong kind used to reach SQL (PostgreSQL: operator or cast errors, a 500; SQLite: a wrong page). Now a 400.
@Suite("Forged cursors", .serialized)
struct ForgedCursorTests {
    @Test("a value of the wrong kind is a 400 naming the cursor", arguments: TestBackend.allCases)
    func wrongKinds(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            _ = try await gadgets.create(CreateGadget(name: "a", code: "A", seenAt: Date(timeIntervalSince1970: 1_700_000_000)))
            let forged: [(sort: [SortKey], values: [SQLValue])] = [
                ([], [.string("x")]),  // the key `id` is an integer
                ([], [.bool(true)]),
                ([], [.null]),  // the key is not nullable
                ([Gadget.Fields.seenAt.ascending], [.bool(true), .int(1)]),  // a timestamp
                ([Gadget.Fields.name.ascending], [.int(3), .int(1)]),  // a string
            ]
            for (sort, values) in forged {
                let effective = QueryCompiler.effectiveSort(sort, table: Gadget.table)
                let token = Cursor(sort: Cursor.signature(of: effective), values: values).encoded()
                await #expect(throws: LoomError.badRequest(message: "the cursor holds a value its sort cannot take", parameter: "cursor")) {
                    _ = try await gadgets.list(ListQuery(sort: sort, page: .cursor(after: token, limit: 5)))
                }
            }
            // A genuine cursor still walks.
            let sort = [Gadget.Fields.seenAt.ascending]
            guard case .cursor(let first) = try await gadgets.list(ListQuery(sort: sort, page: .cursor(after: nil, limit: 5))) else { return }
            #expect(first.items.count == 1 && first.nextCursor == nil)
        }
    }
}

/// With a deployment secret, a cursor's tag is an HMAC: a token minted without the secret (with the public checksum,
/// or another secret) is refused, and one minted with it reads back.
@Suite("Cursor MAC")
struct CursorMACTests {
    @Test func onlyTheSecretMintsCursors() throws {
        let key = SymmetricKey(data: Data("deployment secret".utf8))
        let cursor = Cursor(sort: "id:asc", values: [.int(42)])
        let token = cursor.encoded(key: key)
        #expect(try Cursor.decode(token, key: key) == cursor)
        #expect(token.split(separator: ".")[1].count == 43)  // 32 bytes, base64url

        for forged in [cursor.encoded(key: nil), cursor.encoded(key: SymmetricKey(data: Data("guess".utf8)))] {
            #expect(throws: Cursor.Invalid.self) { try Cursor.decode(forged, key: key) }
        }
        var tampered = Array(token)
        tampered[3] = tampered[3] == "A" ? "B" : "A"
        #expect(throws: Cursor.Invalid.self) { try Cursor.decode(String(tampered), key: key) }
        // Without a secret, the checksum still catches edits.
        #expect(throws: Cursor.Invalid.self) { try Cursor.decode(String(tampered), key: nil) }
    }
}

/// A `nextCursor` always fits in a URL: the schema bounds the widest cursor a sort can produce, and a sort that could
/// exceed `Cursor.maximumLength` (an unbounded text column, very long strings) is refused up front, not discovered
/// when some row happens to hold a long value.
@Suite("Cursor length")
struct CursorLengthTests {
    static let notes = TableSchema(model: "Note", table: "notes", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "title", column: "title", type: .string(maxLength: 200)),
        ColumnSchema(field: "slug", column: "slug", type: .string(maxLength: 300)),
        ColumnSchema(field: "body", column: "body", type: .text),
        ColumnSchema(field: "at", column: "at", type: .dateTime),
    ])

    /// The bound is sound: the worst values a column can hold (every character escaped, the extreme numbers)
    /// encode within it, with or without a secret.
    @Test func theWorstCaseBoundsEveryToken() throws {
        let sorts: [[SortKey]] = [
            [SortKey(column: "title", direction: .descending), SortKey(column: "id", direction: .ascending)],
            [SortKey(column: "at", direction: .ascending), SortKey(column: "id", direction: .ascending)],
            [SortKey(column: "slug", direction: .ascending), SortKey(column: "title", direction: .ascending), SortKey(column: "id", direction: .ascending)],
        ]
        let worst: [String: SQLValue] = [
            "title": .string(String(repeating: "\u{1}", count: 200)),
            "slug": .string(String(repeating: "\u{1}", count: 300)),
            "at": .date(Date(timeIntervalSince1970: 253_402_300_799.999)),
            "id": .int(Int.min),
        ]
        for sort in sorts {
            let bound = try #require(Cursor.worstCaseLength(of: sort, table: Self.notes))
            let cursor = Cursor(sort: Cursor.signature(of: sort), values: sort.map { worst[$0.column]! })
            #expect(cursor.encoded(key: nil).count <= bound)
            #expect(cursor.encoded(key: SymmetricKey(size: .bits256)).count <= bound)
        }
        #expect(Cursor.worstCaseLength(of: [SortKey(column: "body", direction: .ascending)], table: Self.notes) == nil)
    }

    /// A model with an unbounded column, shaped like generated code.
    struct Note: LoomModel {
        typealias ID = Int
        typealias Create = NewShelf
        typealias Update = NewShelf
        var id: Int
        var body: String
        static var primaryKey: KeyPath<Note, Int> & Sendable { \.id }
        static let table = TableSchema(model: "Note", table: "notes", columns: [
            ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
            ColumnSchema(field: "body", column: "body", type: .text),
        ])
        init(row: SQLRow) throws {
            id = try row.decode(at: 0)
            body = try row.decode(at: 1)
        }
        static func rowValues(of note: Note) -> [SQLValue] { [note.id.sqlValue, note.body.sqlValue] }
    }

    @Test("a sort that could outgrow a URL is refused in cursor mode, and still pages by offset", arguments: TestBackend.allCases)
    func refusedUpFront(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            try await engine.executeScript([#"CREATE TABLE "notes" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)"#])
            _ = try await engine.query(#"INSERT INTO "notes" ("id", "body") VALUES (1, 'x')"#, [])
            let notes = Repository<Note>(engine: engine)
            let byBody = [SortKey(column: "body", direction: .ascending)]
            await #expect(throws: LoomError.badRequest(
                message: "sorting by body cannot page by cursor: its values can make a cursor too long for a URL; use pagination=offset",
                parameter: "sort"
            )) {
                _ = try await notes.list(ListQuery(sort: byBody, page: .cursor(after: nil, limit: 5)))
            }
            #expect(try await notes.list(ListQuery(sort: byBody, page: .offset(page: 1, limit: 5))).items.count == 1)
            // The key alone is bounded: cursor pages work.
            #expect(try await notes.list(ListQuery(page: .cursor(after: nil, limit: 5))).items.count == 1)
        }
        let tooWide = [SortKey(column: "slug", direction: .ascending), SortKey(column: "title", direction: .ascending), SortKey(column: "id", direction: .ascending)]
        #expect(try #require(Cursor.worstCaseLength(of: tooWide, table: Self.notes)) > Cursor.maximumLength)
    }
}
