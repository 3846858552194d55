import LoomRuntime

struct Query: QueryUseCase {
    func execute(_ input: QueryInput, context: QueryContext) async throws -> LoomRuntime.ListPage<Repository> {
        throw LoomError.notImplemented(message: "use case 'Query' is not written yet")
    }
}
