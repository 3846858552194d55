import Foundation
import LoomRuntime
import Testing

/// A write naming a parent that does not exist is a 404 naming the parent, on both backends, in or out of a
/// transaction. PostgreSQL aborts a transaction at the refused insert, so a follow-up query to find the missing
/// parent failed there (25P02, a 500); the database's own report names it instead.
@Suite("Missing parents", .serialized)
struct MissingParentTests {
    @Test("a missing parent is a 404 naming it, also inside a transaction", arguments: TestBackend.allCases)
    func missingParent(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            _ = try await ProfileTests.setUp(engine)
            let expected = LoomError.notFound(entity: "Shelf", id: "99")
            await #expect(throws: expected) {
                _ = try await Repository<Book>(engine: engine).create(NewBook(shelfId: 99, title: "orphan"))
            }
            let database = Database(engine: engine)
            await #expect(throws: expected) {
                try await database.transaction { tx in
                    _ = try await tx.repository(Book.self).create(NewBook(shelfId: 99, title: "orphan"))
                }
            }
            // The refused write rolled back alone: the rows the set-up wrote are all there.
            #expect(try await Repository<Book>(engine: engine).count() == 10)
        }
    }
}
