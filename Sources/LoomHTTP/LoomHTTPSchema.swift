import Hummingbird
import LoomRuntime

/// A generated schema that also serves HTTP: it adds its resources' routes to any router or group whose context is
/// a `LoomRequestContext` (generated in `loom-routes.swift`, apart from the model files).
public protocol LoomHTTPSchema: LoomSchema {
    static func addRoutes<Context: LoomRequestContext>(to router: some RouterMethods<Context>, database: Database)
}
