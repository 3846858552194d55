import Hummingbird
import LoomRuntime

/// A generated schema that also serves HTTP: it adds its resources' routes to a router.
public protocol LoomHTTPSchema: LoomSchema {
    static func addRoutes(to router: LoomRouter, database: Database)
}

/// The router generated code registers on; an alias so generated files import LoomHTTP only.
public typealias LoomRouter = Router<LoomRequestContext>
