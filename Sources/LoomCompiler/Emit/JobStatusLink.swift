import LoomVocabulary

/// A `202 Accepted` whose answer names the job it dispatched (a `jobId: UUID` field) points at the job's status route:
/// the route sends `Location: /loom/jobs/{jobId}` and the document links the two. One rule, read by both.
enum JobStatusLink {
    /// The answer's field that holds the job's id, when the endpoint is such a 202.
    static func jobField(of endpoint: Endpoint, in schema: ResolvedSchema) -> String? {
        guard endpoint.status == 202, !schema.jobs.isEmpty, case .command(let name) = endpoint.responseBody,
              let command = schema.command(named: name),
              let field = command.fields.first(where: { $0.name == JobStatusRoute.answerField }),
              field.type == .scalar(.uuid), !field.isOptional
        else { return nil }
        return field.name
    }
}
