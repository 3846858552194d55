import Foundation
import Testing

/// The store example's auto-CRUD routes over real HTTP, on SQLite and on PostgreSQL.
@Suite("Store CRUD end to end", .serialized)
struct StoreCRUDTests {
    @Test("health, then create/get/list/patch/delete a user", arguments: Backend.allCases)
    func userLifecycle(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.get("/health").status == 200)

            // snake_case in, camelCase out
            let created = try await http.post("/users/", #"{"full_name":"Ada","email":"ada@example.com"}"#)
            #expect(created.status == 201, "\(created.text)")
            let user = created.object
            let id = try #require(user["id"] as? Int)
            #expect(user["fullName"] as? String == "Ada")
            #expect(user["email"] as? String == "ada@example.com")
            #expect(user["full_name"] == nil)
            let createdAt = try #require(user["createdAt"] as? String)
            #expect(user["updatedAt"] as? String == createdAt)

            // camelCase in
            let grace = try await http.post("/users", #"{"fullName":"Grace","email":"grace@example.com"}"#)
            #expect(grace.status == 201, "\(grace.text)")

            let fetched = try await http.get("/users/\(id)")
            #expect(fetched.status == 200)
            #expect(fetched.object["fullName"] as? String == "Ada")
            #expect(fetched.object["createdAt"] as? String == createdAt)

            let page = try await http.get("/users/")
            #expect(page.status == 200)
            #expect((page.object["items"] as? [Any])?.count == 2)
            #expect(page.object["totalCount"] as? Int == 2)
            #expect(page.object["page"] as? Int == 1)
            #expect(page.object["limit"] as? Int == 50)
            #expect(page.object["hasNext"] as? Bool == false)

            // only the fields sent are written; updatedAt moves
            let patched = try await http.patch("/users/\(id)", #"{"full_name":"Ada Lovelace"}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.object["fullName"] as? String == "Ada Lovelace")
            #expect(patched.object["email"] as? String == "ada@example.com")
            #expect(patched.object["createdAt"] as? String == createdAt)
            #expect(patched.object["updatedAt"] as? String != createdAt)
            #expect(try await http.get("/users/\(id)").object["fullName"] as? String == "Ada Lovelace")

            let empty = try await http.patch("/users/\(id)", "{}")
            #expect(empty.status == 200)
            #expect(empty.object["fullName"] as? String == "Ada Lovelace")

            let deleted = try await http.delete("/users/\(id)")
            #expect(deleted.status == 200)
            #expect(deleted.json as? Bool == true)
            let gone = try await http.get("/users/\(id)")
            #expect(gone.status == 404)
            #expect(gone.detail["code"] as? String == "not_found")
            #expect(gone.detail["entity"] as? String == "User")
            #expect(gone.detail["id"] as? Int == id)
            #expect(gone.detail["message"] as? String == "User with id=\(id) not found")
            #expect(try await http.delete("/users/\(id)").status == 404)
            #expect(try await http.patch("/users/\(id)", #"{"fullName":"X"}"#).status == 404)
        }
    }

    @Test("offset pages: limit, page, hasNext, a page past the end", arguments: Backend.allCases)
    func pagination(backend: Backend) async throws {
        try await withServer(backend) { http in
            for index in 1...5 {
                let body = #"{"sku":"SKU-\#(index)","name":"Item \#(index)","category":"tools","priceCents":\#(index * 100)}"#
                #expect(try await http.post("/products/", body).status == 201)
            }
            let first = try await http.get("/products/?pagination=offset&limit=2")
            #expect(first.object["totalCount"] as? Int == 5)
            #expect(first.object["hasNext"] as? Bool == true)
            let items = try #require(first.object["items"] as? [[String: Any]])
            #expect(items.map { $0["sku"] as? String } == ["SKU-1", "SKU-2"])
            #expect(items.first?["stock"] as? Int == 0)  // the schema's default

            let last = try await http.get("/products/?pagination=offset&limit=2&page=3")
            #expect((last.object["items"] as? [Any])?.count == 1)
            #expect(last.object["hasNext"] as? Bool == false)

            let beyond = try await http.get("/products/?pagination=offset&limit=2&page=9")
            #expect(beyond.status == 200)
            #expect((beyond.object["items"] as? [Any])?.count == 0)
            #expect(beyond.object["totalCount"] as? Int == 5)
        }
    }

    @Test("malformed bodies are 422 with the field, never 500", arguments: Backend.allCases)
    func validationErrors(backend: Backend) async throws {
        try await withServer(backend) { http in
            func violations(_ result: HTTPResult) -> [String] {
                (result.detail["violations"] as? [[String: Any]] ?? []).map { "\($0["field"] ?? ""): \($0["message"] ?? "")" }
            }
            let cases: [(body: String, expected: String)] = [
                ("{not json", "body: is not valid JSON"),
                ("[1,2]", "body: must be a JSON object"),
                ("", "body: is required"),
                (#"{"fullName":"Ada"}"#, "email: is required"),
                (#"{"fullName":42,"email":"a@b.c"}"#, "fullName: must be a string"),
                (#"{"fullName":null,"email":"a@b.c"}"#, "fullName: must not be null"),
                (#"{"fullName":"Ada","email":"a@b.c","admin":true}"#, "admin: is not a known field"),
                (#"{"fullName":"A\u0000B","email":"a@b.c"}"#, "fullName: must not contain the NUL character"),
                (#"{"fullName":"Ada","full_name":"Bob","email":"a@b.c"}"#, "fullName: is sent more than once (as fullName and full_name)"),
            ]
            for (body, expected) in cases {
                let result = try await http.post("/users/", body)
                #expect(result.status == 422, "\(body) → \(result.status) \(result.text)")
                #expect(result.detail["code"] as? String == "validation_error")
                #expect(violations(result) == [expected], "\(body)")
                #expect(result.detail["traceId"] as? String == result.headers["x-request-id"])
            }

            let created = try await http.post("/products/", #"{"sku":"A","name":"A","category":"c","priceCents":1}"#)
            let id = try #require(created.object["id"] as? Int)
            let nullPatch = try await http.patch("/products/\(id)", #"{"name":null}"#)
            #expect(nullPatch.status == 422)
            #expect(violations(nullPatch) == ["name: must not be null"])
            let typePatch = try await http.patch("/products/\(id)", #"{"price_cents":"12"}"#)
            #expect(typePatch.status == 422)
            #expect(violations(typePatch) == ["priceCents: must be an integer"])
            let idPatch = try await http.patch("/products/\(id)", #"{"id":5}"#)
            #expect(violations(idPatch) == ["id: is not a known field"])

            // The shape first: a body of the wrong shape is reported as that alone; its rules run once it is well formed.
            let many = try await http.post("/users/", #"{"fullName":42,"email":"not-an-email","admin":1}"#)
            #expect(many.status == 422)
            #expect(violations(many) == ["admin: is not a known field"])
            let mistyped = try await http.post("/users/", #"{"fullName":42,"email":7}"#)
            #expect(violations(mistyped) == ["fullName: must be a string", "email: must be a string"])
            // An explicit null on a field with a default is refused, not silently replaced by the default.
            let nullStock = try await http.post("/products/", #"{"sku":"B","name":"B","category":"c","priceCents":1,"stock":null}"#)
            #expect(nullStock.status == 422)
            #expect(violations(nullStock) == ["stock: must not be null"])
            // Lengths count Unicode scalars, as the database does: 120 "é" written as e + U+0301 are 240 scalars.
            let decomposed = String(repeating: "e\u{301}", count: 120)
            let long = try await http.post("/users/", #"{"fullName":"\#(decomposed)","email":"d@b.c"}"#)
            #expect(long.status == 422, "\(long.status) \(long.text)")
            #expect(long.detail["code"] as? String == "rule_violations")
            #expect(violations(long) == ["fullName: must be at most 120 characters"])

            let badID = try await http.get("/products/abc")
            #expect(badID.status == 400)
            #expect(badID.detail["code"] as? String == "bad_request")
            #expect(badID.detail["parameter"] as? String == "productId")
        }
    }

    @Test("conflicts, bad query parameters, unknown routes and request ids", arguments: Backend.allCases)
    func otherErrors(backend: Backend) async throws {
        try await withServer(backend) { http in
            #expect(try await http.post("/users/", #"{"fullName":"Ada","email":"ada@example.com"}"#).status == 201)
            // A unique column without a `unique` statement (the product's sku, through auto-CRUD) is a 409.
            let product = #"{"sku":"S1","name":"Saw","category":"tools","priceCents":1}"#
            #expect(try await http.post("/products/", product).status == 201)
            let duplicate = try await http.post("/products/", product)
            #expect(duplicate.status == 409, "\(duplicate.text)")
            #expect(duplicate.detail["code"] as? String == "conflict")
            #expect(duplicate.detail["fields"] as? [String] == ["sku"])

            for (query, parameter) in [("limit=0", "limit"), ("limit=1001", "limit"), ("page=abc", "page"), ("page=0", "page"), ("color=red", "color")] {
                let result = try await http.get("/users/?\(query)")
                #expect(result.status == 400, "\(query) → \(result.text)")
                #expect(result.detail["code"] as? String == "bad_request")
                #expect(result.detail["parameter"] as? String == parameter)
            }

            let missing = try await http.get("/no-such-route")
            #expect(missing.status == 404)
            #expect(missing.detail["code"] as? String == "not_found")

            let traced = try await http.send("GET", "/users/999", headers: ["x-request-id": "trace-123"])
            #expect(traced.headers["x-request-id"] == "trace-123")
            #expect(traced.detail["traceId"] as? String == "trace-123")
        }
    }
}
