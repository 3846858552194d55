import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// "Sends" the restock e-mail (the example logs it): fails when asked to, and answers whether the product is out of
/// stock, which decides whether `MarkRestockNotified` marks it.
struct SendRestockEmail: SendRestockEmailJob {
    struct ForcedFailure: Error, CustomStringConvertible {
        var description: String { "the restock e-mail was told to fail (forceFail)" }
    }

    func execute(_ input: SendRestockEmailInput, context: SendRestockEmailContext) async throws -> Bool {
        if input.body.forceFail { throw ForcedFailure() }
        context.logger.info("restock e-mail for \(input.product.sku) to \(input.body.recipientEmail)")
        return input.product.stock == 0
    }
}

/// After a successful e-mail about an empty shelf: the product's category says so, once.
struct MarkRestockNotified: MarkRestockNotifiedCallback {
    func execute(_ event: SendRestockEmailSucceeded, context: MarkRestockNotifiedContext) async throws {
        guard event.result else { return }
        try await StoreCategories.append("-restock-notified", toProduct: event.payload.productId, in: context.repositories)
    }
}

/// After the e-mail's last attempt failed.
struct MarkRestockFailed: MarkRestockFailedCallback {
    func execute(_ event: SendRestockEmailFailed, context: MarkRestockFailedContext) async throws {
        try await StoreCategories.append("-restock-failed", toProduct: event.payload.productId, in: context.repositories)
    }
}

enum StoreCategories {
    /// Appends `suffix` to the product's category unless it already ends with it.
    static func append(_ suffix: String, toProduct id: Int, in repositories: StoreRepositories) async throws {
        let products = repositories.products
        guard let product = try await products.get(id), !product.category.hasSuffix(suffix) else { return }
        _ = try await products.update(id, with: Product.Update(category: .value(product.category + suffix)))
    }
}
