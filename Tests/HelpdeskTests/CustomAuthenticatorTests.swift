import Foundation
@testable import HelpdeskServer
import HelpdeskModels
import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import LoomSQLite
import Testing

/// An authenticator written in Swift — API keys, through the generated `HelpdeskAuthenticator` — in front of the
/// generated routes: the rules judge the principal it proves exactly as they judge a JWT's, and a bad key is a 401.
@Suite("Helpdesk with a custom authenticator")
struct CustomAuthenticatorTests {
    struct APIKeys: HelpdeskAuthenticator {
        let keys: [String: HelpdeskPrincipal]

        func principal(for request: Request) async throws -> HelpdeskPrincipal? {
            guard let key = request.headers[.init("x-api-key")!] else { return nil }
            guard let principal = keys[key] else { throw LoomError.unauthenticated(message: "unknown API key", reason: "invalid_token") }
            return principal
        }
    }

    @Test("API keys prove principals; the rules filter what each one reads")
    func apiKeys() async throws {
        let engine = try await SQLiteEngine.open(path: nil)
        do {
            let system = Database(engine: engine, caller: .system)
            try await system.createTables(of: HelpdeskSchema.self)
            for name in ["Acme", "Globex"] { _ = try await system.repository(Organization.self).create(.init(name: name)) }
            _ = try await system.repository(User.self).create(.init(email: "a@acme.test", fullName: "A", role: .customer, orgId: 1))
            _ = try await system.repository(User.self).create(.init(email: "g@globex.test", fullName: "G", role: .customer, orgId: 2))
            _ = try await system.repository(Ticket.self).create(.init(orgId: 1, customerId: 1, title: "Acme's", body: "b"))
            _ = try await system.repository(Ticket.self).create(.init(orgId: 2, customerId: 2, title: "Globex's", body: "b"))

            let router = Router(context: BasicLoomRequestContext.self)
            router.add(middleware: ErrorMiddleware(realm: "helpdesk"))
            let api = router.group()
            api.add(middleware: AuthenticationMiddleware(APIKeys(keys: [
                "acme-key": HelpdeskPrincipal(id: 1, role: .customer, orgId: 1),
                "agent-key": HelpdeskPrincipal(id: 9, role: .agent, orgId: nil),
            ])))
            HelpdeskSchema.addRoutes(to: api, database: system)
            try await Application(router: router).test(.router) { client in
                func titles(_ key: String?) async throws -> (status: HTTPResponse.Status, titles: [String]) {
                    let response = try await client.execute(
                        uri: "/tickets", method: .get, headers: key.map { [.init("x-api-key")!: $0] } ?? [:])
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    let items = object?["items"] as? [[String: Any]] ?? []
                    return (response.status, items.compactMap { $0["title"] as? String })
                }
                let acme = try await titles("acme-key")
                #expect(acme.status == .ok && acme.titles == ["Acme's"])
                let agent = try await titles("agent-key")
                #expect(agent.titles == ["Acme's", "Globex's"])
                #expect(try await titles("stolen-key").status == .unauthorized)
                #expect(try await titles(nil).status == .unauthorized)
            }
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }
}
