import Logging
import LoomRuntime
import HelpdeskModels

/// E-mails the assignee about the ticket. The job runs as the system, so it reads the assignee whatever the rules
/// say of the agent who assigned it; false when the ticket has no assignee any more.
struct NotifyAssignee: NotifyAssigneeJob {
    func execute(_ input: NotifyAssigneeInput, context: NotifyAssigneeContext) async throws -> Bool {
        guard let assigneeId = input.ticket.assigneeId, let assignee = try await context.repositories.users.get(assigneeId) else {
            return false
        }
        try await context.mailer.send(
            to: assignee.email, subject: "Ticket #\(input.ticket.id) is yours: \(input.ticket.title)",
            body: "Hello \(assignee.fullName),\n\nticket #\(input.ticket.id) (\(input.ticket.priority.rawValue)) was assigned to you.")
        return true
    }
}

/// The server's `Mailer`: each message is a log line (a deployment passes one that talks to its mail provider).
struct LoggingMailer: Mailer {
    let logger = Logger(label: "helpdesk.mailer")

    func send(to: String, subject: String, body: String) async throws {
        logger.info("mail to \(to): \(subject)")
    }
}
