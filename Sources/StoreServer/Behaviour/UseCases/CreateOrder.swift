import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// The user and the address exist and belong together (the schema's `require`, `load` and `rule`); this writes the
/// order.
struct CreateOrder: CreateOrderUseCase {
    func execute(_ input: CreateOrderInput, context: CreateOrderContext) async throws -> Order {
        let body = input.body
        return try await context.repositories.orders.create(
            Order.Create(userId: body.userId, addressId: body.addressId, status: body.status, paymentMethod: body.paymentMethod)
        )
    }
}
