import LoomVocabulary

/// A page of an offset-paged list: `{"items":[…],"totalCount":…,"page":…,"limit":…,"hasNext":…}`
/// (`PageEnvelope.offsetMembers`).
public struct OffsetPage<Item> {
    public var items: [Item]
    public var totalCount: Int
    /// From 1.
    public var page: Int
    public var limit: Int
    public var hasNext: Bool

    public init(items: [Item], totalCount: Int, page: Int, limit: Int, hasNext: Bool) {
        self.items = items
        self.totalCount = totalCount
        self.page = page
        self.limit = limit
        self.hasNext = hasNext
    }

    /// The members in `PageEnvelope.offsetMembers`' order (a test holds the two equal).
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case items, totalCount, page, limit, hasNext
    }
}

/// A page of a cursor-paged list: `{"items":[…],"nextCursor":…|null,"hasNext":…}` (`PageEnvelope.cursorMembers`);
/// the next page is asked for with `after=nextCursor`.
public struct CursorPage<Item> {
    public var items: [Item]
    public var nextCursor: String?
    public var hasNext: Bool

    public init(items: [Item], nextCursor: String?, hasNext: Bool) {
        self.items = items
        self.nextCursor = nextCursor
        self.hasNext = hasNext
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case items, nextCursor, hasNext
    }
}

extension OffsetPage: Decodable where Item: Decodable {}
extension OffsetPage: Encodable where Item: Encodable {}
extension OffsetPage: Sendable where Item: Sendable {}
extension OffsetPage: Equatable where Item: Equatable {}
extension OffsetPage: Hashable where Item: Hashable {}

extension CursorPage: Decodable where Item: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([Item].self, forKey: .items)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        hasNext = try container.decode(Bool.self, forKey: .hasNext)
    }
}

extension CursorPage: Encodable where Item: Encodable {
    /// `nextCursor` written as `null` when there is none, as the server writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(hasNext, forKey: .hasNext)
    }
}

extension CursorPage: Sendable where Item: Sendable {}
extension CursorPage: Equatable where Item: Equatable {}
extension CursorPage: Hashable where Item: Hashable {}
