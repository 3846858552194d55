import Foundation
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import Testing

/// Nested routes: the parent key comes from the path, and another parent's rows are invisible.
@Suite("Parent routes")
struct ParentRouteTests {
    @Test("create and read under a parent")
    func nested() async throws {
        try await withShop { client in
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "A"}"#))
            _ = try await client.execute(uri: "/widgets", method: .post, body: json(#"{"name": "B"}"#))
            let created = try await client.execute(uri: "/widgets/1/parts", method: .post, body: json(#"{"label": "wheel"}"#))
            #expect(created.status == .created)
            #expect(object(created)["widgetId"] as? Int == 1)

            let sent = try await client.execute(uri: "/widgets/1/parts", method: .post, body: json(#"{"label": "x", "widget_id": 2}"#))
            #expect(sent.status == .unprocessableContent)
            #expect(violations(sent) == ["widget_id: is set by the route's path and cannot be sent"])

            let missingParent = try await client.execute(uri: "/widgets/9/parts", method: .post, body: json(#"{"label": "x"}"#))
            #expect(missingParent.status == .notFound)
            #expect(detail(missingParent)["message"] as? String == "Widget with id=9 not found")

            #expect(try await client.execute(uri: "/widgets/1/parts/1", method: .get).status == .ok)
            let otherParent = try await client.execute(uri: "/widgets/2/parts/1", method: .get)
            #expect(otherParent.status == .notFound)
            #expect(detail(otherParent)["message"] as? String == "Part with id=1 not found")

            let list = try await client.execute(uri: "/widgets/2/parts", method: .get)
            #expect((object(list)["items"] as? [Any])?.isEmpty == true)

            let moved = try await client.execute(uri: "/widgets/1/parts/1", method: .patch, body: json(#"{"widgetId": 2}"#))
            #expect(moved.status == .unprocessableContent)
            #expect(try await client.execute(uri: "/widgets/1/parts/1", method: .delete).status == .noContent)
        }
    }
}
