import Logging

/// What a use case runs with: the database (inside a writing use case, its transaction), the id of the request it
/// serves and a logger that carries it. Generated facades and use-case contexts hold one; calls made through them
/// share it, so a use case invoked by another joins its transaction.
public struct UseCaseScope: Sendable {
    public let database: Database
    public let requestID: String?
    public let logger: Logger

    public init(database: Database, requestID: String? = nil, logger: Logger? = nil) {
        self.database = database
        self.requestID = requestID
        var logger = logger ?? Logger(label: "loom.usecase")
        if let requestID { logger[metadataKey: "requestId"] = .string(requestID) }
        self.logger = logger
    }

    /// Runs use case `name` — in one transaction when `inTransaction` — in a span named after it, recording its
    /// outcome and duration in the metrics. Every generated facade method is one call of this.
    public func perform<T: Sendable>(
        _ name: String, inTransaction: Bool = false, _ body: @Sendable (UseCaseScope) async throws -> T
    ) async throws -> T {
        let started = ContinuousClock.now
        do {
            let requestID = requestID
            let result = try await LoomTracing.withSpan("usecase \(name)", attributes: { attributes in
                attributes["loom.use_case"] = name
                if let requestID { attributes["loom.request_id"] = requestID }
            }) {
                inTransaction ? try await transaction(body) : try await body(self)
            }
            UseCaseMetrics.record(name, outcome: "ok", duration: ContinuousClock.now - started)
            return result
        } catch {
            UseCaseMetrics.record(name, outcome: UseCaseMetrics.outcome(of: error), duration: ContinuousClock.now - started)
            throw error
        }
    }

    /// Runs `body` in one transaction (joining the enclosing one, if any) with a scope over it: a throw anywhere in
    /// it, the user's code or a use case it invoked, rolls all of it back.
    public func transaction<T: Sendable>(_ body: @Sendable (UseCaseScope) async throws -> T) async throws -> T {
        let requestID = requestID
        let logger = logger
        return try await database.transaction { database in
            try await body(UseCaseScope(database: database, requestID: requestID, logger: logger))
        }
    }
}

/// What every generated use-case context offers, whatever the use case: its scope's request id, logger and database.
public protocol UseCaseContext: Sendable {
    var scope: UseCaseScope { get }
}

extension UseCaseContext {
    public var requestID: String? { scope.requestID }
    public var logger: Logger { scope.logger }
    /// The database the use case runs on: its transaction when it writes.
    public var database: Database { scope.database }
}

/// The implementation of a use case, written by the user: each generated `<Name>UseCase` protocol refines this one,
/// and the generated facade makes a fresh value with `init()` for every call (state belongs in the database).
public protocol LoomUseCase: Sendable {
    init()
}
