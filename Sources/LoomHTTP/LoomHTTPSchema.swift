import Hummingbird
import LoomRuntime

/// A generated schema that also serves HTTP: it adds its resources' routes to any router or group whose context is
/// a `LoomRequestContext` (generated in `loom-routes.swift`, apart from the model files).
public protocol LoomHTTPSchema: LoomSchema {
    static func addRoutes<Context: LoomRequestContext>(to router: some RouterMethods<Context>, database: Database)
    /// The OpenAPI 3.1 document of the routes (`loom-openapi.swift`); empty for code generated before it existed.
    static var openAPIDocument: String { get }
}

extension LoomHTTPSchema {
    public static var openAPIDocument: String { "" }
}
