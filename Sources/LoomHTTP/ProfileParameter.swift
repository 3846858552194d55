import LoomRuntime

/// `?profile=`: a read profile a route exposes. Another name is a 400 naming the parameter, before anything is read,
/// on the auto-CRUD get and list and on a custom list route alike.
enum ProfileParameter {
    /// The requested profile, nil when none is; `exposed` nil allows any (the repository then refuses one the model
    /// does not have).
    static func read(_ query: QueryParameters, exposed: Set<String>?) throws -> String? {
        guard let profile = try query.string("profile") else { return nil }
        if let exposed, !exposed.contains(profile) {
            let names = exposed.isEmpty ? "none" : exposed.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw LoomError.badRequest(
                message: "profile '\(profile)' is not exposed here; the profiles are \(names)", parameter: "profile")
        }
        return profile
    }
}
