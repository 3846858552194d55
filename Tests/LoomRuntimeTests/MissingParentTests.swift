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

/// A write scoped to a parent touches only that parent's row, checked in the same statement (a nested route's PATCH
/// and DELETE): a row of another parent is left alone, as if missing.
@Suite("Scoped writes", .serialized)
struct ScopedWriteTests {
    @Test("update and delete with a scope leave another parent's row alone", arguments: TestBackend.allCases)
    func scopedWrites(backend: TestBackend) async throws {
        try await backend.withEngine { engine in
            let (_, books) = try await ProfileTests.setUp(engine)
            let book = try #require(try await books.all(where: .condition(.init(column: "shelf_id", op: .eq, values: [.int(2)]))).first)
            let otherShelf = RowScope(column: "shelf_id", value: .int(3))
            #expect(try await books.update(book.id, with: BookPatch(title: .value("moved")), scope: otherShelf) == nil)
            #expect(try await books.update(book.id, with: BookPatch(), scope: otherShelf) == nil)
            #expect(try await books.delete(book.id, scope: otherShelf) == false)
            #expect(try await books.get(book.id) == book)

            let ownShelf = RowScope(column: "shelf_id", value: .int(2))
            #expect(try await books.update(book.id, with: BookPatch(title: .value("kept")), scope: ownShelf)?.title == "kept")
            #expect(try await books.delete(book.id, scope: ownShelf))
            #expect(try await books.get(book.id) == nil)
        }
    }
}

/// Inside `database.transaction`, code that reaches for the outer `Database` (a captured one) joins the transaction
/// on SQLite instead of waiting forever for the queue the transaction holds.
@Suite("Outer database inside a transaction")
struct OuterDatabaseInTransactionTests {
    @Test func theOuterDatabaseJoinsTheTransaction() async throws {
        try await TestBackend.sqlite.withEngine { engine in
            _ = try await RepositoryTests.repository(engine)
            let database = Database(engine: engine)
            let seen = try await database.transaction { tx in
                _ = try await tx.repository(Gadget.self).create(CreateGadget(name: "in", code: "IN"))
                // The mistake this guards against: the outer database, not `tx`.
                return try await database.repository(Gadget.self).count()
            }
            #expect(seen == 1)
            // After the transaction, the outer database queues as usual.
            #expect(try await database.repository(Gadget.self).count() == 1)
        }
    }
}
