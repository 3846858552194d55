import Foundation
import Testing
@testable import LoomCompiler

/// The whole store domain (docs: store-domain.md), written with both halves of the language, compiles cleanly.
@Suite struct StoreFixtureTests {
    private func storeFiles() throws -> [SourceFile] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/store-full")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".loom") }.sorted()
        return try names.map { name in
            SourceFile(path: "store-full/\(name)", text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    @Test func theFullStoreCompilesWithoutDiagnostics() throws {
        let result = Frontend.compile(name: "store", files: try storeFiles())
        #expect(result.diagnostics.map(\.description) == [])
        let schema = try #require(result.schema)
        #expect(Set(schema.models.map(\.name)) == ["User", "Address", "Product", "Order", "OrderItem"])
        #expect(schema.jobs.map(\.name) == ["SendRestockEmail", "BuildProductSummary", "SyncProductToErp"])
        #expect(schema.jobs.map(\.queue) == ["notifications", "analytics", "erp"])
        #expect(schema.callbacks.map(\.event) == [.success, .failure])
        let routes = schema.resources.flatMap { resource in resource.routes.map { "\($0.method.rawValue) \($0.path) \($0.status)" } }
        #expect(routes == [
            "GET /products/low-stock 200",
            "POST /products/{productId}/jobs/restock-email 202",
            "GET /products/{productId}/jobs/summary 200",
            "POST /products/{productId}/workflows/restock 202",
            "POST /products/jobs/sync-erp 202",
            "POST /orders 201",
            "POST /order-items 201",
            "POST /users 201",
            "PATCH /users/{userId} 200",
        ])
        let address = try #require(schema.resources.first { $0.model == "Address" })
        #expect(address.parent == ParentScope(model: "User", parameter: "userId", foreignKey: "userId"))
        #expect(address.operations == CRUDOperation.allCases)
        #expect(schema.resources.first { $0.model == "Product" }?.pagination == .cursor)
    }
}
