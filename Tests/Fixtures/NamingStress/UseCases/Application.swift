import LoomRuntime

struct Application: ApplicationUseCase {
    func execute(_ input: ApplicationInput, context: ApplicationContext) async throws -> Repository {
        throw LoomError.notImplemented(message: "use case 'Application' is not written yet")
    }
}
