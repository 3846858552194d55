import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Products with five or fewer in stock, fewest first (then by id). The client's own filters narrow the list further;
/// its page and page size are kept (20 a page unless it asks for another: the route's `limit 20`).
struct ListLowStockProducts: ListLowStockProductsUseCase {
    func execute(_ input: ListLowStockProductsInput, context: ListLowStockProductsContext) async throws -> ListPage<Product> {
        var query = input.query
        let lowStock = Product.Fields.stock.lte(5)
        query.filter = query.filter.map { .all([lowStock, $0]) } ?? lowStock
        query.sort = [Product.Fields.stock.ascending]  // the primary key is always the final tie-breaker
        return try await context.repositories.products.list(query)
    }
}
