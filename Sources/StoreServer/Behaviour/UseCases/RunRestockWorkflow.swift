import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// The product's summary (the `GetProductSummary` use case), then the restock e-mail job.
struct RunRestockWorkflow: RunRestockWorkflowUseCase {
    func execute(_ input: RunRestockWorkflowInput, context: RunRestockWorkflowContext) async throws -> RestockWorkflowResult {
        let summary = try await context.getProductSummary(productId: input.productId)
        let job = try await context.dispatchSendRestockEmail(productId: input.productId, body: input.body)
        return RestockWorkflowResult(summary: summary.summary, restockJobId: job.jobId, queue: job.queue)
    }
}
