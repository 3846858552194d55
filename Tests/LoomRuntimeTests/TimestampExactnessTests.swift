import Foundation
import LoomRuntime
import Testing
import TestSupport

/// A `DateTime` a client reads from a response and sends back (as a filter or inside a cursor) must match the same
/// row on both backends. PostgreSQL stores microseconds; a `Date` is a `Double`, and postgres-nio truncates its
/// microseconds toward zero, so about a quarter of values used to bind one microsecond early.
@Suite("Exact timestamps", .serialized)
struct TimestampExactnessTests {
    /// Random instants with microsecond precision, as a response prints them.
    static func instants(count: Int) -> [String] {
        var generator = SeededGenerator(seed: 0x5EED)
        return (0..<count).map { _ in
            let micros = Int64.random(in: 1_600_000_000_000_000...1_900_000_000_000_000, using: &generator)
            return Timestamp.format(Date(timeIntervalSince1970: Double(micros) / 1_000_000))
        }
    }

    @Test("a timestamp read back and sent as a filter finds its row", arguments: TestBackend.allCases)
    func roundTripThroughAFilter(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            var missed: [String] = []
            for (index, text) in Self.instants(count: 200).enumerated() {
                let written = try #require(Timestamp.parse(text))
                let created = try await gadgets.create(CreateGadget(name: "g", code: "T\(index)", seenAt: written))
                // What a client sees, parsed back the way a filter value is.
                let echoed = try #require(created.seenAt.map(Timestamp.format))
                let sent = try #require(Timestamp.parse(echoed))
                let found = try await gadgets.all(where: Gadget.Fields.seenAt.eq(sent)).map(\.id)
                if echoed != text || found != [created.id] { missed.append("\(text) → \(echoed), found \(found)") }
            }
            #expect(missed.isEmpty, "\(missed.count) of 200 missed, e.g. \(missed.prefix(3))")
        }
    }

    /// A client following `nextCursor` over a timestamp sort at one row a page used to loop forever on PostgreSQL:
    /// the cursor's instant bound a microsecond early and the same row came back. The walk must equal the listing.
    @Test("cursor walks over microsecond timestamps equal the offset listing", arguments: TestBackend.allCases)
    func cursorWalkOverTimestamps(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let gadgets = try await RepositoryTests.repository(engine)
            for (index, text) in Self.instants(count: 40).enumerated() {
                _ = try await gadgets.create(CreateGadget(name: "g", code: "W\(index)", seenAt: Timestamp.parse(text)))
            }
            for sort in [[Gadget.Fields.seenAt.ascending], [Gadget.Fields.seenAt.descending], [Gadget.Fields.createdAt.ascending],
                         [Gadget.Fields.updatedAt.descending]] {
                guard case .offset(let all) = try await gadgets.list(ListQuery(sort: sort, page: .offset(page: 1, limit: 100))) else { return }
                var walked: [Int] = []
                var after: String?
                repeat {
                    guard case .cursor(let page) = try await gadgets.list(ListQuery(sort: sort, page: .cursor(after: after, limit: 1)))
                    else { return }
                    walked += page.items.map(\.id)
                    after = page.nextCursor
                } while after != nil && walked.count <= 100
                #expect(walked == all.items.map(\.id), "sort \(sort.map { "\($0.column) \($0.direction)" })")
            }
        }
    }
}
