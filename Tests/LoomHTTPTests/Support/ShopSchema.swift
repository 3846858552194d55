import Hummingbird
import HummingbirdTesting
import LoomHTTP
import LoomRuntime
import LoomSQLite

/// The routes a generated `loom-routes.swift` would add for widgets and their parts.
enum ShopSchema: LoomHTTPSchema {
    static let name = "shop"

    static func createStatements(for dialect: SQLDialect) -> [String] { Widget.ddl + Part.ddl }

    static func addRoutes<Context: LoomRequestContext>(to router: some RouterMethods<Context>, database: Database) {
        let widgets = CRUDRoutes<Widget, Context>(repository: database.repository(Widget.self), itemParameter: "widgetId")
        router.post("/widgets", use: widgets.create(status: .created))
        router.get("/widgets/{widgetId}", use: widgets.get())
        router.get("/widgets", use: widgets.list())
        router.patch("/widgets/{widgetId}", use: widgets.update())
        router.delete("/widgets/{widgetId}", use: widgets.delete(status: .noContent))
        // A use-case route as `loom-routes.swift` writes one, its use case inlined.
        router.get("/widgets/low-stock") { request, context -> Response in
            let query = try UseCaseRoute.listQuery(Widget.self, request: request, pagination: .offset, paginationOverride: true)
            var lowStock = query
            lowStock.filter = .condition(.init(column: "stock", op: .lte, values: [.int(5)]))
            return try UseCaseRoute.respond(try await database.repository(Widget.self).list(lowStock), status: .ok, context: context)
        }
        router.post("/widgets/{widgetId}/restock") { request, context -> Response in
            let widgetId = try UseCaseRoute.pathParameter(Int.self, "widgetId", context: context)
            try UseCaseRoute.rejectQuery(request)
            return try UseCaseRoute.respond(["restocked": widgetId], status: .accepted, context: context)
        }

        let parent = ParentRoute(
            Widget.self, of: Part.self, repository: database.repository(Widget.self), parameter: "widgetId",
            foreignKey: "widgetId")
        let parts = CRUDRoutes<Part, Context>(
            repository: database.repository(Part.self), itemParameter: "partId", pagination: .cursor, parent: parent)
        router.post("/widgets/{widgetId}/parts", use: parts.create(status: .created))
        router.get("/widgets/{widgetId}/parts", use: parts.list())
        router.get("/widgets/{widgetId}/parts/{partId}", use: parts.get())
        router.patch("/widgets/{widgetId}/parts/{partId}", use: parts.update())
        router.delete("/widgets/{widgetId}/parts/{partId}", use: parts.delete(status: .noContent))
    }
}

/// Runs `body` against the shop's routes in Hummingbird's in-process `.router` test mode, on a fresh in-memory
/// SQLite database, with Loom's middlewares.
@discardableResult
func withShop<Value: Sendable>(
    extraRoutes: (Router<BasicLoomRequestContext>) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    try await withShop(context: BasicLoomRequestContext.self, extraRoutes: extraRoutes, body)
}

/// The same with an application's own context, the routes mounted under `prefix`.
@discardableResult
func withShop<Context: LoomRequestContext, Value: Sendable>(
    context: Context.Type, prefix: String = "",
    extraRoutes: (Router<Context>) -> Void = { _ in },
    routesOnDatabase: (Router<Context>, Database) -> Void = { _, _ in },
    _ body: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value where Context.Source == ApplicationRequestContextSource {
    let engine = try await SQLiteEngine.open(path: nil)
    let database = Database(engine: engine)
    try await database.createTables(of: ShopSchema.self)
    let router = Router(context: Context.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware())
    if prefix.isEmpty {
        ShopSchema.addRoutes(to: router, database: database)
    } else {
        ShopSchema.addRoutes(to: router.group(RouterPath(prefix)), database: database)
    }
    extraRoutes(router)
    routesOnDatabase(router, database)
    let value: Value
    do {
        value = try await Application(router: router).test(.router, body)
    } catch {
        try? await engine.shutdown()
        throw error
    }
    try await engine.shutdown()
    return value
}
