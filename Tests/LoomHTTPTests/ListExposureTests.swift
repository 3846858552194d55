import Foundation
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import Testing

/// What a resource lets a request ask of its lists and reads (`filterable`, `sortable`, `profiles`) and a list's
/// pagination mode (`pagination offset fixed`), as generated routes register them: anything else is a 400 in the
/// one envelope naming the parameter, before anything is read.
@Suite("List exposure and pagination modes")
struct ListExposureTests {
    /// `/narrow`: widgets filtered on `name` only, sorted by `stock` only, no profile; `/fixed` pages by offset only;
    /// `/pickable` by offset unless the request asks for cursor pages; `/narrow-use-case` is a use-case list with the
    /// same lists.
    static func routes(_ router: Router<BasicLoomRequestContext>, database: Database) {
        let narrow = CRUDRoutes<Widget, BasicLoomRequestContext>(
            repository: database.repository(Widget.self), itemParameter: "widgetId", filterable: ["name"],
            sortable: ["stock"], profiles: [])
        router.get("/narrow", use: narrow.list())
        router.get("/narrow/{widgetId}", use: narrow.get())
        let fixed = CRUDRoutes<Widget, BasicLoomRequestContext>(
            repository: database.repository(Widget.self), itemParameter: "widgetId", pagination: .offset,
            paginationOverride: false)
        router.get("/fixed", use: fixed.list())
        let pickable = CRUDRoutes<Widget, BasicLoomRequestContext>(
            repository: database.repository(Widget.self), itemParameter: "widgetId", pagination: .offset)
        router.get("/pickable", use: pickable.list())
        router.get("/narrow-use-case") { request, context -> Response in
            let query = try UseCaseRoute.listQuery(
                Widget.self, request: request, pagination: .cursor, paginationOverride: false, filterable: ["name"],
                sortable: ["stock"])
            return try UseCaseRoute.respond(try await database.repository(Widget.self).list(query), status: .ok, context: context)
        }
    }

    @Test("a filter on a field outside `filterable` is a 400 naming the parameter; a listed one filters")
    func filterable() async throws {
        try await withShopAndExposure { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt", "stock": 2}"#))
            for path in ["/narrow", "/narrow-use-case"] {
                let named = try await client.execute(uri: "\(path)?name=Bolt", method: .get)
                #expect(named.status == .ok, "\(path)")
                #expect((object(named)["items"] as? [Any])?.count == 1, "\(path)")
                for parameter in ["stock__gte", "stock"] {
                    let refused = try await client.execute(uri: "\(path)?\(parameter)=1", method: .get)
                    #expect(refused.status == .badRequest, "\(path)")
                    #expect(detail(refused)["code"] as? String == "bad_request")
                    #expect(detail(refused)["parameter"] as? String == parameter, "\(path)")
                    #expect(detail(refused)["message"] as? String == "this list cannot be filtered on 'stock'; it filters on 'name'")
                }
                // An unknown field is still named as unknown, not as one the list refuses.
                let unknown = try await client.execute(uri: "\(path)?colour=red", method: .get)
                #expect(detail(unknown)["parameter"] as? String == "colour")
                #expect((detail(unknown)["message"] as? String)?.hasPrefix("unknown filter field 'colour'") == true)
            }
        }
    }

    @Test("a sort by a field outside `sortable` is a 400 naming `sort`; a listed one sorts")
    func sortable() async throws {
        try await withShopAndExposure { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt", "stock": 2}"#))
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Nut", "stock": 5}"#))
            for path in ["/narrow", "/narrow-use-case"] {
                let sorted = try await client.execute(uri: "\(path)?sort=-stock", method: .get)
                #expect(sorted.status == .ok, "\(path)")
                #expect((object(sorted)["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Nut", "Bolt"])
                for sort in ["name", "-name", "stock,name"] {
                    let refused = try await client.execute(uri: "\(path)?sort=\(sort)", method: .get)
                    #expect(refused.status == .badRequest, "\(path) \(sort)")
                    #expect(detail(refused)["parameter"] as? String == "sort")
                    #expect(detail(refused)["message"] as? String == "this list cannot be sorted by 'name'; it sorts by 'stock'")
                }
            }
        }
    }

    @Test("`?profile=` outside `profiles` is a 400 naming `profile`, on the list and the item")
    func profiles() async throws {
        try await withShopAndExposure { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            for path in ["/narrow?profile=withParts", "/narrow/1?profile=withParts"] {
                let refused = try await client.execute(uri: path, method: .get)
                #expect(refused.status == .badRequest, "\(path)")
                #expect(detail(refused)["parameter"] as? String == "profile", "\(path)")
                #expect(detail(refused)["message"] as? String == "profile 'withParts' is not exposed here; the profiles are none")
            }
            #expect(try await client.execute(uri: "/narrow/1", method: .get).status == .ok)
        }
    }

    @Test("`fixed`: asking for the other mode is a 400 naming the parameter; without it the request picks")
    func paginationModes() async throws {
        try await withShopAndExposure { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "Bolt"}"#))
            let switched = try await client.execute(uri: "/fixed?pagination=cursor", method: .get)
            #expect(switched.status == .badRequest)
            #expect(detail(switched)["parameter"] as? String == "pagination")
            #expect(detail(switched)["message"] as? String == "this list pages by offset only")
            let cursor = try await client.execute(uri: "/fixed?after=abc", method: .get)
            #expect(cursor.status == .badRequest)
            #expect(detail(cursor)["parameter"] as? String == "cursor")
            let offset = try await client.execute(uri: "/fixed?pagination=offset", method: .get)
            #expect(offset.status == .ok && object(offset)["page"] as? Int == 1)
            // A cursor list that is fixed refuses offset pages the same way.
            let offsetOnCursor = try await client.execute(uri: "/narrow-use-case?pagination=offset", method: .get)
            #expect(offsetOnCursor.status == .badRequest)
            #expect(detail(offsetOnCursor)["parameter"] as? String == "pagination")

            let picked = try await client.execute(uri: "/pickable?pagination=cursor", method: .get)
            #expect(picked.status == .ok)
            #expect(object(picked)["hasNext"] as? Bool == false && object(picked)["page"] == nil)
            #expect(object(try await client.execute(uri: "/pickable", method: .get))["page"] as? Int == 1)
        }
    }
}

/// The shop's routes plus `ListExposureTests.routes`, on the same database.
func withShopAndExposure(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await withShop(context: BasicLoomRequestContext.self, routesOnDatabase: ListExposureTests.routes, body)
}
