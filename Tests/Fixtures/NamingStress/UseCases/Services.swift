import LoomRuntime

struct Services: ServicesUseCase {
    func execute(_ input: ServicesInput, context: ServicesContext) async throws -> Bool {
        throw LoomError.notImplemented(message: "use case 'Services' is not written yet")
    }
}
