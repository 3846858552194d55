/// One `name=value` of a query string, before percent-encoding.
public struct LoomQueryItem: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: some LoomParameterValue) {
        self.init(name: name, value: value.parameterText)
    }

    public var description: String { name + "=" + value }

    /// `a=1&b=x%20y`: names and values percent-encoded (UTF-8) but for RFC 3986's unreserved characters, so a `+`,
    /// `&`, `=`, `,` or `#` inside a value reaches the server as itself.
    public static func queryString(_ items: [LoomQueryItem]) -> String {
        items.map { LoomPath.percentEncoded($0.name) + "=" + LoomPath.percentEncoded($0.value) }.joined(separator: "&")
    }
}
