import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Pushes the product to the ERP (the example logs it); fails for the ids the request asked to fail.
struct SyncProductToErp: SyncProductToErpJob {
    struct ForcedFailure: Error, CustomStringConvertible {
        var productId: Int
        var description: String { "the ERP sync of product \(productId) was told to fail (forceFailIds)" }
    }

    func execute(_ input: SyncProductToErpInput, context: SyncProductToErpContext) async throws -> Bool {
        if input.body.forceFailIds?.contains(input.product.id) == true { throw ForcedFailure(productId: input.product.id) }
        context.logger.info("ERP sync of \(input.product.sku)")
        return true
    }
}

/// Once every product of one ERP sync was pushed: each product's category says so.
struct MarkErpSynced: MarkErpSyncedCallback {
    func execute(_ event: SyncProductToErpGroupSucceeded, context: MarkErpSyncedContext) async throws {
        for payload in event.payloads {
            try await StoreCategories.append("-erp-synced", toProduct: payload.productId, in: context.repositories)
        }
    }
}

/// Once one product of an ERP sync failed for good: that product's category says so (the others' sync may still
/// succeed, but the sync as a whole did not).
struct MarkErpSyncFailed: MarkErpSyncFailedCallback {
    func execute(_ event: SyncProductToErpGroupFailed, context: MarkErpSyncFailedContext) async throws {
        try await StoreCategories.append("-erp-failed", toProduct: event.payload.productId, in: context.repositories)
    }
}
