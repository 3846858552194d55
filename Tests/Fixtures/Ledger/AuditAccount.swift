import LoomRuntime

/// Queues `RecordAudit` for the caller (the schema says `as caller`): it writes the audit as that caller.
struct AuditAccount: AuditAccountUseCase {
    func execute(_ input: AuditAccountInput, context: AuditAccountContext) async throws -> Int {
        let actorId = context.principal?.id ?? 0
        _ = try await context.dispatchRecordAudit(accountId: input.accountId, actorId: actorId)
        return actorId
    }
}

/// Writes the audit through its context's repositories, which act for the dispatching caller: an audit for
/// someone else breaks `allow create when actorId == auth.id`, and the job fails for good.
struct RecordAudit: RecordAuditJob {
    func execute(_ input: RecordAuditInput, context: RecordAuditContext) async throws -> Int {
        try await context.repositories.audits.create(Audit.Create(accountId: input.accountId, actorId: input.actorId)).id
    }
}
