import LoomRuntime

struct Router: RouterUseCase {
    func execute(_ input: RouterInput, context: RouterContext) async throws {
        throw LoomError.notImplemented(message: "use case 'Router' is not written yet")
    }
}
