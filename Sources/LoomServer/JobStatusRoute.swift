import Foundation
import Hummingbird
import LoomHTTP
import LoomRuntime

/// `GET /loom/jobs/{jobId}`: a job's state, attempts, last error and result, for as long as it is retained.
enum JobStatusRoute {
    static func register(on router: Router<BasicLoomRequestContext>, database: Database) {
        router.get("/loom/jobs/{jobId}") { _, context -> Response in
            let id = try UseCaseRoute.pathParameter(UUID.self, "jobId", context: context)
            guard let status = try await JobQueue(engine: database.engine).status(id) else {
                throw LoomError.notFound(entity: "Job", id: id.uuidString.lowercased())
            }
            return try JSONResponse.make(status, context: context)
        }
    }
}
