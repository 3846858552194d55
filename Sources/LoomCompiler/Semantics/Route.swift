/// An HTTP method and path pattern that a resource serves. Two routes collide when both are equal. Path parameters
/// are all spelled `{id}`, since a router cannot tell `/users/{id}` from `/users/{key}`: custom routes must
/// normalise theirs the same way.
struct Route: Hashable {
    var method: String
    var pattern: String

    var description: String { "\(method) \(pattern)" }

    /// The routes of the auto-CRUD operations under `path`.
    static func crud(_ operation: CRUDOperation, at path: String) -> Route {
        switch operation {
        case .create: Route(method: "POST", pattern: path)
        case .list: Route(method: "GET", pattern: path)
        case .get: Route(method: "GET", pattern: path + "/{id}")
        case .update: Route(method: "PATCH", pattern: path + "/{id}")
        case .delete: Route(method: "DELETE", pattern: path + "/{id}")
        }
    }
}
