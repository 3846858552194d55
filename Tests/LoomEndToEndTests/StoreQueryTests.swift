import Foundation
import Testing

/// List routes over HTTP: filters, sorts, both pagination modes and their errors, on SQLite and PostgreSQL.
@Suite("Store list queries end to end", .serialized)
struct StoreQueryTests {
    static func seedProducts(_ http: HTTPClient) async throws {
        let rows: [(String, String, Int, Int)] = [
            ("H-1", "tools", 1200, 3), ("S-2", "tools", 2500, 9), ("G-3", "garden", 800, 0),
            ("P-4", "garden", 800, 5), ("L-5", "lights", 4000, 12), ("B-6", "lights", 300, 5),
        ]
        for (sku, category, price, stock) in rows {
            let body = #"{"sku":"\#(sku)","name":"Item \#(sku)","category":"\#(category)","priceCents":\#(price),"stock":\#(stock)}"#
            let result = try await http.post("/products/", body)
            #expect(result.status == 201, "\(result.text)")
        }
    }

    static func skus(_ result: HTTPResult) -> [String] {
        (result.object["items"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
    }

    @Test("products page by cursor by default; walking the pages visits every row once", arguments: Backend.allCases)
    func cursorByDefault(backend: Backend) async throws {
        try await withServer(backend) { http in
            try await Self.seedProducts(http)
            var seen: [String] = []
            var path = "/products/?limit=4&sort=-price_cents"
            for _ in 0..<5 {
                let page = try await http.get(path)
                #expect(page.status == 200, "\(page.text)")
                #expect(page.object["totalCount"] == nil)
                seen += Self.skus(page)
                guard let next = page.object["nextCursor"] as? String else {
                    #expect(page.object["hasNext"] as? Bool == false)
                    break
                }
                #expect(page.object["hasNext"] as? Bool == true)
                path = "/products/?limit=4&sort=-price_cents&after=\(next)"
            }
            // price descending, ties (800) broken by id
            #expect(seen == ["L-5", "S-2", "H-1", "G-3", "P-4", "B-6"])

            let offset = try await http.get("/products/?pagination=offset&limit=4&page=2&sort=-price_cents")
            #expect(offset.object["totalCount"] as? Int == 6)
            #expect(Self.skus(offset) == ["P-4", "B-6"])
        }
    }

    @Test("filters typed by the schema", arguments: Backend.allCases)
    func filters(backend: Backend) async throws {
        try await withServer(backend) { http in
            try await Self.seedProducts(http)
            let cases: [(String, [String])] = [
                ("stock__lte=5", ["H-1", "G-3", "P-4", "B-6"]),
                ("category=garden", ["G-3", "P-4"]),
                ("category__ne=garden&stock__gt=5", ["S-2", "L-5"]),
                ("price_cents__in=800,300", ["G-3", "P-4", "B-6"]),
                ("priceCents__not_in=800,300", ["H-1", "S-2", "L-5"]),
                ("sku__startswith=L", ["L-5"]),
                ("name__contains=-6", ["B-6"]),
                ("name__ilike=item%25-1", ["H-1"]),
                ("sku__like=_-_", ["H-1", "S-2", "G-3", "P-4", "L-5", "B-6"]),
                ("stock__gte=5&sort=stock,-id", ["B-6", "P-4", "S-2", "L-5"]),
                ("sort=category&direction=DESC", ["H-1", "S-2", "L-5", "B-6", "G-3", "P-4"]),
            ]
            for (query, expected) in cases {
                let result = try await http.get("/products/?pagination=offset&\(query)")
                #expect(result.status == 200, "\(query): \(result.text)")
                #expect(Self.skus(result) == expected, "\(query)")
            }
        }
    }

    @Test("a malformed query is a 400 naming the parameter", arguments: Backend.allCases)
    func badQueries(backend: Backend) async throws {
        try await withServer(backend) { http in
            try await Self.seedProducts(http)
            let page = try await http.get("/products/?limit=2&sort=stock")
            let cursor = try #require(page.object["nextCursor"] as? String)
            let cases: [(String, String)] = [
                ("stok__lte=5", "stok__lte"),
                ("stock__lte=abc", "stock__lte"),
                ("stock__between=1", "stock__between"),
                ("stock__is_null=maybe", "stock__is_null"),
                ("stock__contains=1", "stock__contains"),
                ("name__like=lamp%5C", "name__like"),  // a pattern ending in the escape character `\`
                ("name=a%00b", "name"),  // a NUL byte, which no text column can hold
                (Array(repeating: "stock__gte=0", count: 51).joined(separator: "&"), "stock__gte"),  // SQLite's depth limit
                ("name__contains=" + String(repeating: "_", count: 1_001), "name__contains"),  // its pattern limit
                ("sort=nope", "sort"),
                ("direction=UP", "direction"),
                ("pagination=sideways", "pagination"),
                ("limit=0", "limit"),
                ("after=garbage", "cursor"),
                ("after=\(cursor)&sort=price_cents", "cursor"),
                ("after=\(cursor.dropLast())x&sort=stock", "cursor"),
                ("page=2", "page"),
                ("pagination=offset&after=\(cursor)", "cursor"),
            ]
            for (query, parameter) in cases {
                let result = try await http.get("/products/?\(query)")
                #expect(result.status == 400, "\(query) → \(result.status) \(result.text)")
                #expect(result.detail["code"] as? String == "bad_request", "\(query)")
                #expect(result.detail["parameter"] as? String == parameter, "\(query) → \(result.text)")
            }
        }
    }
}
