import Foundation
import LoomRuntime
import Testing
import TestSupport

/// The same data and the same random queries on SQLite and PostgreSQL must give the same rows in the same order:
/// "behaves the same on both backends" checked by construction rather than case by case.
@Suite("SQLite and PostgreSQL agree", .serialized)
struct DifferentialTests {
    static let names = ["Lamp", "lamp", "LAMP_1%", "lamp_11%", "Émile", "émile", "straße", "a\\b", "x y", "Zebra", "zebra 2"]
    static let patterns = ["L%", "%a%", "_amp", "%\\%", "%\\_1%", "l%", "%E%", "a\\\\b", "%", "x _"]

    @Test func randomQueriesGiveTheSameRows() async throws {
        try await TestBackend.sqlite.withEngine { sqlite in
            try await TestBackend.postgres.withEngine { postgres in
                let lite = try await RepositoryTests.repository(sqlite)
                let pg = try await RepositoryTests.repository(postgres)
                var generator = SeededGenerator(seed: 7)
                let base = Date(timeIntervalSince1970: 1_700_000_000)
                for index in 0..<48 {
                    let input = CreateGadget(
                        name: Self.names.randomElement(using: &generator)!, code: "D\(index)",
                        weight: [nil, 0, 0.5, 2, 2.5].randomElement(using: &generator)!,
                        active: Bool.random(using: &generator),
                        seenAt: Bool.random(using: &generator)
                            ? nil : base.addingTimeInterval(Double(Int.random(in: 0..<5_000_000, using: &generator)) / 1_000))
                    _ = try await lite.create(input)
                    _ = try await pg.create(input)
                }
                var disagreements: [String] = []
                for round in 0..<300 {
                    let filter = Self.randomFilter(using: &generator, depth: 0)
                    let sort = Self.randomSort(using: &generator)
                    let query = ListQuery(filter: filter, sort: sort, page: .offset(page: 1, limit: 100))
                    guard case .offset(let a) = try await lite.list(query), case .offset(let b) = try await pg.list(query) else { continue }
                    if a.items.map(\.id) != b.items.map(\.id) {
                        disagreements.append("#\(round) \(filter) sort \(sort.map { "\($0.column) \($0.direction)" }): "
                            + "sqlite \(a.items.map(\.id)) postgres \(b.items.map(\.id))")
                    }
                }
                #expect(disagreements.isEmpty, "\(disagreements.count) of 300 differ, e.g. \(disagreements.prefix(2))")
            }
        }
    }

    static func randomFilter(using generator: inout SeededGenerator, depth: Int) -> Filter {
        if depth < 2, Int.random(in: 0..<4, using: &generator) == 0 {
            let parts = (0..<Int.random(in: 2...3, using: &generator)).map { _ in randomFilter(using: &generator, depth: depth + 1) }
            return Bool.random(using: &generator) ? .all(parts) : .any(parts)
        }
        let name = names.randomElement(using: &generator)!
        let pattern = patterns.randomElement(using: &generator)!
        let weight = [0, 0.5, 2, 2.5, 1].randomElement(using: &generator)!
        let instant = Date(timeIntervalSince1970: 1_700_000_000 + Double(Int.random(in: 0..<5_000, using: &generator)))
        switch Int.random(in: 0..<14, using: &generator) {
        case 0: return Gadget.Fields.name.eq(name)
        case 1: return Gadget.Fields.name.ne(name)
        case 2: return Gadget.Fields.name.like(pattern)
        case 3: return Gadget.Fields.name.ilike(pattern)
        case 4: return Gadget.Fields.name.contains(String(name.prefix(2)))
        case 5: return Gadget.Fields.name.startsWith(String(name.prefix(1)))
        case 6: return Gadget.Fields.name.gt(name)
        case 7: return Gadget.Fields.weight.gt(weight)
        case 8: return Gadget.Fields.weight.lte(weight)
        case 9: return Gadget.Fields.weight.ne(weight)
        case 10: return .condition(.init(column: "weight", op: Bool.random(using: &generator) ? .isNull : .isNotNull, values: []))
        case 11: return Gadget.Fields.active.eq(Bool.random(using: &generator))
        case 12: return Gadget.Fields.seenAt.gt(instant)
        default: return Gadget.Fields.name.notIn([name, names.randomElement(using: &generator)!])
        }
    }

    static func randomSort(using generator: inout SeededGenerator) -> [SortKey] {
        let keys = [
            Gadget.Fields.name.ascending, Gadget.Fields.name.descending, Gadget.Fields.weight.ascending,
            Gadget.Fields.weight.descending, Gadget.Fields.seenAt.ascending, Gadget.Fields.active.descending,
        ]
        return Array(keys.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator)))
    }
}
