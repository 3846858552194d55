import Foundation
import Hummingbird
import LoomRuntime

/// What every Loom route needs of its request context: the request id that error bodies carry as `traceId` and
/// responses echo in `x-request-id`, and the JSON coding of bodies. A protocol, so an application can use its own
/// context (adding an authenticated identity, say) and still mount the generated routes.
public protocol LoomRequestContext: RequestContext {
    var requestID: String { get set }
    /// JSON coding for bodies (defaults: LoomJSON's decoder and encoder).
    var jsonDecoder: JSONDecoder { get }
    var jsonEncoder: JSONEncoder { get }
}

extension LoomRequestContext {
    public var jsonDecoder: JSONDecoder { LoomJSON.decoder }
    public var jsonEncoder: JSONEncoder { LoomJSON.encoder }
}

/// The context `LoomServer` uses: Hummingbird's core storage plus the request id, with Loom's JSON conventions also
/// for Hummingbird's own coding (`request.decode`, `Encodable` responses).
public struct BasicLoomRequestContext: LoomRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
    }

    public var requestDecoder: JSONDecoder { LoomJSON.decoder }
    public var responseEncoder: JSONEncoder { LoomJSON.encoder }
    /// The largest body read (1 MiB unless `LOOM_MAX_BODY_BYTES` says otherwise); past it a request gets a 413.
    public var maxUploadSize: Int { BodyLimit.bytes }
}

/// The body limit of `BasicLoomRequestContext`, read once from the environment.
public enum BodyLimit {
    public static let defaultBytes = 1 << 20
    public static let bytes: Int = ProcessInfo.processInfo.environment["LOOM_MAX_BODY_BYTES"].flatMap(Int.init) ?? defaultBytes
}
