import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Hostile inputs × route kinds against the real `store` server, on SQLite and on PostgreSQL. Every case is a client
/// mistake, so every answer must be a 4xx in the one envelope — `{"detail":{"code":…,"message":…,"traceId":…}}` with
/// `traceId` the response's `x-request-id` — never a 5xx; and both backends must answer each case alike.
@Suite("Store hostile input", .serialized)
struct StoreHostileInputTests {
    /// One request of the table. `expected` pins the status where the input has exactly one right answer.
    struct Case: Sendable {
        var label: String
        var method: String
        var path: String
        var body: Data? = nil
        var contentType: String? = nil
        var expected: Int? = nil
    }

    /// What a backend answered to one case: compared across backends.
    struct Observation: Equatable, Sendable, CustomStringConvertible {
        var label: String
        var status: Int
        var code: String?
        var description: String { "\(label) → \(status) \(code ?? "-")" }
    }

    // MARK: - The table

    /// A route that reads a JSON body: a valid body with one string and/or one integer slot for the hostile value.
    struct BodyRoute: Sendable {
        var kind: String
        var method: String
        var path: String
        /// The string slot's field and its `String(n)` limit.
        var text: (field: String, limit: Int)?
        /// Whether the body has an integer slot, and whether 0 is refused there (so `-0` must be a 4xx).
        var integer: Bool
        var zeroRefused: Bool
        var validText: String
        var validInt: String
        /// The body up to (not including) its closing brace, from JSON literals for the slots and the case's number.
        var open: @Sendable (_ text: String, _ int: String, _ n: Int) -> String
        /// A member naming a field the body already has, in its other spelling.
        var otherSpelling: String

        var route: String { "\(method) \(path)" }

        func body(text: String? = nil, int: String? = nil, n: Int, extra: String? = nil) -> String {
            open(text ?? validText, int ?? validInt, n) + (extra.map { "," + $0 } ?? "") + "}"
        }
    }

    static let productCreate = BodyRoute(
        kind: "crud-create", method: "POST", path: "/products", text: ("name", 150), integer: true, zeroRefused: false,
        validText: #""Saw""#, validInt: "1", open: { t, i, n in #"{"sku":"H-\#(n)","name":\#(t),"category":"c","priceCents":\#(i)"# },
        otherSpelling: #""price_cents":2"#)
    static let productPatch = BodyRoute(
        kind: "crud-item", method: "PATCH", path: "/products/1", text: ("name", 150), integer: false, zeroRefused: false,
        validText: #""Saw""#, validInt: "1", open: { t, _, _ in #"{"name":\#(t),"priceCents":5"# },
        otherSpelling: #""price_cents":2"#)
    static let addressCreate = BodyRoute(
        kind: "nested-create", method: "POST", path: "/users/1/addresses", text: ("label", 80), integer: false,
        zeroRefused: false, validText: #""home""#, validInt: "1",
        open: { t, _, _ in #"{"label":\#(t),"street":"s","city":"c","country":"x","zipCode":"1""# },
        otherSpelling: #""zip_code":"2""#)
    static let addressPatch = BodyRoute(
        kind: "nested-item", method: "PATCH", path: "/users/1/addresses/1", text: ("label", 80), integer: false,
        zeroRefused: false, validText: #""work""#, validInt: "1", open: { t, _, _ in #"{"label":\#(t),"zipCode":"9""# },
        otherSpelling: #""zip_code":"2""#)
    static let userCreate = BodyRoute(
        kind: "usecase-create", method: "POST", path: "/users", text: ("fullName", 120), integer: false, zeroRefused: false,
        validText: #""Bob""#, validInt: "1", open: { t, _, n in #"{"fullName":\#(t),"email":"h\#(n)@example.com""# },
        otherSpelling: #""full_name":"Eve""#)
    static let orderCreate = BodyRoute(
        kind: "usecase-create", method: "POST", path: "/orders", text: ("paymentMethod", 60), integer: true, zeroRefused: true,
        validText: #""cash""#, validInt: "1", open: { t, i, _ in #"{"userId":\#(i),"addressId":1,"paymentMethod":\#(t)"# },
        otherSpelling: #""payment_method":"card""#)
    static let orderItemCreate = BodyRoute(
        kind: "usecase-create", method: "POST", path: "/order-items", text: nil, integer: true, zeroRefused: true,
        validText: "", validInt: "1", open: { _, i, _ in #"{"orderId":1,"productId":1,"quantity":\#(i),"unitPriceCents":1"# },
        otherSpelling: #""unit_price_cents":2"#)
    static let userPatch = BodyRoute(
        kind: "usecase-patch", method: "PATCH", path: "/users/1", text: ("fullName", 120), integer: false, zeroRefused: false,
        validText: #""Ada L.""#, validInt: "1", open: { t, _, _ in #"{"fullName":\#(t)"# }, otherSpelling: #""full_name":"Eve""#)
    static let orderPatch = BodyRoute(
        kind: "usecase-patch", method: "PATCH", path: "/orders/1", text: ("paymentMethod", 60), integer: true, zeroRefused: true,
        validText: #""cash""#, validInt: "1", open: { t, i, _ in #"{"paymentMethod":\#(t),"addressId":\#(i)"# },
        otherSpelling: #""payment_method":"card""#)
    static let restockEmail = BodyRoute(
        kind: "job", method: "POST", path: "/products/1/jobs/restock-email", text: ("recipientEmail", 255), integer: false,
        zeroRefused: false, validText: #""a@b.co""#, validInt: "1", open: { t, _, _ in #"{"recipientEmail":\#(t)"# },
        otherSpelling: #""recipient_email":"c@d.co""#)
    static let syncERP = BodyRoute(
        kind: "job", method: "POST", path: "/products/jobs/sync-erp", text: nil, integer: true, zeroRefused: true,
        validText: "", validInt: "1", open: { _, i, _ in #"{"productIds":[\#(i)]"# }, otherSpelling: #""product_ids":[1]"#)

    static let bodyRoutes = [
        productCreate, productPatch, addressCreate, addressPatch, userCreate, orderCreate, orderItemCreate, userPatch,
        orderPatch, restockEmail, syncERP,
    ]

    /// A list route: a text and an integer field of its model to filter on.
    struct ListRoute: Sendable {
        var kind: String
        var path: String
        var text: String
        var int: String
    }

    static let products = ListRoute(kind: "crud-list", path: "/products", text: "name", int: "stock")
    static let users = ListRoute(kind: "crud-list", path: "/users", text: "full_name", int: "id")
    static let addresses = ListRoute(kind: "nested-list", path: "/users/1/addresses", text: "city", int: "id")
    static let lowStock = ListRoute(kind: "usecase-list", path: "/products/low-stock", text: "name", int: "stock")

    /// A cursor token over `json` as the runtime writes one: base64url, a dot, the FNV-1a checksum it checks when no
    /// `LOOM_CURSOR_SECRET` is set. `checksum: false` writes `.x` instead.
    static func cursor(_ json: String, checksum: Bool = true) -> String {
        let body = Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return body + "." + (checksum ? Self.checksum(body) : "x")
    }

    static func checksum(_ body: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("loom-cursor-v1:".utf8) + Array(body.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A query value percent-encoded (everything but unreserved characters).
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? value
    }

    /// Every case, in a fixed order (the same on both backends).
    static func cases() -> [Case] {
        var cases: [Case] = []
        var n = 0
        func body(_ label: String, _ route: BodyRoute, _ text: String, expected: Int? = nil, contentType: String = "application/json") {
            n += 1
            cases.append(Case(label: "\(label) × \(route.route)", method: route.method, path: route.path, body: Data(text.utf8),
                              contentType: contentType, expected: expected))
        }

        // Path parameters that are not keys: not integers, negative, past Int64, a NUL, blank.
        let ids: [(String, String)] = [
            ("id-not-integer", "abc"), ("id-negative", "-1"), ("id-huge", "99999999999999999999"), ("id-nul", "1%00"),
            ("id-blank", "%20"),
        ]
        for (label, id) in ids {
            cases.append(Case(label: "\(label) × GET /products/{id}", method: "GET", path: "/products/\(id)"))
            cases.append(Case(label: "\(label) × PATCH /products/{id}", method: "PATCH", path: "/products/\(id)",
                              body: Data(#"{"name":"X"}"#.utf8), contentType: "application/json"))
            cases.append(Case(label: "\(label) × DELETE /products/{id}", method: "DELETE", path: "/products/\(id)"))
            cases.append(Case(label: "\(label) × GET /users/{userId}/addresses", method: "GET", path: "/users/\(id)/addresses"))
            cases.append(Case(label: "\(label) × PATCH /users/1/addresses/{addressId}", method: "PATCH",
                              path: "/users/1/addresses/\(id)", body: Data(#"{"label":"x"}"#.utf8), contentType: "application/json"))
            cases.append(Case(label: "\(label) × PATCH /users/{id}", method: "PATCH", path: "/users/\(id)",
                              body: Data(#"{"fullName":"X"}"#.utf8), contentType: "application/json"))
            cases.append(Case(label: "\(label) × POST /products/{id}/jobs/restock-email", method: "POST",
                              path: "/products/\(id)/jobs/restock-email", body: Data(#"{"recipientEmail":"a@b.co"}"#.utf8),
                              contentType: "application/json"))
        }

        // Strings: a NUL, over the limit in scalars but not in graphemes (decomposed accents, flags), a lone surrogate.
        for route in bodyRoutes where route.text != nil {
            body("body-nul", route, route.body(text: #""a\u0000b""#, n: n))
        }
        for route in [productCreate, addressCreate, userCreate, userPatch] {
            let limit = route.text!.limit
            body("decomposed-over-limit", route, route.body(text: "\"" + String(repeating: "e\u{301}", count: limit) + "\"", n: n))
        }
        for route in [productPatch, addressPatch, orderCreate, orderPatch, restockEmail] {
            let limit = route.text!.limit
            body("flags-over-limit", route, route.body(text: "\"" + String(repeating: "🇺🇸", count: limit) + "\"", n: n))
        }
        for route in [productCreate, addressPatch, userCreate] {
            body("lone-surrogate", route, route.body(text: #""a\ud800b""#, n: n))
        }

        // One field under both spellings, everywhere; unknown keys on every PATCH.
        for route in bodyRoutes {
            body("two-spellings", route, route.body(n: n, extra: route.otherSpelling))
        }
        // One key twice in one spelling (JSONSerialization would keep the last); once with the second escaped.
        for route in bodyRoutes {
            let first = route.open(route.validText, route.validInt, n).dropFirst().split(separator: ",").first.map(String.init)!
            body("duplicate-key", route, route.body(n: n, extra: first), expected: 422)
        }
        body("duplicate-key-escaped", userPatch, #"{"fullName":"Ada","full\u004eame":"Eve"}"#, expected: 422)
        for route in [productPatch, addressPatch, userPatch, orderPatch] {
            body("unknown-key", route, route.body(n: n, extra: #""isAdmin":true"#))
        }

        // Numbers: past Double, negative zero where zero is refused, digits then letters, past Int64.
        for route in bodyRoutes where route.integer {
            body("number-1e400", route, route.body(int: "1e400", n: n))
            body("number-12abc", route, route.body(int: #""12abc""#, n: n))
            if route.zeroRefused {
                body("number-minus-zero", route, route.body(int: "-0", n: n))
                body("number-past-int64", route, route.body(int: "9223372036854775808", n: n))
            }
        }

        // Bodies that are not objects, not UTF-8, not JSON, not small; deep nesting.
        for route in [productCreate, addressPatch, orderCreate, userPatch, syncERP] {
            body("body-array", route, "[" + route.body(n: n) + "]")
            body("body-string", route, #""hello""#)
            body("body-number", route, "42")
            body("body-null", route, "null")
            var invalid = Data(route.body(text: #""@@RAW@@""#, int: "1", n: n).utf8)
            if let range = invalid.range(of: Data("@@RAW@@".utf8)) {
                invalid.replaceSubrange(range, with: [0xFF, 0xFE, 0x41, 0xC3])  // not UTF-8, ending mid-sequence
            } else {
                invalid = Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])  // {"\xFF":1}
            }
            n += 1
            cases.append(Case(label: "body-invalid-utf8 × \(route.route)", method: route.method, path: route.path, body: invalid,
                              contentType: "application/json"))
            body("content-type-text-plain", route, route.body(n: n), expected: 415, contentType: "text/plain")
            let padding = "\"pad\":\"" + String(repeating: "x", count: (1 << 20) + 1) + "\""
            body("body-over-1MiB", route, route.body(n: n, extra: padding), expected: 413)
        }
        for route in [productCreate, orderCreate] {
            let depth = 100_000
            body("body-nested-100000", route, route.body(text: String(repeating: "[", count: depth) + String(repeating: "]", count: depth), n: n))
        }

        // Query strings on list routes.
        for list in [products, users, addresses, lowStock] {
            func query(_ label: String, _ query: String, expected: Int? = nil) {
                cases.append(Case(label: "\(label) × GET \(list.path)", method: "GET", path: list.path + "?" + query, expected: expected))
            }
            query("query-nul-value", "\(list.text)=a%00b", expected: 400)
            query("like-trailing-backslash", "\(list.text)__like=abc%5C", expected: 400)
            query("51-filters", Array(repeating: "\(list.int)__gte=1", count: 51).joined(separator: "&"), expected: 400)
            query("query-1e400", "\(list.int)__gte=1e400", expected: 400)
            query("query-12abc", "\(list.int)=12abc", expected: 400)
            if list.path != addresses.path {
                query("cursor-garbage", "after=garbage", expected: 400)
            }
            if list.path == products.path || list.path == lowStock.path {
                query("like-1001-bytes", "\(list.text)__like=" + String(repeating: "a", count: 1_001), expected: 400)
                query("query-past-int64", "\(list.int)__lt=99999999999999999999", expected: 400)
                query("cursor-forged-bad-tag",
                      "after=" + encoded(Data(#"{"s":"id:asc","v":[{"s":"x"}]}"#.utf8).base64EncodedString() + ".x"), expected: 400)
                query("cursor-forged-wrong-kind", "after=" + cursor(#"{"s":"id:asc","v":[{"s":"x"}]}"#), expected: 400)
            }
        }
        let list = products.path
        cases += [
            Case(label: "query-nul-key × GET /products", method: "GET", path: list + "?na%00me=x", expected: 400),
            Case(label: "ilike-only-backslash × GET /products", method: "GET", path: list + "?name__ilike=%5C", expected: 400),
            Case(label: "cursor-forged-no-values × GET /products", method: "GET",
                 path: list + "?after=" + cursor(#"{"s":"id:asc","v":[]}"#), expected: 400),
            Case(label: "cursor-forged-extra-values × GET /products", method: "GET",
                 path: list + "?after=" + cursor(#"{"s":"id:asc","v":[{"i":1},{"i":2}]}"#), expected: 400),
            Case(label: "cursor-forged-int-past-int64 × GET /products", method: "GET",
                 path: list + "?after=" + cursor(#"{"s":"id:asc","v":[{"i":99999999999999999999}]}"#), expected: 400),
            Case(label: "cursor-forged-nul-string × GET /products?sort=name", method: "GET",
                 path: list + "?sort=name&after=" + cursor(#"{"s":"name:asc,id:asc","v":[{"s":"a\u0000"},{"i":1}]}"#),
                 expected: 400),
            Case(label: "cursor-forged-nul-string × GET /users/1/addresses?sort=city", method: "GET",
                 path: addresses.path + "?sort=city&after=" + cursor(#"{"s":"city:asc,id:asc","v":[{"s":"\u0000"},{"i":1}]}"#),
                 expected: 400),
            Case(label: "cursor-forged-bad-tag × GET /users/1/addresses", method: "GET",
                 path: addresses.path + "?after=" + cursor(#"{"s":"id:asc","v":[{"i":1}]}"#, checksum: false), expected: 400),
            Case(label: "cursor-with-offset × GET /users", method: "GET", path: "/users?pagination=offset&after=abc", expected: 400),
            Case(label: "sort-nul × GET /users", method: "GET", path: "/users?sort=id%00", expected: 400),
            Case(label: "contains-1002-bytes × GET /users", method: "GET",
                 path: "/users?full_name__contains=" + String(repeating: "%C3%A9", count: 501), expected: 400),
            Case(label: "page-minus-zero × GET /users", method: "GET", path: "/users?page=-0", expected: 400),
            Case(label: "limit-1e400 × GET /users", method: "GET", path: "/users?limit=1e400", expected: 400),
            Case(label: "limit-negative × GET /users/1/addresses", method: "GET", path: "/users/1/addresses?limit=-1", expected: 400),
            Case(label: "profile-nul × GET /products/1", method: "GET", path: "/products/1?profile=%00", expected: 400),
            // Routes that take no query refuse one.
            Case(label: "query-on-create × POST /users", method: "POST", path: "/users?x=%00",
                 body: Data(#"{"fullName":"Q","email":"q@example.com"}"#.utf8), contentType: "application/json", expected: 400),
            Case(label: "query-on-patch × PATCH /orders/1", method: "PATCH", path: "/orders/1?dry_run=1",
                 body: Data(#"{"paymentMethod":"cash"}"#.utf8), contentType: "application/json", expected: 400),
            Case(label: "query-on-job × POST /products/jobs/sync-erp", method: "POST", path: "/products/jobs/sync-erp?x=1",
                 body: Data(#"{"productIds":[1]}"#.utf8), contentType: "application/json", expected: 400),
        ]

        // Methods a path does not serve: 405 with Allow.
        for path in [
            "/products", "/products/1", "/products/low-stock", "/users", "/users/1", "/users/1/addresses",
            "/users/1/addresses/1", "/orders/1", "/order-items", "/products/1/jobs/restock-email", "/products/jobs/sync-erp",
        ] {
            cases.append(Case(label: "method-put × \(path)", method: "PUT", path: path, expected: 405))
        }
        cases.append(Case(label: "method-delete × /products", method: "DELETE", path: "/products", expected: 405))
        cases.append(Case(label: "method-post × /products/1", method: "POST", path: "/products/1",
                          body: Data(#"{"name":"X"}"#.utf8), contentType: "application/json", expected: 405))
        // Standard methods no Loom route serves: a 405 on a served path too.
        cases.append(Case(label: "method-options × /users", method: "OPTIONS", path: "/users", expected: 405))
        cases.append(Case(label: "method-trace × /users/1", method: "TRACE", path: "/users/1", expected: 405))
        // A registered extension method: a 4xx envelope.
        cases.append(Case(label: "method-propfind × /users/1", method: "PROPFIND", path: "/users/1"))
        // A token the HTTP parser refuses never reaches the router: still the envelope, from the channel handler.
        cases.append(Case(label: "method-unknown × /users", method: "FROB", path: "/users", expected: 400))
        return cases
    }

    // MARK: - Running it

    /// Seeds user 1, address 1, products 1 and 2, order 1 and order item 1, runs every case, and returns what came back.
    /// With `check`, every answer is held to the envelope contract.
    static func run(_ backend: Backend, check: Bool) async throws -> [Observation] {
        var observations: [Observation] = []
        try await withServer(backend) { http in
            try #require(try await http.post("/users", #"{"fullName":"Ada","email":"ada@example.com"}"#).status == 201)
            let address = #"{"label":"home","street":"1 Main St","city":"Springfield","country":"US","zipCode":"12345"}"#
            try #require(try await http.post("/users/1/addresses", address).status == 201)
            try #require(try await http.post("/products", #"{"sku":"P-1","name":"Pen","category":"office","priceCents":120,"stock":3}"#).status == 201)
            try #require(try await http.post("/products", #"{"sku":"P-2","name":"Ink","category":"office","priceCents":90}"#).status == 201)
            try #require(try await http.post("/orders", #"{"userId":1,"addressId":1}"#).status == 201)
            try #require(try await http.post("/order-items", #"{"orderId":1,"productId":1,"quantity":1,"unitPriceCents":120}"#).status == 201)

            // The forged cursors below carry a valid checksum only if this file computes it as the server does.
            let token = try #require(try await http.get("/products?limit=1").object["nextCursor"] as? String)
            let parts = token.split(separator: ".").map(String.init)
            try #require(parts.count == 2 && checksum(parts[0]) == parts[1], "the checksum recipe no longer matches \(token)")

            for item in cases() {
                let result: HTTPResult
                do {
                    result = try await http.hostileSend(item.method, item.path, body: item.body, contentType: item.contentType)
                } catch {
                    observations.append(Observation(label: item.label, status: -1, code: "\(type(of: error))"))
                    if check { Issue.record("\(item.label): no response (\(error))") }
                    continue
                }
                let code = result.detail["code"] as? String
                observations.append(Observation(label: item.label, status: result.status, code: code))
                guard check else { continue }
                expectEnvelope(item, result)
            }
        }
        return observations
    }

    /// A 4xx (the case's own status where it has one), the envelope and nothing else, its trace id the response's.
    static func expectEnvelope(_ item: Case, _ result: HTTPResult) {
        let seen = "\(item.label): \(result.status) \(result.text.prefix(400))"
        #expect((400..<500).contains(result.status), "\(seen)")
        if let expected = item.expected { #expect(result.status == expected, "\(seen)") }
        #expect(Array(result.object.keys) == ["detail"], "\(seen)")
        #expect((result.detail["code"] as? String)?.isEmpty == false, "\(seen)")
        #expect(result.detail["message"] is String, "\(seen)")
        let requestID = result.headers["x-request-id"]
        #expect(requestID?.isEmpty == false, "\(item.label): no x-request-id")
        #expect(result.detail["traceId"] as? String == requestID, "\(seen)")
        if result.status == 405 { #expect(result.headers["allow"]?.isEmpty == false, "\(item.label): 405 without Allow") }
    }

    @Test("every hostile input on every route kind is a 4xx in the one envelope, never a 5xx", arguments: Backend.allCases)
    func hostileTable(backend: Backend) async throws {
        let observations = try await Self.run(backend, check: true)
        #expect(observations.count == Self.cases().count)
        #expect(observations.count >= 60)
    }

    @Test("both backends answer every hostile case with the same status and code")
    func backendsAgree() async throws {
        let sqlite = try await Self.run(.sqlite, check: false)
        let postgres = try await Self.run(.postgres, check: false)
        #expect(sqlite.map(\.label) == postgres.map(\.label))
        for (lite, pg) in zip(sqlite, postgres) {
            #expect(lite == pg, "SQLite: \(lite); PostgreSQL: \(pg)")
        }
    }
}

extension HTTPClient {
    /// Any method, any bytes (invalid UTF-8 included), any content type; no header the case did not ask for.
    fileprivate func hostileSend(_ method: String, _ path: String, body: Data?, contentType: String?) async throws -> HTTPResult {
        guard let url = URL(string: baseURL.absoluteString + path) else { throw TestFailure("not a URL: \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "content-type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return HTTPResult(status: http.statusCode, headers: headers, body: data)
    }
}
