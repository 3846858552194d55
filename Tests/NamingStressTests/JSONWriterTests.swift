import Foundation
import LoomRuntime
import NamingStress
import Testing

/// The generated JSON writers give, byte for byte, what `LoomJSON.encoder` gives for the same value: every scalar
/// type, the names that clash with the writer's own, escapes, instants, pages, profiles and hidden fields.
@Suite struct JSONWriterTests {
    func expectSameBytes<Value: JSONWritable & Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = try LoomJSON.encoder.encode(value)
        let written = JSONWriter.bytes(of: value)
        #expect(
            String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self), sourceLocation: sourceLocation)
        #expect(written == Array(encoded), sourceLocation: sourceLocation)
    }

    /// Strings that need every kind of escape, and some that need none.
    static let awkwardStrings = [
        "", "plain", "quote \" and backslash \\ and slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F}",
        "é ñ 中文 😀 \u{2028}\u{2029}", "tab\tnew\nline", String(repeating: "x\"", count: 300),
    ]

    static func measure(_ index: Int, random: inout some RandomNumberGenerator) -> Measure {
        let strings = awkwardStrings
        return Measure(
            id: [0, 1, -1, Int.max, Int.min, 42][index % 6],
            writer: [0, -0.0, 1, 0.1, 1e20, 123_456_789.125, -2.5e-7][index % 7],
            amount: [Decimal(string: "12.34")!, 0, Decimal(string: "-99999999.99")!][index % 3],
            day: CalendarDate(["2026-12-05", "0001-01-01", "2024-02-29"][index % 3])!,
            at: index % 4 == 0 ? nil : Date(timeIntervalSince1970: Double(Int64.random(in: -62_000_000_000_000_000...250_000_000_000_000_000, using: &random)) / 1_000_000),
            token: UUID(),
            payload: index % 3 == 0 ? nil : .object(["b": .array([.number(1.5), .null, .bool(true)]), "a": .string(strings[index % strings.count])]),
            tags: Array(strings.prefix(index % strings.count)),
            value: index % 2 == 0 ? nil : .open,
            small: [Int32.min, 0, Int32.max][index % 3],
            note: index % 5 == 0 ? nil : strings[index % strings.count],
            flag: index % 2 == 0)
    }

    @Test func everyScalarTypeAndEscape() throws {
        var random = SystemRandomNumberGenerator()
        for index in 0..<60 { try expectSameBytes(Self.measure(index, random: &random)) }
    }

    /// UUIDs in lower case, by the writer and the encoder alike (Foundation's own spelling is upper case).
    @Test func uuidsInLowerCase() throws {
        var random = SystemRandomNumberGenerator()
        var measure = Self.measure(1, random: &random)
        measure.token = try #require(UUID(uuidString: "63B08D58-E537-465C-AF08-EF0DF8E1CF58"))
        try expectSameBytes(measure)
        let text = String(decoding: JSONWriter.bytes(of: measure), as: UTF8.self)
        #expect(text.contains(#""token":"63b08d58-e537-465c-af08-ef0df8e1cf58""#), "\(text)")
    }

    @Test func instantsAtTheEdges() throws {
        var random = SystemRandomNumberGenerator()
        let edges: [Double] = [0, -1, 1e-6, -1e-6, 951_782_400.5, -62_135_596_800, 253_402_300_799.999_999, 1e300, -1e300]
        for (index, seconds) in edges.enumerated() {
            var measure = Self.measure(index, random: &random)
            measure.at = Date(timeIntervalSince1970: seconds)
            try expectSameBytes(measure)
        }
    }

    @Test func pagesProfilesAndHiddenFields() throws {
        var random = SystemRandomNumberGenerator()
        let rows = (0..<5).map { Self.measure($0, random: &random) }
        try expectSameBytes(OffsetPage(items: rows, totalCount: 11, page: 2, limit: 5))
        try expectSameBytes(OffsetPage(items: [Measure](), totalCount: 0, page: 1, limit: 5))
        try expectSameBytes(CursorPage(items: rows, nextCursor: "eyJ2IjoxfQ"))
        try expectSameBytes(ListPage.cursor(CursorPage(items: rows, nextCursor: nil)))
        // A profile's members merge into the entity's keys in order: before the first, between two, after the last.
        let related: [any Encodable & Sendable] = [Redacted(rows[1], hiding: []), Redacted(rows[2], hiding: ["note", "id"])]
        let profiled = Profiled(
            entity: rows[3],
            extras: [("zzz", .number(3)), ("aaa", .many(related)), ("idx", .one(Redacted(rows[4], hiding: ["flag"]))),
                     ("none", .one(nil)), ("flagged", .flag(true)), ("empty", .many([]))],
            hidden: ["token", "writer"])
        try expectSameBytes(profiled)
        try expectSameBytes(OffsetPage(items: [profiled, profiled], totalCount: 2, page: 1, limit: 10))
        try expectSameBytes(Redacted(rows[0], hiding: ["amount", "value", "id", "writer"]))
        try expectSameBytes(Redacted(rows[0], hiding: []))
        try expectSameBytes(rows)
        try expectSameBytes([Measure]())
    }

    /// A model whose fields are named like the runtime's members, with optionals left out.
    @Test func namingStressModels() throws {
        let repository = NamingStress.Repository(
            id: 7, primaryKey: "k\"", rowValues: 0, assignments: nil, fieldNames: "x", table: "t", relations: 3, profiles: true,
            violations: "v", container: 1, decoder: nil, encoder: 2, row: nil, entity: nil, input: nil, status: .open,
            rawValue: nil, hashValue: 9, cache: false)
        try expectSameBytes(repository)
    }
}
