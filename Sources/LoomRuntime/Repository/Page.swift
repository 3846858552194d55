/// An offset page: `{"items":[…],"totalCount":N,"page":P,"limit":L,"hasNext":B}`. `totalCount` is the true total
/// even on a page past the end.
public struct OffsetPage<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var totalCount: Int
    public var page: Int
    public var limit: Int
    public var hasNext: Bool

    public init(items: [Item], totalCount: Int, page: Int, limit: Int) {
        self.items = items
        self.totalCount = totalCount
        self.page = page
        self.limit = limit
        self.hasNext = page * limit < totalCount
    }
}

extension OffsetPage: Equatable where Item: Equatable {}

/// Page size rules shared by every list route.
public struct PageLimits: Sendable, Hashable {
    public var defaultLimit: Int
    public var maximumLimit: Int

    public init(defaultLimit: Int = 50, maximumLimit: Int = 1000) {
        self.defaultLimit = defaultLimit
        self.maximumLimit = maximumLimit
    }
}
