import Foundation
import LoomClient
import LoomVocabulary
import Testing

@Suite("list queries: filters by operator kind, sort, direction, pages, profile")
struct QueryRenderingTests {
    enum Status: String, LoomParameterValue { case created, paid }

    @Test("every operator: eq bare, the others as field__op", arguments: FilterOperator.allCases)
    func parameterNames(op: FilterOperator) {
        let filter = LoomFilter("priceCents", op, 5)
        #expect(filter.queryItem.name == (op == .eq ? "priceCents" : "priceCents__" + op.rawValue))
    }

    @Test("value operators take one value; list operators a comma list; flags true/false; patterns as text")
    func operands() {
        var query = LoomListQuery()
        query.filter("priceCents", .eq, 100)
        query.filter("priceCents", .ne, 7)
        query.filter("priceCents", .gt, 1)
        query.filter("priceCents", .gte, 2)
        query.filter("priceCents", .lt, 3)
        query.filter("priceCents", .lte, 4)
        query.filter("category", .in, ["tools", "garden"])
        query.filter("id", .notIn, [1, 2, 3])
        query.filter("stock", .isNull, false)
        query.filter("stock", .isNotNull, true)
        query.filter("name", .like, "S%")
        query.filter("name", .ilike, "s%")
        query.filter("name", .contains, "aw")
        query.filter("sku", .startsWith, "S")
        #expect(query.queryItems.map(\.description) == [
            "priceCents=100", "priceCents__ne=7", "priceCents__gt=1", "priceCents__gte=2", "priceCents__lt=3", "priceCents__lte=4",
            "category__in=tools,garden", "id__not_in=1,2,3", "stock__is_null=false", "stock__is_not_null=true",
            "name__like=S%", "name__ilike=s%", "name__contains=aw", "sku__startswith=S",
        ])
        // Each operator's operand kind is covered above.
        #expect(Set(query.filters.map(\.op.operand)) == [.value, .list, .flag, .pattern])
    }

    @Test("typed values: dates to the microsecond in UTC, UUIDs lower case, decimals plain, Bools, enums by raw value")
    func typedValues() {
        var query = LoomListQuery()
        query.filter("createdAt", .gte, Date(timeIntervalSince1970: 1_796_464_800.5))
        query.filter("id", .eq, UUID(uuidString: "F5F0EF54-55F1-4960-B967-F5A3A828E389")!)
        query.filter("price", .lt, Decimal(string: "12.50")!)
        query.filter("active", .eq, true)
        query.filter("status", .in, [Status.created, .paid])
        query.filter("ratio", .gt, 0.25)
        #expect(query.queryItems.map(\.description) == [
            "createdAt__gte=2026-12-05T10:00:00.500000Z", "id=f5f0ef54-55f1-4960-b967-f5a3a828e389", "price__lt=12.5",
            "active=true", "status__in=created,paid", "ratio__gt=0.25",
        ])
    }

    @Test("sort keys with - for descending, direction, pagination, page, limit, after, profile, in that order")
    func listParameters() {
        var query = LoomListQuery(
            sort: [.descending("priceCents"), .ascending("id")], direction: .desc, pagination: .offset, page: 2, limit: 20,
            after: "abc", profile: "withTags")
        query.filter("category", .eq, "tools")
        #expect(query.queryItems.map(\.description) == [
            "category=tools", "sort=-priceCents,id", "direction=desc", "pagination=offset", "page=2", "limit=20", "after=abc",
            "profile=withTags",
        ])
        #expect(LoomListQuery().queryItems.isEmpty)
    }

    @Test("the query string escapes what would change its meaning: + & = # % space, and non-ASCII")
    func queryString() async throws {
        var query = LoomListQuery(limit: 5)
        query.filter("name", .contains, "a+b & c=d #1 100% café")
        query.filter("createdAt", .lt, Date(timeIntervalSince1970: 0))
        let transport = RecordingTransport(body: #"{"items":[],"nextCursor":null,"hasNext":false}"#)
        let client = LoomClientCore.testing(transport)
        let page = try await client.cursorPage(path: "/products", query: query, of: Product.self)
        #expect(page.items.isEmpty && !page.hasNext && page.nextCursor == nil)
        #expect(transport.requests.first?.path
            == "/products?name__contains=a%2Bb%20%26%20c%3Dd%20%231%20100%25%20caf%C3%A9&createdAt__lt=1970-01-01T00%3A00%3A00.000000Z&limit=5")
    }
}
