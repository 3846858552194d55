import Foundation
@testable import LoomRuntime
import Testing

/// A model keyed by free text, so keys can hold what an array literal or a JSON array must escape.
struct Tagline: LoomModel {
    typealias ID = String
    typealias Create = NewTagline
    typealias Update = NewTagline
    var code: String
    var text: String
    static var primaryKey: KeyPath<Tagline, String> & Sendable { \.code }
    static let table = TableSchema(model: "Tagline", table: "taglines", columns: [
        ColumnSchema(field: "code", column: "code", type: .string(maxLength: 40), isPrimaryKey: true),
        ColumnSchema(field: "text", column: "text", type: .string(maxLength: 40)),
    ])
    init(code: String, text: String) {
        self.code = code
        self.text = text
    }
    init(row: SQLRow) throws {
        code = try row.decode(at: 0)
        text = try row.decode(at: 1)
    }
    static func rowValues(of tagline: Tagline) -> [SQLValue] { [tagline.code.sqlValue, tagline.text.sqlValue] }
}

struct NewTagline: LoomInput {
    var code: String
    var text: String
    static let fieldNames: Set<String> = ["code", "text"]
    static func violations(in input: NewTagline) -> [LoomError.Violation] { [] }
    static func assignments(of input: NewTagline) -> [ColumnAssignment] {
        [ColumnAssignment("code", input.code.sqlValue), ColumnAssignment("text", input.text.sqlValue)]
    }
}

/// `selectByKeys`: the rows of any number of keys through one statement text, its one parameter an array literal
/// (PostgreSQL) or a JSON array (SQLite) that must carry every key exactly.
@Suite struct KeyListTests {
    static let awkwardKeys = [
        "plain", "quote\"d", "back\\slash", "{braces}", "comma,separated", "NULL", "", " spaced ", "é中😀", "new\nline",
        "\\\"", "[1]", "'single'",
    ]

    @Test("rows by a list of keys: exactly those rows, whatever the keys hold", arguments: TestBackend.allCases)
    func awkwardTextKeys(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            try await engine.executeScript([
                "CREATE TABLE taglines (code VARCHAR(40) PRIMARY KEY, text VARCHAR(40) NOT NULL)"
            ])
            let taglines = Repository<Tagline>(engine: engine)
            for (index, key) in Self.awkwardKeys.enumerated() {
                _ = try await taglines.create(NewTagline(code: key, text: "t\(index)"))
            }
            for keys in [Self.awkwardKeys, Array(Self.awkwardKeys.prefix(3)), ["quote\"d", "missing"], ["NULL"], ["back\\slash", "\\\""]] {
                let rows = try await taglines.rows(keys: keys.map { .string($0) })
                #expect(Set(rows.map(\.code)) == Set(keys).intersection(Self.awkwardKeys), "\(keys)")
            }
            #expect(try await taglines.rows(keys: []).isEmpty)
        }
    }

    @Test("integer keys", arguments: TestBackend.allCases)
    func integerKeys(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let (shelves, _) = try await ProfileTests.setUp(engine)
            var ids: [Int] = []
            for index in 1...6 { ids.append(try await shelves.create(NewShelf(label: "s\(index)")).id) }
            let picked = [ids[0], ids[3], ids[5], -1, Int.max]
            #expect(Set(try await shelves.rows(keys: picked.map { .int($0) }).map(\.id)) == [ids[0], ids[3], ids[5]])
            #expect(Statements.keyList([.int(1), .int(-2)], dialect: .postgres) == .string("{1,-2}"))
            #expect(Statements.keyList([.string("a\"b"), .string("c\\d")], dialect: .postgres) == .string(#"{"a\"b","c\\d"}"#))
            #expect(Statements.keyList([.int(1), .string("a\"b")], dialect: .sqlite) == .string(#"[1,"a\"b"]"#))
        }
    }
}
