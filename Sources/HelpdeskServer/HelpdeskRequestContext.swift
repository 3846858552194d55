import Foundation
import Hummingbird
import LoomHTTP
import HelpdeskModels
import LoomRuntime

/// The helpdesk's own request context: what Loom's routes need (the request id, the caller's principal as
/// hummingbird-auth's `identity`), plus what the application's own middleware or routes want to carry — here the
/// moment the request arrived, which the server's access log could use. `LoomServer.run(…, context:)` takes it.
struct HelpdeskRequestContext: LoomRequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID = ""
    var identity: Principal?
    let receivedAt = ContinuousClock.now

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    var requestDecoder: JSONDecoder { LoomJSON.decoder }
    var responseEncoder: JSONEncoder { LoomJSON.encoder }
    var maxUploadSize: Int { BodyLimit.bytes }
}
