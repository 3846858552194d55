import Hummingbird
import LoomHTTP
import LoomRedis
import LoomRuntime

/// `GET /ready`: 200 once the tables exist and the database (and Redis, when configured) answer within 2 s; otherwise
/// a 503 `unavailable` naming what does not answer, so a load balancer sends no traffic to this process until it
/// can serve it. `GET /health` only says the process is alive.
enum ReadinessRoute {
    static func register<Context: LoomRequestContext>(
        on router: Router<Context>, engine: any DatabaseEngine, redis: RedisClient?, started: ReadySignal
    ) {
        router.get("/ready") { _, context -> Response in
            guard started.isOpen else { throw LoomError.unavailable(message: "starting: the database is not ready yet") }
            var checks: [String: String] = [:]
            do {
                try await withDeadline(.seconds(2)) { _ = try await engine.query("SELECT 1", []) }
                checks["database"] = "ok"
            } catch {
                context.logger.warning("readiness: the database does not answer: \(error)")
                throw LoomError.unavailable(message: "the database does not answer")
            }
            if let redis {
                do {
                    try await withDeadline(.seconds(2)) { _ = try await redis.command("PING") }
                    checks["redis"] = "ok"
                } catch {
                    context.logger.warning("readiness: Redis does not answer: \(error)")
                    throw LoomError.unavailable(message: "Redis does not answer")
                }
            }
            checks["status"] = "ready"
            return try JSONResponse.make(checks)
        }
    }

    struct TimedOut: Error {}

    /// `body`, or `TimedOut` after `limit`, whichever comes first.
    static func withDeadline(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TimedOut()
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
