import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// `load product = Product(sku: sku)` has read it, or answered 404 naming Product.
struct GetProductBySku: GetProductBySkuUseCase {
    func execute(_ input: GetProductBySkuInput, context: GetProductBySkuContext) async throws -> Product {
        input.product
    }
}
