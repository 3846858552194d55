import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// `exists hasOrders = Order(userId: userId)` has asked.
struct UserHasOrders: UserHasOrdersUseCase {
    func execute(_ input: UserHasOrdersInput, context: UserHasOrdersContext) async throws -> Bool {
        input.hasOrders
    }
}
