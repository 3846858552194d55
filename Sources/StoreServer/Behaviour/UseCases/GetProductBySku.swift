import LoomRuntime
import StoreModels

/// `load product = Product(sku: sku)` has read it, or answered 404 naming Product.
struct GetProductBySku: GetProductBySkuUseCase {
    func execute(_ input: GetProductBySkuInput, context: GetProductBySkuContext) async throws -> Product {
        input.product
    }
}
