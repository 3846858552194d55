import Synchronization

/// Replaces or wraps the generated behaviour of one model's repository, registered once with
/// `Database.customize(_:with:)`; auto-CRUD routes and every other caller then go through it. Each method receives
/// the generated behaviour as `next`: call it to wrap (trim a name, then create), skip it to replace.
public protocol RepositoryCustomization<Model>: Sendable {
    associatedtype Model: LoomModel

    func create(_ input: Model.Create, next: @Sendable (Model.Create) async throws -> Model) async throws -> Model
    func update(
        _ id: Model.ID, with patch: Model.Update, next: @Sendable (Model.ID, Model.Update) async throws -> Model?
    ) async throws -> Model?
    func delete(_ id: Model.ID, next: @Sendable (Model.ID) async throws -> Bool) async throws -> Bool
}

extension RepositoryCustomization {
    public func create(_ input: Model.Create, next: @Sendable (Model.Create) async throws -> Model) async throws -> Model {
        try await next(input)
    }

    public func update(
        _ id: Model.ID, with patch: Model.Update, next: @Sendable (Model.ID, Model.Update) async throws -> Model?
    ) async throws -> Model? {
        try await next(id, patch)
    }

    public func delete(_ id: Model.ID, next: @Sendable (Model.ID) async throws -> Bool) async throws -> Bool {
        try await next(id)
    }
}

/// The customizations registered on a database, by model. Registered at start-up, read on every request.
public final class RepositoryCustomizations: Sendable {
    private let byModel = Mutex<[ObjectIdentifier: any Sendable]>([:])

    public init() {}

    func set<Model: LoomModel>(_ customization: some RepositoryCustomization<Model>, for model: Model.Type) {
        let erased = customization as any RepositoryCustomization<Model>
        byModel.withLock { $0[ObjectIdentifier(model)] = erased }
    }

    func get<Model: LoomModel>(_ model: Model.Type) -> (any RepositoryCustomization<Model>)? {
        byModel.withLock { $0[ObjectIdentifier(model)] as? any RepositoryCustomization<Model> }
    }
}
