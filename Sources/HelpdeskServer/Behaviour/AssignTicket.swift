import LoomRuntime
import HelpdeskModels

/// The schema has already checked who calls (`require auth.role in [agent, admin]`), that the ticket is one the caller
/// may read and that the assignee is an agent; this writes the assignee — through the caller's rules, which let
/// agents change `assigneeId` — and queues the e-mail, which goes out once the transaction commits.
struct AssignTicket: AssignTicketUseCase {
    func execute(_ input: AssignTicketInput, context: AssignTicketContext) async throws -> Ticket {
        let tickets = context.repositories.tickets
        guard let ticket = try await tickets.update(input.ticketId, with: Ticket.Update(assigneeId: .value(input.body.assigneeId))) else {
            throw tickets.notFound(input.ticketId)
        }
        _ = try await context.dispatchNotifyAssignee(ticketId: ticket.id)
        return ticket
    }
}

extension HelpdeskChecks {
    /// Only an agent can be given a ticket.
    static func isAgent(_ assigneeId: Int, repositories: HelpdeskRepositories) async throws -> Bool {
        try await repositories.users.get(assigneeId)?.role == .agent
    }
}
