import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests look at it: status, headers and the body parsed as JSON.
struct HTTPResult: @unchecked Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: Any? { body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    /// `detail` of an error envelope.
    var detail: [String: Any] { object["detail"] as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Plain HTTP/1.1 over loopback with URLSession.
struct HTTPClient: Sendable {
    let baseURL: URL

    func send(_ method: String, _ path: String, json: String? = nil, headers: [String: String] = [:]) async throws -> HTTPResult {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "content-type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var headerMap: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headerMap[String(describing: key).lowercased()] = String(describing: value)
        }
        return HTTPResult(status: http.statusCode, headers: headerMap, body: data)
    }

    /// No client-side cache: what a test sees is what the server sent (an `ETag` it revalidates is the test's own).
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    func get(_ path: String) async throws -> HTTPResult { try await send("GET", path) }
    func post(_ path: String, _ json: String) async throws -> HTTPResult { try await send("POST", path, json: json) }
    func patch(_ path: String, _ json: String) async throws -> HTTPResult { try await send("PATCH", path, json: json) }
    func delete(_ path: String) async throws -> HTTPResult { try await send("DELETE", path) }
}

/// Runs `body` against a fresh server on `backend`, stopping it (and dropping its database) afterwards.
func withServer(_ backend: Backend, _ body: (HTTPClient) async throws -> Void) async throws {
    let server = try await ServerProcess.start(backend: backend)
    defer { server.stop() }
    try await body(HTTPClient(baseURL: server.baseURL))
}
