import HTTPTypes

extension LoomClientCore {
    /// One page of an offset-paged list (`GET path?page=…`).
    public func offsetPage<Item: Decodable>(
        path: String, query: LoomListQuery = LoomListQuery(), of item: Item.Type, operationID: String? = nil
    ) async throws -> OffsetPage<Item> {
        try await send(.get, path: path, query: query.queryItems, as: OffsetPage<Item>.self, operationID: operationID)
    }

    /// One page of a cursor-paged list (`GET path?after=…`).
    public func cursorPage<Item: Decodable>(
        path: String, query: LoomListQuery = LoomListQuery(), of item: Item.Type, operationID: String? = nil
    ) async throws -> CursorPage<Item> {
        try await send(.get, path: path, query: query.queryItems, as: CursorPage<Item>.self, operationID: operationID)
    }

    /// Every item of a cursor-paged list from `query.after` on (the list's start when nil), fetched a page at a
    /// time with `query`'s filters, sort and limit. `query.page` is dropped: cursor pages have no number.
    public func cursorItems<Item: Decodable & Sendable>(
        path: String, query: LoomListQuery = LoomListQuery(), of item: Item.Type, operationID: String? = nil
    ) -> LoomCursorSequence<Item> {
        var base = query
        base.page = nil
        let first = base, core = self
        return LoomCursorSequence(startingAfter: query.after) { after in
            var query = first
            query.after = after
            return try await core.cursorPage(path: path, query: query, of: Item.self, operationID: operationID)
        }
    }
}
