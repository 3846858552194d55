import LoomRuntime

struct Handler: HandlerUseCase {
    func execute(_ input: HandlerInput, context: HandlerContext) async throws -> Repository {
        throw LoomError.notImplemented(message: "use case 'Handler' is not written yet")
    }
}
