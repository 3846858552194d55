/// What a list asks for: a filter, a sort (the primary key is always the final tie-breaker) and a page.
public struct ListQuery: Sendable, Hashable {
    public enum Page: Sendable, Hashable {
        /// 1-based page number.
        case offset(page: Int, limit: Int)
        /// Keyset pagination; `after` is the previous page's `nextCursor`.
        case cursor(after: String?, limit: Int)
    }

    public var filter: Filter?
    public var sort: [SortKey]
    public var page: Page

    public init(filter: Filter? = nil, sort: [SortKey] = [], page: Page = .offset(page: 1, limit: 50)) {
        self.filter = filter
        self.sort = sort
        self.page = page
    }
}

/// A keyset page: `{"items":[…],"nextCursor":…,"hasNext":…}`.
public struct CursorPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public var hasNext: Bool

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
        self.hasNext = nextCursor != nil
    }

    public func map<Other: Sendable>(_ transform: ([Item]) async throws -> [Other]) async rethrows -> CursorPage<Other> {
        CursorPage<Other>(items: try await transform(items), nextCursor: nextCursor)
    }
}

extension CursorPage: Encodable where Item: Encodable {
    enum CodingKeys: String, CodingKey {
        case items, nextCursor, hasNext
    }

    /// Always present in JSON, `null` on the last page.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(hasNext, forKey: .hasNext)
    }
}

extension CursorPage: Equatable where Item: Equatable {}

/// The result of a list: an offset page or a cursor page, per the query.
public enum ListPage<Item: Sendable>: Sendable {
    case offset(OffsetPage<Item>)
    case cursor(CursorPage<Item>)

    public var items: [Item] {
        switch self {
        case .offset(let page): page.items
        case .cursor(let page): page.items
        }
    }

    public func map<Other: Sendable>(_ transform: ([Item]) async throws -> [Other]) async rethrows -> ListPage<Other> {
        switch self {
        case .offset(let page): .offset(try await page.map(transform))
        case .cursor(let page): .cursor(try await page.map(transform))
        }
    }
}

extension ListPage: Encodable where Item: Encodable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .offset(let page): try page.encode(to: encoder)
        case .cursor(let page): try page.encode(to: encoder)
        }
    }
}

extension CursorPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page(hasNext: hasNext, items: items) { writer in
            writer.key("nextCursor")
            if let nextCursor { writer.writeString(nextCursor) } else { writer.writeNull() }
        }
    }
}

extension ListPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .offset(let page): page.writeJSON(to: &writer)
        case .cursor(let page): page.writeJSON(to: &writer)
        }
    }
}
