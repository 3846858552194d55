import Foundation
import LoomValues
import Hummingbird
import LoomHTTP
import LoomRuntime
import LoomVocabulary

/// `GET /loom/jobs/{jobId}`: a job's state, attempts, last error and result, for as long as it is retained.
enum JobStatusHandler {
    static func register<Context: LoomRequestContext>(on router: Router<Context>, store: any JobStore) {
        router.get(RouterPath(LoomVocabulary.JobStatusRoute.pathTemplate)) { _, context -> Response in
            let id = try UseCaseRoute.pathParameter(UUID.self, LoomVocabulary.JobStatusRoute.parameter, context: context)
            let found: JobStatus?
            do {
                found = try await store.status(id)
            } catch let error as LoomError {
                throw error
            } catch {
                // Redis or the database is down: the client may try again.
                context.logger.error("job status unavailable: \(error)")
                throw LoomError.unavailable(message: "the job store did not answer; try again")
            }
            guard let status = found else {
                throw LoomError.notFound(entity: "Job", id: id.lowercasedText)
            }
            return try JSONResponse.make(JobStatusAnswer(status: status), context: context)
        }
    }
}
