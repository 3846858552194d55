import LoomRuntime

struct Transaction: TransactionUseCase {
    func execute(_ input: TransactionInput, context: TransactionContext) async throws -> Response {
        throw LoomError.notImplemented(message: "use case 'Transaction' is not written yet")
    }
}
