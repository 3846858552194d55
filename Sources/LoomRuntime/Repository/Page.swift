import LoomVocabulary

/// An offset page: `{"items":[…],"totalCount":N,"page":P,"limit":L,"hasNext":B}`. `totalCount` is the true total
/// even on a page past the end.
public struct OffsetPage<Item: Sendable>: Sendable {
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
extension OffsetPage: Encodable where Item: Encodable {}
extension OffsetPage: Decodable where Item: Decodable {}

extension OffsetPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page(hasNext: hasNext, items: items) { writer in
            writer.key("limit")
            writer.writeInt(limit)
            writer.key("page")
            writer.writeInt(page)
            writer.key("totalCount")
            writer.writeInt(totalCount)
        }
    }
}

extension OffsetPage {
    /// The same page with each item transformed (a profile applied, say).
    public func map<Other: Sendable>(_ transform: ([Item]) async throws -> [Other]) async rethrows -> OffsetPage<Other> {
        OffsetPage<Other>(items: try await transform(items), totalCount: totalCount, page: page, limit: limit)
    }
}

/// Page size rules shared by every list route.
public struct PageLimits: Sendable, Hashable {
    public var defaultLimit: Int
    public var maximumLimit: Int

    public init(defaultLimit: Int = ListParameter.defaultLimit, maximumLimit: Int = ListParameter.maximumLimit) {
        self.defaultLimit = defaultLimit
        self.maximumLimit = maximumLimit
    }
}
