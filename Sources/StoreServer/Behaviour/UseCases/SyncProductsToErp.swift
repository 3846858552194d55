import Foundation
import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// One ERP sync job per product, dispatched as one group (its callbacks mark the sync as a whole); every product must
/// exist first, so nothing is queued for a list with a typo in it.
struct SyncProductsToErp: SyncProductsToErpUseCase {
    func execute(_ input: SyncProductsToErpInput, context: SyncProductsToErpContext) async throws -> SyncErpResult {
        let products = context.repositories.products
        for id in input.body.productIds where try await !products.exists(id) {
            throw products.notFound(id)
        }
        let options = ErpSyncOptions(forceFailIds: input.body.forceFailIds)
        let group = try await context.dispatchSyncProductToErpGroup(
            members: input.body.productIds.map { SyncProductToErpPayload(productId: $0, body: options) })
        return SyncErpResult(dispatched: group.jobIds.count, jobIds: group.jobIds, groupId: group.groupId)
    }
}
