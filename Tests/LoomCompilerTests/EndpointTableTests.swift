import Testing
@testable import LoomCompiler

/// The endpoint table: every route of every resource, auto-CRUD and custom, resolved once with its parameters,
/// status, body and handler.
@Suite struct EndpointTableTests {
    static let schema = """
        model User {
          id  Int  @id @autoincrement
        }

        model Address {
          id    Int   @id @autoincrement
          user  User  @onDelete(cascade)
        }

        command Move {
          to  Text
        }

        usecase MoveAddress(userId: Int, addressId: Int, body: Move) -> Address {
          require User(userId)
        }

        resource User at "/users" {
          crud create, get, delete
          deleteStatus 204
        }

        resource Address at "/users/{userId}/addresses" under User {
          crud list, delete
          POST "/{addressId}/move" -> MoveAddress
        }
        """

    @Test func everyRouteIsOneEndpoint() throws {
        let result = compileSchema(Self.schema)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let endpoints = try #require(result.schema).endpoints
        #expect(endpoints.map { "\($0.method.rawValue) \($0.path) \($0.status) \($0.operationID)" } == [
            "POST /users 201 createUser",
            "GET /users/{userId} 200 getUser",
            "DELETE /users/{userId} 204 deleteUser",
            "GET /users/{userId}/addresses 200 listAddresses",
            "DELETE /users/{userId}/addresses/{addressId} 200 deleteAddress",
            "POST /users/{userId}/addresses/{addressId}/move 201 moveAddress",
        ])
        let delete = endpoints[4]
        #expect(delete.pathParameters == [
            .init(name: "userId", type: .int, role: .parentKey(model: "User")),
            .init(name: "addressId", type: .int, role: .itemKey(model: "Address")),
        ])
        #expect(delete.responseBody == .scalar(.bool))
        #expect(endpoints[2].responseBody == .none)
        #expect(endpoints[0].requestBody == .create(model: "User"))
        #expect(endpoints[3].listQuery == .init(model: "Address", pagination: .offset, paginationOverride: true))
        #expect(endpoints[5].handler == .useCase("MoveAddress"))
        #expect(endpoints[5].requestBody == .command("Move"))
        #expect(endpoints[5].errors == [.badRequest, .notFound, .validation])
    }

    @Test func aDeleteAnswers200Or204() {
        let result = compileSchema("model A {\n  id Int @id\n}\nresource A at \"/a\" {\n  crud\n  deleteStatus 202\n}")
        #expect(result.diagnostics.flatMap { $0.description.split(separator: "\n").map(String.init) } == [
            "bad.loom:6:16: error[L082]: a DELETE answers 200 (with the JSON true) or 204 (no body), not 202",
            "bad.loom:6:16: note: write deleteStatus 204, or leave it out for 200",
        ])
    }
}
