import Foundation
import Testing

/// The store's use cases over real HTTP on SQLite and PostgreSQL: the schema's statements answer before the user's
/// code (404s in order, then every rule violation at once), custom routes type their parameters, and the job routes
/// are validated before they queue anything.
@Suite("Store use cases end to end", .serialized)
struct StoreUseCaseTests {
    static let address = #"{"label":"home","street":"1 Main St","city":"Springfield","country":"US","zipCode":"12345"}"#

    static func violations(_ result: HTTPResult) -> [String] {
        (result.detail["violations"] as? [[String: Any]] ?? []).map { "\($0["field"] ?? ""): \($0["message"] ?? "")" }
    }

    static func expectRules(_ result: HTTPResult, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 422, "\(result.text)", sourceLocation: sourceLocation)
        #expect(result.detail["code"] as? String == "rule_violations", "\(result.text)", sourceLocation: sourceLocation)
        #expect(violations(result) == expected, sourceLocation: sourceLocation)
        #expect(result.detail["message"] as? String == expected.joined(separator: "; "), sourceLocation: sourceLocation)
    }

    static func expectNotFound(_ result: HTTPResult, _ entity: String, id: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 404, "\(result.text)", sourceLocation: sourceLocation)
        #expect(result.detail["entity"] as? String == entity, "\(result.text)", sourceLocation: sourceLocation)
        #expect(result.detail["id"] as? Int == id, sourceLocation: sourceLocation)
    }

    @Test("users: CreateUser and UpdateUser rules, all at once, 404 before 422", arguments: Backend.allCases)
    func users(backend: Backend) async throws {
        try await withServer(backend) { http in
            let ada = try await http.post("/users", #"{"fullName":"Ada","email":"ada@example.com"}"#)
            #expect(ada.status == 201)
            let adaID = try #require(ada.object["id"] as? Int)
            #expect(ada.headers["location"] == "/users/\(adaID)")
            #expect(try await http.post("/users", #"{"full_name":"Bob","email":"bob@example.com"}"#).status == 201)

            Self.expectRules(try await http.post("/users", #"{"fullName":"Ada 2","email":"ada@example.com"}"#), ["email: email already exists"])
            Self.expectRules(
                try await http.post("/users", #"{"fullName":"  ","email":"nope"}"#),
                ["fullName: full_name must not be blank", "email: email must be valid"]
            )
            // A rule violation and a taken email, reported together.
            Self.expectRules(
                try await http.post("/users", #"{"fullName":"","email":"bob@example.com"}"#),
                ["fullName: full_name must not be blank", "email: email already exists"]
            )

            // PATCH: a user's own email is not taken; another user's is; absent fields are left alone.
            let same = try await http.patch("/users/\(adaID)", #"{"email":"ada@example.com","fullName":"Ada L."}"#)
            #expect(same.status == 200, "\(same.text)")
            #expect(same.object["fullName"] as? String == "Ada L.")
            Self.expectRules(try await http.patch("/users/\(adaID)", #"{"email":"bob@example.com"}"#), ["email: email already exists"])
            Self.expectRules(try await http.patch("/users/\(adaID)", #"{"fullName":" "}"#), ["fullName: full_name must not be blank"])
            let untouched = try await http.get("/users/\(adaID)")
            #expect(untouched.object["email"] as? String == "ada@example.com")
            #expect(untouched.object["fullName"] as? String == "Ada L.")

            // Guards first: a missing user is a 404 even when the body also breaks rules.
            Self.expectNotFound(try await http.patch("/users/999", #"{"fullName":" ","email":"bob@example.com"}"#), "User", id: 999)
            // The shape still comes first of all: null for a non-nullable field is a validation error.
            let null = try await http.patch("/users/\(adaID)", #"{"fullName":null}"#)
            #expect(null.status == 422)
            #expect(null.detail["code"] as? String == "validation_error")
            let malformed = try await http.patch("/users/abc", #"{"fullName":"X"}"#)
            #expect(malformed.status == 400)
            #expect(malformed.detail["code"] as? String == "bad_request")
            #expect(malformed.detail["parameter"] as? String == "userId")
        }
    }

    @Test("orders and items: 404 naming the missing row, enum membership, another user's address", arguments: Backend.allCases)
    func orders(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/users", #"{"fullName":"Ada","email":"ada@example.com"}"#).status == 201)
            #expect(try await http.post("/users", #"{"fullName":"Bob","email":"bob@example.com"}"#).status == 201)
            #expect(try await http.post("/users/1/addresses", Self.address).status == 201)
            #expect(try await http.post("/users/2/addresses", Self.address).status == 201)

            Self.expectNotFound(try await http.post("/orders", #"{"userId":9,"addressId":1}"#), "User", id: 9)
            Self.expectNotFound(try await http.post("/orders", #"{"userId":1,"addressId":9}"#), "Address", id: 9)
            // Both missing: the first guard answers.
            Self.expectNotFound(try await http.post("/orders", #"{"userId":9,"addressId":9}"#), "User", id: 9)
            // A value outside an enum cannot be represented, so it is reported when the body is read, before guards
            // (docs/usecases.md): still a rule violation.
            Self.expectRules(
                try await http.post("/orders", #"{"userId":9,"addressId":9,"status":"lost"}"#),
                ["status: must be one of created, paid, cancelled, shipped"]
            )
            Self.expectRules(
                try await http.post("/orders", #"{"userId":1,"addressId":1,"status":"lost"}"#),
                ["status: must be one of created, paid, cancelled, shipped"]
            )
            Self.expectRules(
                try await http.post("/orders", #"{"userId":1,"addressId":2}"#), ["addressId: the address belongs to another user"]
            )
            // `exists`: a Bool, before and after the user's first order, and false (not a 404) for an unknown user.
            #expect(try await http.get("/users/1/has-orders").text == "false")
            let order = try await http.post("/orders", #"{"userId":1,"addressId":1,"paymentMethod":"cash"}"#)
            #expect(order.status == 201, "\(order.text)")
            let orderID = try #require(order.object["id"] as? Int)
            let hasOrders = try await http.get("/users/1/has-orders")
            #expect(hasOrders.status == 200 && hasOrders.text == "true", "\(hasOrders.text)")
            #expect(try await http.get("/users/99/has-orders").text == "false")
            #expect(order.headers["location"] == "/orders/\(orderID)")
            #expect(order.object["status"] as? String == "created")
            // Auto-CRUD keeps the rest: the status rule on update too.
            Self.expectRules(try await http.patch("/orders/\(orderID)", #"{"status":"lost"}"#), [
                "status: must be one of created, paid, cancelled, shipped",
            ])
            #expect(try await http.patch("/orders/\(orderID)", #"{"status":"paid"}"#).object["status"] as? String == "paid")
            // UpdateOrder: an order keeps its customer, and moves only to one of their addresses.
            Self.expectRules(try await http.patch("/orders/\(orderID)", #"{"addressId":2}"#), ["addressId: the address belongs to another user"])
            Self.expectNotFound(try await http.patch("/orders/\(orderID)", #"{"addressId":9}"#), "Address", id: 9)
            Self.expectNotFound(try await http.patch("/orders/99", #"{"addressId":2}"#), "Order", id: 99)
            let moved = try await http.patch("/orders/\(orderID)", #"{"userId":2}"#)
            #expect(moved.status == 422)
            #expect(Self.violations(moved) == ["userId: is not a known field"])
            #expect(try await http.post("/users/1/addresses", Self.address).status == 201)
            #expect(try await http.patch("/orders/\(orderID)", #"{"addressId":3}"#).object["addressId"] as? Int == 3)

            let product = try await http.post("/products", #"{"sku":"P","name":"Pen","category":"office","priceCents":120}"#)
            let productID = try #require(product.object["id"] as? Int)
            Self.expectNotFound(try await http.post("/order-items", #"{"orderId":99,"productId":\#(productID),"quantity":1,"unitPriceCents":1}"#), "Order", id: 99)
            Self.expectNotFound(try await http.post("/order-items", #"{"orderId":\#(orderID),"productId":99,"quantity":0,"unitPriceCents":-1}"#), "Product", id: 99)
            Self.expectRules(
                try await http.post("/order-items", #"{"orderId":\#(orderID),"productId":\#(productID),"quantity":0,"unitPriceCents":-1}"#),
                ["quantity: quantity must be greater than zero", "unitPriceCents: unit_price_cents must be zero or positive"]
            )
            let item = try await http.post("/order-items", #"{"orderId":\#(orderID),"productId":\#(productID),"quantity":2,"unitPriceCents":120}"#)
            #expect(item.status == 201, "\(item.text)")
            #expect(item.headers["location"] == "/order-items/\(try #require(item.object["id"] as? Int))")
            // Without a unit price, the product's: the schema's `compute`, before the rules.
            let priced = try await http.post("/order-items", #"{"orderId":\#(orderID),"productId":\#(productID),"quantity":1}"#)
            #expect(priced.status == 201, "\(priced.text)")
            #expect(priced.object["unitPriceCents"] as? Int == 120)
        }
    }

    @Test("GET /products/by-sku/{sku}: the product by its unique SKU, or a 404 naming Product", arguments: Backend.allCases)
    func productBySku(backend: Backend) async throws {
        try await withServer(backend) { http in
            let product = try await http.post("/products", #"{"sku":"S-1","name":"Saw","category":"tools","priceCents":900}"#)
            let productID = try #require(product.object["id"] as? Int)
            let found = try await http.get("/products/by-sku/S-1")
            #expect(found.status == 200, "\(found.text)")
            #expect(found.object["id"] as? Int == productID)
            let missing = try await http.get("/products/by-sku/Z-9")
            #expect(missing.status == 404, "\(missing.text)")
            #expect(missing.detail["entity"] as? String == "Product")
            #expect(missing.detail["id"] as? String == "Z-9")
            #expect(missing.detail["fields"] as? [String] == ["sku"])
            #expect(missing.detail["message"] as? String == "Product with sku=Z-9 not found")
        }
    }

    @Test("GET /products/low-stock: stock ≤ 5 by stock then id, offset pages only, of 20 unless ?limit= says, the client's filters kept", arguments: Backend.allCases)
    func lowStock(backend: Backend) async throws {
        try await withServer(backend) { http in
            let stocks = [7, 3, 0, 5, 6, 3]
            for (index, stock) in stocks.enumerated() {
                let category = index % 2 == 0 ? "tools" : "garden"
                let body = #"{"sku":"S\#(index)","name":"N\#(index)","category":"\#(category)","priceCents":1,"stock":\#(stock)}"#
                #expect(try await http.post("/products", body).status == 201)
            }
            let page = try await http.get("/products/low-stock")
            #expect(page.status == 200, "\(page.text)")
            let ids = (page.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(ids == [3, 2, 6, 4])  // stock 0, 3 (id 2), 3 (id 6), 5
            #expect(page.object["totalCount"] as? Int == 4)
            #expect(page.object["limit"] as? Int == 20)
            #expect(page.object["page"] as? Int == 1)
            // The route's `limit 20` is the size of a page a request leaves unsized: a request may name another, up to
            // the maximum any list takes.
            let two = try await http.get("/products/low-stock?limit=2&page=2")
            #expect((two.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [6, 4], "\(two.text)")
            #expect(two.object["limit"] as? Int == 2 && two.object["hasNext"] as? Bool == false)
            let tooMany = try await http.get("/products/low-stock?limit=1001")
            #expect(tooMany.status == 400 && tooMany.detail["parameter"] as? String == "limit", "\(tooMany.text)")
            // The route reads its rows in the profile a request names, as the document says; another name is a 400.
            #expect(try await http.post("/tags", #"{"name":"sale"}"#).status == 201)
            #expect(try await http.post("/product-tags", #"{"productId":3,"tagId":1}"#).status == 201)
            let tagged = try await http.get("/products/low-stock?profile=withTags&limit=1")
            let first = (tagged.object["items"] as? [[String: Any]])?.first
            #expect(first?["id"] as? Int == 3 && first?["tagCount"] as? Int == 1, "\(tagged.text)")
            #expect((first?["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["sale"])
            #expect(tagged.object["limit"] as? Int == 1 && tagged.object["totalCount"] as? Int == 4)
            let bogus = try await http.get("/products/low-stock?profile=withEverything")
            #expect(bogus.status == 400 && bogus.detail["parameter"] as? String == "profile", "\(bogus.text)")

            let tools = try await http.get("/products/low-stock?category=tools")
            #expect((tools.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [3])
            let unknown = try await http.get("/products/low-stock?colour=red")
            #expect(unknown.status == 400)
            #expect(unknown.detail["parameter"] as? String == "colour")
            #expect(try await http.get("/products/low-stock?page=2").object["items"] as? [Any] != nil)
            // `pagination offset fixed` on the route: the other mode is a 400 naming the parameter that asks for it.
            let cursorPages = try await http.get("/products/low-stock?pagination=cursor")
            #expect(cursorPages.status == 400 && cursorPages.detail["parameter"] as? String == "pagination", "\(cursorPages.text)")
            #expect(cursorPages.detail["message"] as? String == "this list pages by offset only")
            let after = try await http.get("/products/low-stock?after=abc")
            #expect(after.status == 400 && after.detail["parameter"] as? String == "cursor", "\(after.text)")
            #expect(try await http.get("/products/low-stock?pagination=offset").object["page"] as? Int == 1)
            // The products list is `pagination cursor` without `fixed`: a request may pick offset pages.
            let offsetProducts = try await http.get("/products?pagination=offset")
            #expect(offsetProducts.status == 200 && offsetProducts.object["page"] as? Int == 1)
        }
    }

    @Test("job routes: typed and validated before anything is queued", arguments: Backend.allCases)
    func jobRoutes(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/products", #"{"sku":"P","name":"Pen","category":"office","priceCents":120}"#).status == 201)

            let missingRecipient = try await http.post("/products/1/jobs/restock-email", "{}")
            #expect(missingRecipient.status == 422)
            #expect(missingRecipient.detail["code"] as? String == "validation_error")
            #expect(Self.violations(missingRecipient) == ["recipientEmail: is required"])
            Self.expectRules(
                try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"nope"}"#),
                ["recipientEmail: must be a valid email address"]
            )
            Self.expectNotFound(try await http.post("/products/9/jobs/restock-email", #"{"recipientEmail":"a@b.co"}"#), "Product", id: 9)
            let badID = try await http.post("/products/abc/jobs/restock-email", #"{"recipientEmail":"a@b.co"}"#)
            #expect(badID.status == 400)
            #expect(badID.detail["parameter"] as? String == "productId")

            Self.expectNotFound(try await http.get("/products/9/jobs/summary"), "Product", id: 9)
            Self.expectNotFound(try await http.post("/products/9/workflows/restock", #"{"recipientEmail":"a@b.co"}"#), "Product", id: 9)
            Self.expectRules(
                try await http.post("/products/jobs/sync-erp", #"{"productIds":[]}"#),
                ["productIds: product_ids must include at least one product"]
            )
            Self.expectNotFound(try await http.post("/products/jobs/sync-erp", #"{"productIds":[1,9]}"#), "Product", id: 9)

            // Valid requests are accepted (StoreJobTests follows the jobs to their end).
            #expect(try await http.post("/products/1/jobs/restock-email", #"{"recipientEmail":"a@b.co"}"#).status == 202)
            #expect(try await http.get("/products/1/jobs/summary").status == 200)
            #expect(try await http.post("/products/1/workflows/restock", #"{"recipientEmail":"a@b.co"}"#).status == 202)
            #expect(try await http.post("/products/jobs/sync-erp", #"{"productIds":[1]}"#).status == 202)
        }
    }
}
