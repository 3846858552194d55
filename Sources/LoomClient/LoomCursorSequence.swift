/// Every item of a cursor-paged list, page after page: the first page, then `after` = the last page's
/// `nextCursor`, until a page says `hasNext: false`. A page is fetched only when the items before it are used up,
/// so breaking out of a `for try await` loop stops the requests.
public struct LoomCursorSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    /// Fetches the page after a cursor (nil: the first page).
    public typealias FetchPage = @Sendable (_ after: String?) async throws -> CursorPage<Item>

    let fetch: FetchPage
    let start: String?

    /// `start`: the cursor to begin after, nil for the list's beginning.
    public init(startingAfter start: String? = nil, fetch: @escaping FetchPage) {
        self.fetch = fetch
        self.start = start
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, cursor: start)
    }

    /// The pages themselves, in order, for a caller that wants `items` a page at a time.
    public var pages: Pages { Pages(fetch: fetch, start: start) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: FetchPage
        var cursor: String?
        var buffered: [Item] = []
        var index = 0
        var finished = false

        init(fetch: @escaping FetchPage, cursor: String?) {
            self.fetch = fetch
            self.cursor = cursor
        }

        public mutating func next() async throws -> Item? {
            while index == buffered.count {
                guard !finished else { return nil }
                let page = try await fetch(cursor)
                (buffered, index) = (page.items, 0)
                (cursor, finished) = try LoomCursorSequence.following(page, after: cursor)
            }
            defer { index += 1 }
            return buffered[index]
        }
    }

    public struct Pages: AsyncSequence, Sendable {
        public typealias Element = CursorPage<Item>
        let fetch: FetchPage
        let start: String?

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch, cursor: start) }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let fetch: FetchPage
            var cursor: String?
            var finished = false

            public mutating func next() async throws -> CursorPage<Item>? {
                guard !finished else { return nil }
                let page = try await fetch(cursor)
                (cursor, finished) = try LoomCursorSequence.following(page, after: cursor)
                return page
            }
        }
    }

    /// The cursor after `page`, and whether it was the last. A page that says there is more but names no new
    /// cursor would be asked for again forever: that is an error, not the end.
    static func following(_ page: CursorPage<Item>, after previous: String?) throws -> (cursor: String?, finished: Bool) {
        guard page.hasNext else { return (page.nextCursor, true) }
        guard let next = page.nextCursor, !next.isEmpty, next != previous else {
            throw LoomCursorError(cursor: page.nextCursor)
        }
        return (next, false)
    }
}

/// A cursor page with `hasNext: true` but no `nextCursor`, or the same cursor as the page before.
public struct LoomCursorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var cursor: String?

    public var description: String {
        "a cursor page says hasNext but " + (cursor.map { "repeats the cursor '\($0)'" } ?? "gives no nextCursor")
    }
}
