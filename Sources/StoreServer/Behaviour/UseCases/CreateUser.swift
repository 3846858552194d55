import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// By the time this runs, the schema's statements have refused a blank name, an invalid email and an email already
/// in use: what is left is writing the row.
struct CreateUser: CreateUserUseCase {
    func execute(_ input: CreateUserInput, context: CreateUserContext) async throws -> User {
        try await context.repositories.users.create(User.Create(fullName: input.body.fullName, email: input.body.email))
    }
}
