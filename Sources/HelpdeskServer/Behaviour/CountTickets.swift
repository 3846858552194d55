import LoomRuntime
import HelpdeskModels

/// One count per status, each over the tickets the caller may read: the read rule is in every statement, so a
/// customer counts its organization's tickets and an agent all of them.
struct CountTickets: CountTicketsUseCase {
    func execute(_ input: CountTicketsInput, context: CountTicketsContext) async throws -> TicketCounts {
        let tickets = context.repositories.tickets
        func count(_ status: TicketStatus) async throws -> Int { try await tickets.count(where: Ticket.Fields.status.eq(status)) }
        return TicketCounts(
            open: try await count(.open), pending: try await count(.pending), solved: try await count(.solved),
            closed: try await count(.closed))
    }
}
