import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import LoomTesting
@testable import StoreServer
import StoreModels
import Testing

/// The kit's database under the generated routes: a forced failure answers over HTTP as it would in production.
@Suite("Test kit: the store over HTTP")
struct StoreHTTPKitTests {
    @Test("a forced failure of the order's insert is a 503 unavailable envelope; the next POST creates the order")
    func forcedFailureOverHTTP() async throws {
        try await TestKit<StoreSchema>.run { kit async throws in
            let user = try await StoreApplication(database: kit.database).createUser(body: .init(fullName: "Ada", email: "ada@example.com"))
            let address = try await kit.database.repository(Address.self).create(
                .init(userId: user.id, label: "home", street: "1 Main St", city: "Springfield", country: "US", zipCode: "12345"))
            let router = Router(context: BasicLoomRequestContext.self)
            router.add(middleware: ErrorMiddleware())
            StoreSchema.addRoutes(to: router, database: kit.database(as: .anonymous))
            kit.failures.failNext(.insert, Order.self)
            try await Application(router: router).test(.router) { client in
                let body = ByteBuffer(string: #"{"userId": \#(user.id), "addressId": \#(address.id)}"#)
                let headers: HTTPFields = [.contentType: "application/json"]
                let refused = try await client.execute(uri: "/orders", method: .post, headers: headers, body: body)
                #expect(refused.status == .serviceUnavailable)
                #expect(String(buffer: refused.body).contains(#""unavailable""#))
                let created = try await client.execute(uri: "/orders", method: .post, headers: headers, body: body)
                #expect(created.status == .created)
            }
            #expect(try await kit.database.repository(Order.self).count() == 1)
        }
    }
}
