import Foundation
import LoomVocabulary

/// A body sent without some of its members: a nested route's create (`POST /users/3/addresses`) takes the model's
/// `Create` without the parent's key, which the path sets and the server refuses in the body. The generated client
/// sends `LoomJSONBody(body, omitting: ["userId"])`, so the app passes the one `Address.Create` it knows.
public struct LoomJSONBody<Body: Encodable & Sendable>: Encodable, Sendable {
    public var body: Body
    public var omitted: Set<String>

    public init(_ body: Body, omitting omitted: Set<String>) {
        self.body = body
        self.omitted = omitted
    }

    public func encode(to encoder: any Encoder) throws {
        // Through the server's JSON, as the body would be sent, then without the members.
        let data = try LoomJSONCoding.makeEncoder().encode(body)
        var value = try JSONDecoder().decode(JSONValue.self, from: data)
        if case .object(var members) = value {
            for name in omitted { members[name] = nil }
            value = .object(members)
        }
        try value.encode(to: encoder)
    }
}

extension LoomQueryItem {
    /// `profile=name` when a read asks for a profile; nothing otherwise.
    public static func profile(_ name: String?) -> [LoomQueryItem] {
        name.map { [LoomQueryItem(name: ListParameter.profile.rawValue, value: $0)] } ?? []
    }
}
