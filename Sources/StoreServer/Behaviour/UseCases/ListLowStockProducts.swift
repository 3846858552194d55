import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Products with five or fewer in stock, fewest first (then by id), 20 a page. The client's own filters narrow the
/// list further; its page number is kept.
struct ListLowStockProducts: ListLowStockProductsUseCase {
    static let pageSize = 20

    func execute(_ input: ListLowStockProductsInput, context: ListLowStockProductsContext) async throws -> ListPage<Product> {
        var query = input.query
        let lowStock = Product.Fields.stock.lte(5)
        query.filter = query.filter.map { .all([lowStock, $0]) } ?? lowStock
        query.sort = [Product.Fields.stock.ascending]  // the primary key is always the final tie-breaker
        switch query.page {
        case .offset(let page, _): query.page = .offset(page: page, limit: Self.pageSize)
        case .cursor(let after, _): query.page = .cursor(after: after, limit: Self.pageSize)
        }
        return try await context.repositories.products.list(query)
    }
}
