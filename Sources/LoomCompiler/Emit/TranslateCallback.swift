/// One callback as Swift: the event it receives (`SendRestockEmailSucceeded`: the payload and the typed result, or
/// `…Failed`: the payload and the failure), the protocol the user's `struct MarkRestockNotified` conforms to, and its
/// context. The worker runs it exactly once, in its own transaction, after the job (`TranslateJob.definitions`).
enum TranslateCallback {
    /// The success and failure events of a job that has callbacks for them.
    static func events(of job: Job, in schema: ResolvedSchema) -> [SwiftDeclaration] {
        let all = schema.callbacks.filter { $0.job == job.name }
        let callbacks = all.filter { !$0.isGroup }
        var declarations: [SwiftDeclaration] = []
        let payload = Naming.jobPayload(job.name)
        if all.contains(where: { $0.isGroup && $0.event == .success }) {
            var fields = [("groupId", "UUID"), ("payloads", "[\(payload)]")]
            if let result = TranslateUseCase.resultType(job.result) { fields.append(("results", "[\(result)]")) }
            declarations.append(event(
                Naming.jobGroupSucceeded(job.name), fields: fields,
                doc: "Every `\(job.name)` of a group succeeded: what each was given and returned, in the order dispatched."))
        }
        if all.contains(where: { $0.isGroup && $0.event == .failure }) {
            declarations.append(event(
                Naming.jobGroupFailed(job.name), fields: [("groupId", "UUID"), ("payload", payload), ("failure", "LoomRuntime.JobFailure")],
                doc: "A `\(job.name)` of a group failed its last attempt: what it was given and why it failed."))
        }
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
        let event = switch (callback.event, callback.isGroup) {
        case (.success, false): Naming.jobSucceeded(callback.job)
        case (.failure, false): Naming.jobFailed(callback.job)
        case (.success, true): Naming.jobGroupSucceeded(callback.job)
        case (.failure, true): Naming.jobGroupFailed(callback.job)
        }
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
        let when = switch (callback.event, callback.isGroup) {
        case (.success, false): "after `\(callback.job)` succeeds, in its own transaction."
        case (.failure, false): "after `\(callback.job)` failed its last attempt, in its own transaction."
        case (.success, true): "after every `\(callback.job)` of a group succeeded, in its own transaction."
        case (.failure, true): "after a `\(callback.job)` of a group failed its last attempt, in its own transaction."
        }
        doc.append(when)
        return [
            .documented(doc, .type(SwiftType(
                kind: .protocol, name: Naming.callbackProtocol(callback.name), conformances: ["LoomRuntime.LoomUseCase"],
                members: [.function(execute)]
            ))),
            TranslateJob.context(named: Naming.useCaseContext(callback.name), doc: "`\(callback.name)`", in: schema),
        ]
    }
}
