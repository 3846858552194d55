import LoomRuntime

/// Writes the fields the PATCH carried; the schema has checked that a new address exists and is the customer's.
struct UpdateOrder: UpdateOrderUseCase {
    func execute(_ input: UpdateOrderInput, context: UpdateOrderContext) async throws -> Order {
        let body = input.body
        let changes = Order.Update(addressId: body.addressId, status: body.status, paymentMethod: body.paymentMethod)
        let orders = context.repositories.orders
        guard let updated = try await orders.update(input.order.id, with: changes) else { throw orders.notFound(input.order.id) }
        return updated
    }
}

extension StoreChecks {
    /// An order moves only to another address of the same customer.
    static func addressOfOrderCustomer(_ orderId: Int, _ addressId: Int, repositories: StoreRepositories) async throws -> Bool {
        guard let order = try await repositories.orders.get(orderId) else { return true }  // `load order` answered 404
        return try await repositories.addresses.get(addressId)?.userId == order.userId
    }
}
