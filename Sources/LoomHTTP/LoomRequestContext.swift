import Foundation
import Hummingbird
import HummingbirdAuth
import LoomRuntime
import Synchronization

/// What every Loom route needs of its request context: the request id that error bodies carry as `traceId` and
/// responses echo in `x-request-id`, the caller's principal (hummingbird-auth's identity, set by the schema's
/// authenticator), and the JSON coding of bodies. A protocol, so an application can use its own context (adding
/// its own values) and still mount the generated routes.
public protocol LoomRequestContext: AuthRequestContext<Principal> {
    var requestID: String { get set }
    /// JSON coding for bodies (defaults: LoomJSON's decoder and encoder).
    var jsonDecoder: JSONDecoder { get }
    var jsonEncoder: JSONEncoder { get }
}

extension LoomRequestContext {
    public var jsonDecoder: JSONDecoder { LoomJSON.decoder }
    public var jsonEncoder: JSONEncoder { LoomJSON.encoder }

    /// On whose behalf the request reads and writes: its principal, or an anonymous caller.
    public var caller: Caller { identity.map(Caller.principal) ?? .anonymous }

    /// A path parameter as the client meant it: Hummingbird hands over the segment as sent, so `A%2FB` (a key holding
    /// a `/`, as every client encodes it) is decoded here; text that is not valid percent-encoding stays as sent.
    public func pathText(_ name: String) -> String {
        let raw = parameters.get(name) ?? ""
        return raw.contains("%") ? raw.removingPercentEncoding ?? raw : raw
    }
}

/// The context `LoomServer` uses: Hummingbird's core storage plus the request id, with Loom's JSON conventions also
/// for Hummingbird's own coding (`request.decode`, `Encodable` responses).
public struct BasicLoomRequestContext: LoomRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    public var identity: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.identity = nil
    }

    public var requestDecoder: JSONDecoder { LoomJSON.decoder }
    public var responseEncoder: JSONEncoder { LoomJSON.encoder }
    /// The largest body read (`BodyLimit.bytes`); past it a request gets a 413.
    public var maxUploadSize: Int { BodyLimit.bytes }
}

/// The body limit of `BasicLoomRequestContext`: 1 MiB, or what the server's settings say (`body_limit_bytes`). One
/// value per process, as a context is made for each request with nothing of the application's in reach.
public enum BodyLimit {
    public static let defaultBytes = 1 << 20
    private static let current = Atomic<Int>(defaultBytes)

    public static var bytes: Int { current.load(ordering: .relaxed) }

    public static func set(_ bytes: Int) { current.store(bytes, ordering: .relaxed) }
}
