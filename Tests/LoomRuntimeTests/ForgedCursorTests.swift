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
