import Hummingbird

/// The per-request context of every Loom route: Hummingbird's core storage plus the request id that error bodies
/// carry as `traceId` and responses echo in `x-request-id`.
public struct LoomRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
    }
}
