import Foundation

/// Request paths, built by generated code as literals and encoded segments: `"/products/" + LoomPath.segment(id)`.
public enum LoomPath {
    /// RFC 3986's unreserved characters, the only ones a segment or query value keeps as they are: `/`, `?`, `#`,
    /// `%`, `+` (a space to some servers), `&` and `=` are all escaped.
    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// One path segment, percent-encoded (UTF-8): `a/b c` is `a%2Fb%20c`. `.` and `..` are escaped as well, since a
    /// URL library would otherwise resolve them as "this folder" and "the parent". An empty value stays empty, which
    /// the caller must avoid: `/products/` is another route.
    public static func segment(_ value: some LoomParameterValue) -> String {
        let text = value.parameterText
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        return percentEncoded(text)
    }

    /// `text` with every byte outside `unreserved` as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The path (and query) to request for a `Location` the server answered with: an absolute path (`/products/7`,
    /// `/loom/jobs/…`, what a Loom server writes) is taken under the client's server URL as it is; an absolute URL
    /// loses the server URL when it starts with it, else keeps its path and query. Nil for an empty or relative one.
    public static func requestPath(forLocation location: String, serverURL: URL) -> String? {
        if location.hasPrefix("/") { return location.hasPrefix("//") ? nil : location }
        guard let components = URLComponents(string: location), components.scheme != nil else { return nil }
        let base = serverURL.absoluteString.hasSuffix("/") ? String(serverURL.absoluteString.dropLast()) : serverURL.absoluteString
        if location.hasPrefix(base + "/") { return String(location.dropFirst(base.count)) }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }
}
