/// What a use case's scope says of its caller and its dependencies: who runs it (the database's caller), whether it
/// may (`require auth …`), the application's services, and the same scope for another caller (a job dispatched
/// `as caller`).
extension UseCaseScope {
    /// The caller the use case runs for: its database's.
    public var caller: Caller { database.caller }

    /// A use case's `require auth …`: the system passes; an anonymous caller is a 401; a principal for whom
    /// `condition` does not hold a 403. The condition names only the principal and literals, so it is decided here.
    public func requireCaller(_ condition: RuleExpression) throws {
        switch caller {
        case .system: return
        case .anonymous: throw LoomError.credentialRequired
        case .principal(let principal):
            guard RuleCompiler(principal: principal).decide(condition) else {
                throw LoomError.forbidden(message: "you may not do this", field: nil)
            }
        }
    }

    /// The same scope (its transaction, request id and logger) acting for `caller`: a job dispatched `as caller`.
    public func acting(as caller: Caller) -> UseCaseScope {
        UseCaseScope(database: database.acting(as: caller), requestID: requestID, logger: logger)
    }

    /// The application's services, as the schema's `<Schema>Services`. The server and the generated
    /// `<Schema>Application(database:services:)` always give them, so a missing one is a programming error.
    public func services<Services>(_ type: Services.Type) -> Services {
        guard let services = database.services as? Services else {
            preconditionFailure("no \(Services.self) given: pass them to LoomServer.run(_:services:) or the application's init(database:services:)")
        }
        return services
    }
}
