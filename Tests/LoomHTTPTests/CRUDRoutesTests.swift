import Foundation
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import Testing

/// The auto-CRUD handlers over HTTP, in process: statuses, bodies, envelopes.
@Suite("CRUD routes")
struct CRUDRoutesTests {
    @Test("create, get, list, update, delete")
    func roundTrip() async throws {
        try await withShop { client in
            let created = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            #expect(created.status == .created)
            #expect(created.headers[.contentType] == "application/json; charset=utf-8")
            #expect(object(created)["name"] as? String == "Bolt")
            #expect(object(created)["stock"] as? Int == 0)
            let id = try #require(object(created)["id"] as? Int)

            let fetched = try await client.execute(uri: "/widgets/\(id)", method: .get)
            #expect(fetched.status == .ok)
            #expect(object(fetched)["name"] as? String == "Bolt")

            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Nut", "stock": 5}"#))
            let page = try await client.execute(uri: "/widgets?sort=-stock&limit=1", method: .get)
            #expect(page.status == .ok)
            #expect((object(page)["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Nut"])
            #expect(object(page)["totalCount"] as? Int == 2)

            let patched = try await client.execute(uri: "/widgets/\(id)", method: .patch, body: json(#"{"stock": 3}"#))
            #expect(patched.status == .ok)
            #expect(object(patched)["stock"] as? Int == 3)
            #expect(object(patched)["name"] as? String == "Bolt")

            let deleted = try await client.execute(uri: "/widgets/\(id)", method: .delete)
            #expect(deleted.status == .noContent)
            let gone = try await client.execute(uri: "/widgets/\(id)", method: .get)
            #expect(gone.status == .notFound)
            #expect(detail(gone)["code"] as? String == "not_found")
            #expect(detail(gone)["message"] as? String == "Widget with id=\(id) not found")
            #expect(detail(gone)["entity"] as? String == "Widget")
            #expect(detail(gone)["id"] as? Int == id)
        }
    }

    @Test("a malformed id is a 400 naming the item parameter, on every method")
    func malformedID() async throws {
        try await withShop { client in
            for method in [HTTPRequest.Method.get, .patch, .delete] {
                let response = try await client.execute(uri: "/widgets/abc", method: method, body: json("{}"))
                #expect(response.status == .badRequest)
                #expect(detail(response)["code"] as? String == "bad_request")
                #expect(detail(response)["parameter"] as? String == "widgetId")
                #expect(detail(response)["message"] as? String == "path parameter 'widgetId' must be an integer, got 'abc'")
            }
        }
    }

    @Test("a unique constraint is a 409 naming the field")
    func conflict() async throws {
        try await withShop { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            let response = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            #expect(response.status == .conflict)
            #expect(detail(response)["code"] as? String == "conflict")
            #expect(detail(response)["fields"] as? [String] == ["name"])
            #expect(detail(response)["message"] as? String == "a Widget with this name already exists")
        }
    }

    @Test("list query errors are 400s naming the parameter")
    func listQuery() async throws {
        try await withShop { client in
            let unknown = try await client.execute(uri: "/widgets?colour=red", method: .get)
            #expect(unknown.status == .badRequest)
            #expect(detail(unknown)["parameter"] as? String == "colour")
            let limit = try await client.execute(uri: "/widgets?limit=0", method: .get)
            #expect(limit.status == .badRequest)
            #expect(detail(limit)["parameter"] as? String == "limit")
            let filtered = try await client.execute(uri: "/widgets?stock__gte=1", method: .get)
            #expect(filtered.status == .ok)
            #expect(object(filtered)["totalCount"] as? Int == 0)
        }
    }

    @Test("a use-case route: typed path parameters (400 naming a malformed one), no stray query, its own status")
    func useCaseRoute() async throws {
        try await withShop { client in
            // Registered next to `/widgets/{widgetId}`, the literal path still wins.
            let lowStock = try await client.execute(uri: "/widgets/low-stock", method: .get)
            #expect(lowStock.status == .ok)
            #expect(object(lowStock)["totalCount"] as? Int == 0)
            let badFilter = try await client.execute(uri: "/widgets/low-stock?nmae=x", method: .get)
            #expect(badFilter.status == .badRequest)

            let restocked = try await client.execute(uri: "/widgets/7/restock", method: .post)
            #expect(restocked.status == .accepted)
            #expect(object(restocked)["restocked"] as? Int == 7)
            let malformed = try await client.execute(uri: "/widgets/abc/restock", method: .post)
            #expect(malformed.status == .badRequest)
            #expect(detail(malformed)["code"] as? String == "bad_request")
            #expect(detail(malformed)["parameter"] as? String == "widgetId")
            let stray = try await client.execute(uri: "/widgets/7/restock?force=1", method: .post)
            #expect(stray.status == .badRequest)
            #expect(detail(stray)["parameter"] as? String == "force")
        }
    }
}
