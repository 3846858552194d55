import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What every method of a generated client calls: it encodes the body, sends the request (headers, middlewares,
/// retries: `perform`), and decodes the answer or throws the typed error of an error status.
///
///     func get(_ id: Int) async throws -> Product {
///         try await core.send(.get, path: "/products/" + LoomPath.segment(id), as: Product.self, operationID: "getProduct")
///     }
public struct LoomClientCore: Sendable {
    public let configuration: LoomClientConfiguration

    public init(configuration: LoomClientConfiguration) {
        var configuration = configuration
        // Transports append the request's path to the server URL's: `https://host/api/` would make `//products`.
        let text = configuration.serverURL.absoluteString
        if text.hasSuffix("/"), let trimmed = URL(string: String(text.dropLast())) { configuration.serverURL = trimmed }
        self.configuration = configuration
    }

    public init(serverURL: URL, transport: any ClientTransport) {
        self.init(configuration: LoomClientConfiguration(serverURL: serverURL, transport: transport))
    }

    // MARK: An answer decoded

    /// Sends `body` as JSON (nil: no body) and decodes a 2xx answer as `Answer`.
    public func send<Answer: Decodable>(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], body: (some Encodable)?,
        as answer: Answer.Type, operationID: String? = nil
    ) async throws -> Answer {
        try await sendForResponse(method, path: path, query: query, body: body, as: answer, operationID: operationID).answer
    }

    /// Sends no body and decodes a 2xx answer as `Answer`.
    public func send<Answer: Decodable>(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], as answer: Answer.Type,
        operationID: String? = nil
    ) async throws -> Answer {
        try await sendForResponse(method, path: path, query: query, as: answer, operationID: operationID).answer
    }

    // MARK: No answer read (204, or an answer the caller does not want)

    public func send(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], body: (some Encodable)?,
        operationID: String? = nil
    ) async throws {
        let request = try LoomRequest(method, path: path, query: query, body: encode(body), operationID: operationID)
        try checked(await perform(request))
    }

    public func send(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], operationID: String? = nil
    ) async throws {
        try checked(await perform(LoomRequest(method, path: path, query: query, operationID: operationID)))
    }

    // MARK: An answer with its status and headers (a 201's or 202's `Location`)

    public func sendForResponse<Answer: Decodable>(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], body: (some Encodable)?,
        as answer: Answer.Type, operationID: String? = nil
    ) async throws -> LoomResponse<Answer> {
        let request = try LoomRequest(method, path: path, query: query, body: encode(body), operationID: operationID)
        return try decode(await perform(request), as: answer)
    }

    public func sendForResponse<Answer: Decodable>(
        _ method: HTTPRequest.Method, path: String, query: [LoomQueryItem] = [], as answer: Answer.Type,
        operationID: String? = nil
    ) async throws -> LoomResponse<Answer> {
        try decode(await perform(LoomRequest(method, path: path, query: query, operationID: operationID)), as: answer)
    }

    // MARK: Parts the calls share, public for generated code that needs a step of its own

    /// `value` as the server's JSON; nil for no value.
    public func encode(_ value: (some Encodable)?) throws -> Data? {
        guard let value else { return nil }
        return try configuration.encoder.encode(value)
    }

    /// The answer, or the `LoomClientError` of its error status.
    @discardableResult
    public func checked(_ response: LoomRawResponse) throws -> LoomRawResponse {
        guard response.isSuccess else { throw LoomClientError(response: response) }
        return response
    }

    /// A 2xx answer decoded as `Answer`; the `LoomClientError` of any other status.
    public func decode<Answer: Decodable>(_ response: LoomRawResponse, as answer: Answer.Type) throws -> LoomResponse<Answer> {
        try checked(response)
        do {
            let value = try configuration.decoder.decode(Answer.self, from: response.body)
            return LoomResponse(answer: value, status: response.status, headerFields: response.headerFields, requestID: response.requestID)
        } catch {
            throw LoomDecodingError(
                status: response.status.code, requestID: response.requestID, problem: "the body is not a \(Answer.self)",
                underlying: error, body: response.body)
        }
    }
}
