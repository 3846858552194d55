import Foundation
import LoomClient
import LoomVocabulary
import Testing

@Suite("job status: the answer of /loom/jobs/{jobId}, read through a 202's Location")
struct JobStatusTests {
    /// What the store answers for a finished restock e-mail.
    static let succeeded = #"{"attempts":1,"callback":"done","createdAt":"2026-12-05T11:42:22.877101Z","id":"63B08D58-E537-465C-AF08-EF0DF8E1CF58","job":"SendRestockEmail","maxAttempts":3,"payload":{"body":{"forceFail":false,"recipientEmail":"ops@example.com"},"productId":1},"priority":10,"queue":"notifications","result":true,"runAt":"2026-12-05T11:42:22.877097Z","state":"succeeded","traceId":"e134c16ab6721a047048cb4b24d27d8f","updatedAt":"2026-12-05T11:42:22.885742Z"}"#
    static let queued = #"{"attempts":0,"createdAt":"2026-12-05T11:42:22.877101Z","id":"63b08d58-e537-465c-af08-ef0df8e1cf58","job":"SendRestockEmail","maxAttempts":3,"payload":{"productId":1},"priority":10,"queue":"notifications","runAt":"2026-12-05T11:42:22.877097Z","state":"queued","updatedAt":"2026-12-05T11:42:22.877101Z"}"#

    @Test("a 202's Location read as the job's status, payload and result as JSON values")
    func throughLocation() async throws {
        let location = "/loom/jobs/63b08d58-e537-465c-af08-ef0df8e1cf58"
        let transport = RecordingTransport([
            .answer(status: 202, body: #"{"jobId":"63B08D58-E537-465C-AF08-EF0DF8E1CF58","queue":"notifications"}"#, headers: ["Location": location]),
            .answer(status: 200, body: Self.succeeded),
        ])
        let client = LoomClientCore.testing(transport)
        let accepted = try await client.sendForResponse(
            .post, path: "/products/1/jobs/restock-email", body: RestockEmailRequest(recipientEmail: "ops@example.com"), as: JobAccepted.self)
        #expect(accepted.status == .accepted)
        let status = try await client.jobStatus(of: accepted)
        #expect(transport.requests.last?.path == location)
        #expect(transport.requests.last?.operationID == "getLoomJobStatus")
        #expect(status.id == accepted.answer.jobId)
        #expect(status.state == .succeeded && status.isSettled)
        #expect(status.result == .bool(true))
        #expect(status.payload["productId"] == .integer(1))
        #expect(status.payload["body"]?["recipientEmail"] == .string("ops@example.com"))
        #expect(status.callback == "done" && status.traceId == "e134c16ab6721a047048cb4b24d27d8f")
        #expect(LoomTimestamp.format(status.runAt) == "2026-12-05T11:42:22.877097Z")
    }

    @Test("the optional members may be absent; by id; waiting polls until settled")
    func waiting() async throws {
        let transport = RecordingTransport([
            .answer(status: 200, body: Self.queued), .answer(status: 200, body: Self.queued), .answer(status: 200, body: Self.succeeded),
        ])
        let sleeper = SleepRecorder()
        let client = LoomClientCore.testing(transport, sleeper: sleeper)
        let first = try await client.jobStatus(id: UUID(uuidString: "63B08D58-E537-465C-AF08-EF0DF8E1CF58")!)
        #expect(first.state == .queued && first.result == nil && first.lastError == nil && first.callback == nil && first.traceId == nil)
        #expect(transport.requests.first?.path == JobStatusRoute.path(jobID: "63b08d58-e537-465c-af08-ef0df8e1cf58"))
        let done = try await client.waitForJob(at: "/loom/jobs/63b08d58-e537-465c-af08-ef0df8e1cf58", every: .milliseconds(50))
        #expect(done.state == .succeeded)
        #expect(sleeper.recorded == [.milliseconds(50)])

        let stuck = LoomClientCore.testing(RecordingTransport(status: 200, body: Self.queued))
        let timeout = try await #require(throws: LoomJobWaitTimeout.self) {
            try await stuck.waitForJob(at: "/loom/jobs/63b08d58-e537-465c-af08-ef0df8e1cf58", maximumPolls: 4)
        }
        #expect(timeout.polls == 4 && timeout.last.state == .queued)
    }

    @Test("a 202 without a Location cannot be followed")
    func noLocation() async throws {
        let client = LoomClientCore.testing(RecordingTransport(status: 202, body: #"{"jobId":"63B08D58-E537-465C-AF08-EF0DF8E1CF58","queue":"q"}"#))
        let accepted = try await client.sendForResponse(.post, path: "/x", as: JobAccepted.self)
        await #expect(throws: LoomDecodingError.self) { try await client.jobStatus(of: accepted) }
    }
}
