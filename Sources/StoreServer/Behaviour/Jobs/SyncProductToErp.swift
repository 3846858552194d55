import LoomRuntime

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
