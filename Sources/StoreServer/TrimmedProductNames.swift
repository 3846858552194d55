import LoomRuntime
import StoreModels

/// The store's custom product repository: names are stored without surrounding white space, whoever writes them
/// (the auto-CRUD routes included).
struct TrimmedProductNames: RepositoryCustomization {
    typealias Model = Product

    func create(_ input: Product.Create, next: @Sendable (Product.Create) async throws -> Product) async throws -> Product {
        var input = input
        input.name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await next(input)
    }

    func update(
        _ id: Int, with patch: Product.Update, next: @Sendable (Int, Product.Update) async throws -> Product?
    ) async throws -> Product? {
        var patch = patch
        if case .value(let name) = patch.name { patch.name = .value(name.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return try await next(id, patch)
    }
}
