import Foundation
import LoomRuntime

/// One ERP sync job per product; every product must exist first, so nothing is queued for a list with a typo in it.
struct SyncProductsToErp: SyncProductsToErpUseCase {
    func execute(_ input: SyncProductsToErpInput, context: SyncProductsToErpContext) async throws -> SyncErpResult {
        let products = context.repositories.products
        for id in input.body.productIds where try await !products.exists(id) {
            throw products.notFound(id)
        }
        let options = ErpSyncOptions(forceFailIds: input.body.forceFailIds)
        var jobIds: [UUID] = []
        for id in input.body.productIds {
            jobIds.append(try await context.dispatchSyncProductToErp(productId: id, body: options).jobId)
        }
        return SyncErpResult(dispatched: jobIds.count, jobIds: jobIds)
    }
}
