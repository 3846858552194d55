import Foundation
import LoomClient
import Testing

@Suite("pages: the two envelopes, and the walk over cursor pages")
struct PageTests {
    /// A cursor list of `total` numbers, `limit` a page: the cursor is the last number given, as text.
    static func numbers(total: Int, limit: Int) -> RecordingTransport {
        RecordingTransport { request in
            let components = URLComponents(string: request.path)!
            let after = components.queryItems?.first { $0.name == "after" }?.value.flatMap(Int.init) ?? 0
            let items = Array((after + 1)...max(after + 1, min(total, after + limit))).filter { $0 <= total }
            let hasNext = (items.last ?? total) < total
            let cursor = hasNext ? "\"\(items.last!)\"" : "null"
            return .answer(status: 200, body: #"{"items":\#(items),"nextCursor":\#(cursor),"hasNext":\#(hasNext)}"#)
        }
    }

    @Test("an offset page")
    func offsetPage() async throws {
        let transport = RecordingTransport(body: #"{"items":[1,2],"totalCount":5,"page":1,"limit":2,"hasNext":true}"#)
        let page = try await LoomClientCore.testing(transport).offsetPage(
            path: "/products/low-stock", query: LoomListQuery(page: 1, limit: 2), of: Int.self)
        #expect(page == OffsetPage(items: [1, 2], totalCount: 5, page: 1, limit: 2, hasNext: true))
        #expect(transport.requests.first?.path == "/products/low-stock?page=1&limit=2")
    }

    @Test("the walk follows nextCursor as after and stops at hasNext: false")
    func walk() async throws {
        let transport = Self.numbers(total: 7, limit: 3)
        var query = LoomListQuery(sort: [.ascending("id")], limit: 3)
        query.filter("category", .eq, "tools")
        query.page = 4  // dropped: cursor pages have no number
        var seen: [Int] = []
        for try await number in LoomClientCore.testing(transport).cursorItems(path: "/products", query: query, of: Int.self) {
            seen.append(number)
        }
        #expect(seen == [1, 2, 3, 4, 5, 6, 7])
        #expect(transport.requests.map(\.path) == [
            "/products?category=tools&sort=id&limit=3",
            "/products?category=tools&sort=id&limit=3&after=3",
            "/products?category=tools&sort=id&limit=3&after=6",
        ])
    }

    @Test("an empty list is one request; breaking out early stops the requests; pages one at a time")
    func earlyEnds() async throws {
        let empty = RecordingTransport(body: #"{"items":[],"nextCursor":null,"hasNext":false}"#)
        var count = 0
        for try await _ in LoomClientCore.testing(empty).cursorItems(path: "/products", of: Int.self) { count += 1 }
        #expect(count == 0 && empty.requests.count == 1)

        let long = Self.numbers(total: 100, limit: 10)
        for try await number in LoomClientCore.testing(long).cursorItems(path: "/products", of: Int.self) where number == 12 { break }
        #expect(long.requests.count == 2)

        let paged = Self.numbers(total: 5, limit: 2)
        var sizes: [Int] = []
        for try await page in LoomClientCore.testing(paged).cursorItems(path: "/p", query: LoomListQuery(limit: 2), of: Int.self).pages {
            sizes.append(page.items.count)
        }
        #expect(sizes == [2, 2, 1])
    }

    @Test("a page that says hasNext without a new cursor is an error, not an endless walk")
    func brokenCursor() async throws {
        let transport = RecordingTransport(body: #"{"items":[1],"nextCursor":null,"hasNext":true}"#)
        await #expect(throws: LoomCursorError.self) {
            for try await _ in LoomClientCore.testing(transport).cursorItems(path: "/p", of: Int.self) {}
        }
        let repeating = RecordingTransport(body: #"{"items":[1],"nextCursor":"same","hasNext":true}"#)
        await #expect(throws: LoomCursorError.self) {
            for try await _ in LoomClientCore.testing(repeating).cursorItems(path: "/p", of: Int.self) {}
        }
        #expect(repeating.requests.count == 2)
    }

    @Test("a cursor page's nextCursor may be null or absent")
    func nullCursor() throws {
        let decoder = LoomJSONCoding.makeDecoder()
        let page = try decoder.decode(CursorPage<Int>.self, from: Data(#"{"items":[1],"hasNext":false}"#.utf8))
        #expect(page == CursorPage(items: [1], nextCursor: nil, hasNext: false))
        let written = try LoomJSONCoding.makeEncoder().encode(page)
        #expect(String(decoding: written, as: UTF8.self) == #"{"hasNext":false,"items":[1],"nextCursor":null}"#)
    }
}
