import LoomRuntime

/// The user and the address exist and belong together (the schema's `require` and `check`); this writes the order.
struct CreateOrder: CreateOrderUseCase {
    func execute(_ input: CreateOrderInput, context: CreateOrderContext) async throws -> Order {
        let body = input.body
        return try await context.repositories.orders.create(
            Order.Create(userId: body.userId, addressId: body.addressId, status: body.status, paymentMethod: body.paymentMethod)
        )
    }
}

extension StoreChecks {
    /// An order may only be delivered to one of its customer's own addresses.
    static func addressBelongsToUser(_ addressId: Int, _ userId: Int, repositories: StoreRepositories) async throws -> Bool {
        try await repositories.addresses.get(addressId)?.userId == userId
    }
}
