import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// The order and the product exist, the quantity and price are in range, and the schema has filled in the product's
/// price when the body gave none: this writes the line.
struct CreateOrderItem: CreateOrderItemUseCase {
    func execute(_ input: CreateOrderItemInput, context: CreateOrderItemContext) async throws -> OrderItem {
        let body = input.body
        return try await context.repositories.orderItems.create(
            OrderItem.Create(
                orderId: body.orderId, productId: body.productId, quantity: body.quantity,
                unitPriceCents: body.unitPriceCents ?? input.product.priceCents
            )
        )
    }
}
