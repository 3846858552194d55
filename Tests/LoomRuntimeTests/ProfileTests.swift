import Foundation
import LoomRuntime
import Testing

/// Two hand-written related models, shaped like generated code.
struct Shelf: LoomModel {
    typealias ID = Int
    typealias Create = NewShelf
    typealias Update = NewShelf
    var id: Int
    var label: String
    static var primaryKey: KeyPath<Shelf, Int> & Sendable { \.id }
    static let table = TableSchema(model: "Shelf", table: "shelves", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "label", column: "label", type: .string(maxLength: 40)),
    ])
    static let relations: [RelationSpec] = [.hasMany("books", Book.self, foreignKey: "shelf_id", localKey: "id")]
    /// As loomgen writes it: books go with their shelf (`ON DELETE CASCADE`).
    static let cache = ModelCache(ttlSeconds: 60, deletes: ["books"])
    static let profiles: [ProfileSpec] = [
        ProfileSpec(name: "full", includes: ["books"], computed: [.count(name: "bookCount", relation: "books"), .exists(name: "hasBooks", relation: "books")])
    ]
    init(row: SQLRow) throws {
        id = try row.decode(at: 0)
        label = try row.decode(at: 1)
    }
    static func rowValues(of shelf: Shelf) -> [SQLValue] { [shelf.id.sqlValue, shelf.label.sqlValue] }
}

struct NewShelf: LoomInput {
    var label: String
    static let fieldNames: Set<String> = ["label"]
    static func violations(in input: NewShelf) -> [LoomError.Violation] { [] }
    static func assignments(of input: NewShelf) -> [ColumnAssignment] { [ColumnAssignment("label", input.label.sqlValue)] }
}

struct Book: LoomModel {
    typealias ID = Int
    typealias Create = NewBook
    typealias Update = BookPatch
    var id: Int
    var shelfId: Int
    var title: String
    static var primaryKey: KeyPath<Book, Int> & Sendable { \.id }
    static let table = TableSchema(model: "Book", table: "books", columns: [
        ColumnSchema(field: "id", column: "id", type: .int, isPrimaryKey: true, isAutoIncrement: true),
        ColumnSchema(field: "shelfId", column: "shelf_id", type: .int, reference: ColumnReference(model: "Shelf", table: "shelves", column: "id")),
        ColumnSchema(field: "title", column: "title", type: .string(maxLength: 80)),
    ])
    static let relations: [RelationSpec] = [.belongsTo("shelf", Shelf.self, foreignKey: "shelf_id", targetKey: "id")]
    static let profiles: [ProfileSpec] = [ProfileSpec(name: "withShelf", includes: ["shelf"], computed: [])]
    init(row: SQLRow) throws {
        id = try row.decode(at: 0)
        shelfId = try row.decode(at: 1)
        title = try row.decode(at: 2)
    }
    static func rowValues(of book: Book) -> [SQLValue] { [book.id.sqlValue, book.shelfId.sqlValue, book.title.sqlValue] }
}

struct NewBook: LoomInput {
    var shelfId: Int
    var title: String
    static let fieldNames: Set<String> = ["shelfId", "title"]
    static func violations(in input: NewBook) -> [LoomError.Violation] { [] }
    static func assignments(of input: NewBook) -> [ColumnAssignment] {
        [ColumnAssignment("shelf_id", input.shelfId.sqlValue), ColumnAssignment("title", input.title.sqlValue)]
    }
}

/// A PATCH of a book's title.
struct BookPatch: LoomInput {
    var title: Patch<String> = .absent
    static let fieldNames: Set<String> = ["title"]
    private enum CodingKeys: String, CodingKey { case title }
    init(title: Patch<String> = .absent) { self.title = title }
    init(from decoder: any Decoder) throws {
        title = try decoder.container(keyedBy: CodingKeys.self).decodePatch(String.self, forKey: .title, nullable: false)
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodePatch(title, forKey: .title)
    }
    static func violations(in input: BookPatch) -> [LoomError.Violation] { [] }
    static func assignments(of input: BookPatch) -> [ColumnAssignment] {
        var assignments: [ColumnAssignment] = []
        input.title.append(to: &assignments, column: "title")
        return assignments
    }
}

/// Counts the statements that reach the database.
final class CountingEngine: DatabaseEngine, @unchecked Sendable {
    let base: any DatabaseEngine
    private let lock = NSLock()
    private var statements: [String] = []
    init(_ base: any DatabaseEngine) { self.base = base }
    var dialect: SQLDialect { base.dialect }
    var count: Int { lock.withLock { statements.count } }
    func reset() { lock.withLock { statements.removeAll() } }
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        lock.withLock { statements.append(sql) }
        return try await base.query(sql, binds)
    }
    func executeScript(_ statements: [String]) async throws { try await base.executeScript(statements) }
    func withTransaction<T: Sendable>(_ body: @Sendable (any DatabaseEngine) async throws -> T) async throws -> T {
        try await base.withTransaction(body)
    }
    func shutdown() async throws {}
}

@Suite("Profiles", .serialized)
struct ProfileTests {
    static func setUp(_ engine: any DatabaseEngine) async throws -> (Repository<Shelf>, Repository<Book>) {
        let key = engine.dialect == .postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        try await engine.executeScript([
            #"CREATE TABLE "shelves" ("id" \#(key), "label" VARCHAR(40) NOT NULL)"#,
            #"CREATE TABLE "books" ("id" \#(key), "shelf_id" BIGINT NOT NULL REFERENCES "shelves" ("id") ON DELETE CASCADE, "title" VARCHAR(80) NOT NULL)"#,
        ])
        let shelves = Repository<Shelf>(engine: engine)
        let books = Repository<Book>(engine: engine)
        for index in 1...5 { _ = try await shelves.create(NewShelf(label: "S\(index)")) }
        for index in 1...12 where index % 5 != 0 { _ = try await books.create(NewBook(shelfId: index % 4 + 1, title: "B\(index)")) }
        return (shelves, books)
    }

    @Test("an include reads at most the cap of related rows: past it the request is a 400 naming profile", arguments: TestBackend.allCases)
    func includeCap(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let (shelves, _) = try await Self.setUp(engine)
            let all = try await shelves.list(page: 1, limit: 50).items  // 10 books among them
            #expect(try await shelves.load(profile: "full", for: all, maximumIncludedRows: 10).count == 5)
            await #expect(throws: LoomError.badRequest(
                message: "profile 'full' would include more than 9 books for these 5 rows; ask for fewer with 'limit'",
                parameter: "profile"
            )) {
                try await shelves.load(profile: "full", for: all, maximumIncludedRows: 9)
            }
            // Fewer rows asked for, fewer included: within the cap again.
            #expect(try await shelves.load(profile: "full", for: Array(all.prefix(2)), maximumIncludedRows: 9).count == 2)
        }
    }

    /// A use case's `load shelf = Shelf(…) profile full`: one row (or none) in a profile, its counts and flags by name.
    @Test("one row in a profile: count and flag by name; a missing row stays nil", arguments: TestBackend.allCases)
    func oneRow(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let (shelves, _) = try await Self.setUp(engine)
            let first = try await shelves.load(profile: "full", for: shelves.require(1))
            #expect(first.entity.label == "S1")
            #expect(first.count("bookCount") == 3 && first.flag("hasBooks") == true)
            #expect(first.count("hasBooks") == nil && first.flag("nope") == nil)
            let empty = try await shelves.load(profile: "full", for: shelves.get(5))
            #expect(empty?.count("bookCount") == 0 && empty?.flag("hasBooks") == false)
            let missing: Profiled<Shelf>? = try await shelves.load(profile: "full", for: shelves.get(99))
            #expect(missing == nil)
        }
    }

    @Test("a profile loads each relation in one query, whatever the page size", arguments: TestBackend.allCases)
    func noNPlusOne(backend: TestBackend) async throws {
        try await backend.withEngine { base in
            let engine = CountingEngine(base)
            let (shelves, books) = try await Self.setUp(engine)
            let all = try await shelves.list(page: 1, limit: 50).items
            engine.reset()
            let loaded = try await shelves.load(profile: "full", for: all)
            #expect(engine.count == 3)  // books IN (…), one grouped count, one grouped count for exists
            let json = try JSONSerialization.jsonObject(with: try LoomJSON.makeEncoder().encode(loaded)) as! [[String: Any]]
            #expect(json.map { $0["bookCount"] as? Int } == [3, 2, 2, 3, 0])
            #expect(json.map { $0["hasBooks"] as? Bool } == [true, true, true, true, false])
            #expect(json.map { ($0["books"] as? [[String: Any]])?.count } == [3, 2, 2, 3, 0])
            #expect(json[0]["label"] as? String == "S1")
            let firstShelf = (json[0]["books"] as? [[String: Any]])?.compactMap { $0["title"] as? String }.sorted()
            #expect(firstShelf == ["B12", "B4", "B8"])

            let someBooks = try await books.list(page: 1, limit: 4).items
            engine.reset()
            let withShelf = try await books.load(profile: "withShelf", for: someBooks)
            #expect(engine.count == 1)
            let bookJSON = try JSONSerialization.jsonObject(with: try LoomJSON.makeEncoder().encode(withShelf)) as! [[String: Any]]
            #expect(bookJSON.map { ($0["shelf"] as? [String: Any])?["label"] as? String } == ["S2", "S3", "S4", "S1"])

            await #expect(throws: LoomError.badRequest(message: "unknown profile 'nope'; expected one of full", parameter: "profile")) {
                try await shelves.load(profile: "nope", for: all)
            }
        }
    }
}
