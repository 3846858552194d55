import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Queues the restock e-mail for an existing product (the schema's `require`) with a valid recipient.
struct DispatchRestockEmail: DispatchRestockEmailUseCase {
    func execute(_ input: DispatchRestockEmailInput, context: DispatchRestockEmailContext) async throws -> JobAccepted {
        let job = try await context.dispatchSendRestockEmail(productId: input.productId, body: input.body)
        return JobAccepted(jobId: job.jobId, queue: job.queue)
    }
}
