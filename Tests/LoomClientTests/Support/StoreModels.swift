import Foundation

/// The store's types as a generated client will declare them (schemas/store/*.loom, Generated/store/openapi.json),
/// written by hand for these tests.
struct Product: Codable, Sendable, Hashable {
    var id: Int
    var sku: String
    var name: String
    var category: String
    var priceCents: Int
    var stock: Int
    var createdAt: Date
    var updatedAt: Date
}

/// `ProductCreate`: `stock` defaults to 0 on the server.
struct ProductCreate: Codable, Sendable, Hashable {
    var sku: String
    var name: String
    var category: String
    var priceCents: Int?
    var stock: Int?
}

/// `ProductUpdate`: absent fields are left alone.
struct ProductUpdate: Codable, Sendable, Hashable {
    var name: String?
    var stock: Int?
}

struct RestockEmailRequest: Codable, Sendable, Hashable {
    var recipientEmail: String
    var forceFail: Bool?
}

struct JobAccepted: Codable, Sendable, Hashable {
    var jobId: UUID
    var queue: String
}
