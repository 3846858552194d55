import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

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
