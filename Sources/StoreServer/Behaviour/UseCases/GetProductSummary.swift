import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Runs the summary job here and now, for an existing product.
struct GetProductSummary: GetProductSummaryUseCase {
    func execute(_ input: GetProductSummaryInput, context: GetProductSummaryContext) async throws -> ProductSummary {
        try await context.runBuildProductSummary(productId: input.productId)
    }
}
