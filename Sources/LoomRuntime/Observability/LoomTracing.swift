import Synchronization
import Tracing

/// Spans for use cases and statements through swift-distributed-tracing, made only once the server switches tracing
/// on (`tracing.enabled`): off, a use case or a statement costs one atomic load, not a span through the no-op tracer.
public enum LoomTracing {
    private static let switchedOn = Atomic<Bool>(false)

    public static var isEnabled: Bool { switchedOn.load(ordering: .relaxed) }

    /// Called once at start-up, after the tracer (swift-otel's) is bootstrapped.
    public static func enable(_ enabled: Bool = true) { switchedOn.store(enabled, ordering: .relaxed) }

    /// `body` in a span named `name`, a child of the task's current span; a thrown error is recorded on it.
    public static func withSpan<T>(
        _ name: String, kind: SpanKind = .internal, attributes: (inout SpanAttributes) -> Void = { _ in },
        _ body: () async throws -> T
    ) async throws -> T {
        guard isEnabled else { return try await body() }
        return try await Tracing.withSpan(name, ofKind: kind) { span in
            span.updateAttributes(attributes)
            return try await body()
        }
    }

    /// A statement's span: `SELECT products`-style names would need parsing, so the name is the statement's verb and
    /// the text is an attribute (bind values never are). Only within a request's or a job's span: a worker's idle
    /// polls would otherwise each be a trace of their own.
    public static func statement<T>(
        _ text: @autoclosure () -> String, system: String, _ body: () async throws -> T
    ) async throws -> T {
        guard isEnabled, ServiceContext.current != nil else { return try await body() }
        let sql = text()
        let verb = sql.prefix { !$0.isWhitespace }.uppercased()
        return try await withSpan(verb.isEmpty ? "SQL" : verb, kind: .client, attributes: { attributes in
            attributes["db.system.name"] = system
            attributes["db.operation.name"] = verb
            attributes["db.query.text"] = sql
        }, body)
    }
}
