import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// "Product SKU (Name) in category C costs N cents and is in stock." (or "out of stock").
struct BuildProductSummary: BuildProductSummaryJob {
    func execute(_ input: BuildProductSummaryInput, context: BuildProductSummaryContext) async throws -> ProductSummary {
        let product = input.product
        let availability = product.stock > 0 ? "in stock" : "out of stock"
        return ProductSummary(
            productId: product.id,
            summary: "Product \(product.sku) (\(product.name)) in category \(product.category) costs \(product.priceCents) cents and is \(availability)."
        )
    }
}
