import LoomRuntime
import StoreModels

/// `exists hasOrders = Order(userId: userId)` has asked.
struct UserHasOrders: UserHasOrdersUseCase {
    func execute(_ input: UserHasOrdersInput, context: UserHasOrdersContext) async throws -> Bool {
        input.hasOrders
    }
}
