import LoomRuntime
#if !LOOM_MODELS_IN_TARGET  // RepositoryBenchmark compiles Generated/store, models included, with these files
import StoreModels
#endif

/// Writes the fields the PATCH carried; `load user` already answered 404 for a missing user.
struct UpdateUser: UpdateUserUseCase {
    func execute(_ input: UpdateUserInput, context: UpdateUserContext) async throws -> User {
        let changes = User.Update(fullName: input.body.fullName, email: input.body.email)
        let users = context.repositories.users
        guard let updated = try await users.update(input.user.id, with: changes) else { throw users.notFound(input.user.id) }
        return updated
    }
}
