import Foundation
import LoomRuntime
import Testing

/// One transaction per unit of work, on both backends: all of it or none of it, nested work joining.
@Suite("Transactions", .serialized)
struct TransactionTests {
    struct Abort: Error {}

    @Test("commit on return, rollback on throw, nested calls join", arguments: TestBackend.allCases)
    func commitAndRollback(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            _ = try await RepositoryTests.repository(engine)
            let database = Database(engine: engine)

            let created = try await database.transaction { tx in
                let gadgets = tx.repository(Gadget.self)
                let first = try await gadgets.create(CreateGadget(name: "A", code: "A"))
                // a nested unit of work joins the outer transaction and sees its writes
                let second = try await tx.transaction { inner in
                    #expect(try await inner.repository(Gadget.self).get(first.id) != nil)
                    return try await inner.repository(Gadget.self).create(CreateGadget(name: "B", code: "B"))
                }
                return [first.id, second.id]
            }
            #expect(try await database.repository(Gadget.self).count() == 2)
            #expect(created.count == 2)

            await #expect(throws: Abort.self) {
                try await database.transaction { tx in
                    _ = try await tx.repository(Gadget.self).create(CreateGadget(name: "C", code: "C"))
                    try await tx.transaction { inner in
                        _ = try await inner.repository(Gadget.self).update(created[0], with: UpdateGadget(name: .value("changed")))
                    }
                    throw Abort()
                }
            }
            #expect(try await database.repository(Gadget.self).count() == 2)
            #expect(try await database.repository(Gadget.self).get(created[0])?.name == "A")

            // a constraint failure inside rolls back the earlier writes too, and maps like outside
            await #expect(throws: LoomError.self) {
                try await database.transaction { tx in
                    _ = try await tx.repository(Gadget.self).create(CreateGadget(name: "D", code: "D"))
                    _ = try await tx.repository(Gadget.self).create(CreateGadget(name: "A again", code: "A"))
                }
            }
            #expect(try await database.repository(Gadget.self).count() == 2)
        }
    }

    @Test("concurrent transactions do not interleave", arguments: TestBackend.allCases)
    func isolation(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            _ = try await RepositoryTests.repository(engine)
            let database = Database(engine: engine)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try? await database.transaction { tx in
                            _ = try await tx.repository(Gadget.self).create(CreateGadget(name: "T\(index)", code: "T\(index)"))
                            if index % 2 == 1 { throw Abort() }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let codes = try await database.repository(Gadget.self).list(page: 1, limit: 50).items.map(\.code).sorted()
            #expect(codes == ["T0", "T2", "T4", "T6"])
        }
    }
}
