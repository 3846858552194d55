/// One callback as Swift: the event it receives (`SendRestockEmailSucceeded`: the payload and the typed result, or
/// `…Failed`: the payload and the failure), the protocol the user's `struct MarkRestockNotified` conforms to, and its
/// context. The worker runs it exactly once, in its own transaction, after the job (`TranslateJob.definitions`).
enum TranslateCallback {
    /// The success and failure events of a job that has callbacks for them.
    static func events(of job: Job, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        let callbacks = schema.callbacks.filter { $0.job == job.name }
        var declarations: [SwiftDeclaration] = []
        if callbacks.contains(where: { $0.event == .success }) {
            var fields = [("payload", Naming.jobPayload(job.name))]
            if let result = TranslateUseCase.resultType(job.result) { fields.append(("result", result)) }
            declarations.append(event(Naming.jobSucceeded(job.name), fields: fields, doc: "`\(job.name)` succeeded: what it was given and what it returned."))
        }
        if callbacks.contains(where: { $0.event == .failure }) {
            declarations.append(event(
                Naming.jobFailed(job.name), fields: [("payload", Naming.jobPayload(job.name)), ("failure", "LoomRuntime.JobFailure")],
                doc: "`\(job.name)` failed its last attempt: what it was given and why it failed."))
        }
        return declarations
    }

    private static func event(_ name: String, fields: [(String, String)], doc: String) -> SwiftDeclaration {
        var members: [SwiftDeclaration] = fields.map { .variable(SwiftVariable(name: $0.0, type: $0.1)) }
        members.append(.function(SwiftFunction(
            kind: .initializer, parameters: fields.map { SwiftParameter(nil, $0.0, $0.1) },
            body: fields.map { .line("self.\($0.0) = \($0.0)") }
        )))
        return .documented([doc], .type(SwiftType(kind: .struct, name: name, conformances: ["Sendable"], members: members)))
    }

    /// `func execute(_ event: SendRestockEmailSucceeded, context: MarkRestockNotifiedContext) async throws`, without
    /// a body: the protocol's requirement, and (with one) `loomgen scaffold`'s stub.
    static func executeRequirement(_ callback: JobCallback) -> SwiftFunction {
        let event = callback.event == .success ? Naming.jobSucceeded(callback.job) : Naming.jobFailed(callback.job)
        return SwiftFunction(
            access: .internal, kind: .function("execute"),
            parameters: [SwiftParameter("_", "event", event), SwiftParameter(nil, "context", Naming.useCaseContext(callback.name))],
            isAsync: true, isThrowing: true, body: nil
        )
    }

    static func translate(_ callback: JobCallback, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        let execute = executeRequirement(callback)
        var doc = callback.doc.isEmpty ? [] : callback.doc + [""]
        doc.append("Implement it in your target as `struct \(callback.name): \(Naming.callbackProtocol(callback.name))`. It runs once")
        doc.append(callback.event == .success
            ? "after `\(callback.job)` succeeds, in its own transaction."
            : "after `\(callback.job)` failed its last attempt, in its own transaction.")
        return [
            .documented(doc, .type(SwiftType(
                kind: .protocol, name: Naming.callbackProtocol(callback.name), conformances: ["LoomRuntime.LoomUseCase"],
                members: [.function(execute)]
            ))),
            TranslateJob.context(named: Naming.useCaseContext(callback.name), doc: "`\(callback.name)`", in: schema),
        ]
    }
}
