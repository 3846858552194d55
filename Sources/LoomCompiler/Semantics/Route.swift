/// An HTTP method and path pattern that a resource serves. Two routes collide when their methods are equal and
/// their paths are equal once every parameter is blanked: a router cannot tell `/users/{id}` from `/users/{key}`.
struct Route: Hashable {
    var method: String
    /// As written (parameters named), for messages.
    var pattern: String

    var description: String { "\(method) \(pattern)" }

    /// `/users/{userId}/addresses/{id}` → `/users/{}/addresses/{}`.
    var shape: String {
        pattern.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") ? "{}" : String($0) }
            .joined(separator: "/")
    }

    static func == (lhs: Route, rhs: Route) -> Bool { lhs.method == rhs.method && lhs.shape == rhs.shape }

    func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(shape)
    }

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
