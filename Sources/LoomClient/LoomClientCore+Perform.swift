import Foundation
import HTTPTypes
import OpenAPIRuntime

extension LoomClientCore {
    /// Sends `request` through the middlewares and the transport, again while the retry policy allows (an
    /// idempotent method, after a transport error or a retryable status), and reads the answer's body. An error
    /// status is returned, not thrown: `checked` and `decode` make it a `LoomClientError`. Throws
    /// `LoomTransportError` when no attempt got an answer, `LoomDecodingError` for a body over
    /// `maximumResponseBytes`, `CancellationError` when the task is cancelled, and the bearer token provider's error
    /// as it is.
    public func perform(_ request: LoomRequest) async throws -> LoomRawResponse {
        let policy = configuration.retryPolicy
        let maximumAttempts = policy.attempts(for: request.method)
        let requestID = configuration.makeRequestID()
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let head = try await requestHead(request, requestID: requestID)
            let response: LoomRawResponse
            do {
                response = try await exchange(head, body: request.body, operationID: request.operationName, requestID: requestID, attempt: attempt)
            } catch let error as LoomDecodingError {
                throw error  // an answer too large: the same again next time
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                guard attempt < maximumAttempts else {
                    throw LoomTransportError(method: request.method, path: request.path, requestID: requestID, attempts: attempt, underlying: error)
                }
                try await configuration.sleep(policy.delay(afterAttempt: attempt, using: &generator))
                attempt += 1
                continue
            }
            if attempt < maximumAttempts, policy.retryableStatuses.contains(response.status.code),
               let delay = policy.delay(afterAttempt: attempt, retryAfter: response.headerFields[.retryAfter], using: &generator) {
                try await configuration.sleep(delay)
                attempt += 1
                continue
            }
            return response
        }
    }

    /// The request line and headers of one attempt: the request's own fields, then `accept`, `content-type` for a
    /// body, `x-request-id`, and `authorization` when the provider has a token.
    func requestHead(_ request: LoomRequest, requestID: String) async throws -> HTTPRequest {
        var fields = request.headerFields
        fields[.accept] = "application/json"
        if request.body != nil { fields[.contentType] = "application/json" }
        fields[HTTPField.Name(LoomRequestID.headerName)!] = requestID
        if let provider = configuration.bearerToken, let token = try await provider() {
            fields[.authorization] = "Bearer " + token
        }
        return HTTPRequest(method: request.method, scheme: nil, authority: nil, path: request.pathAndQuery, headerFields: fields)
    }

    /// One attempt: the middlewares around the transport, as a generated OpenAPI client runs them, and the whole
    /// body read (an answer cut short is a transport error, retried like one).
    func exchange(_ head: HTTPRequest, body: Data?, operationID: String, requestID: String, attempt: Int) async throws -> LoomRawResponse {
        let transport = configuration.transport
        var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = { request, body, url in
            try await transport.send(request, body: body, baseURL: url, operationID: operationID)
        }
        for middleware in configuration.middlewares.reversed() {
            let inner = next
            next = { request, body, url in
                try await middleware.intercept(request, body: body, baseURL: url, operationID: operationID, next: inner)
            }
        }
        // A fresh body each attempt, whatever the last attempt's transport or middlewares did with theirs.
        let (response, responseBody) = try await next(head, body.map { HTTPBody($0) }, configuration.serverURL)
        var bytes = Data()
        if let responseBody {
            let limit = configuration.maximumResponseBytes
            let tooLarge = LoomDecodingError(
                status: response.status.code, requestID: requestID, problem: "the body is larger than \(limit) bytes (maximumResponseBytes)")
            if case .known(let length) = responseBody.length, length > limit { throw tooLarge }
            for try await chunk in responseBody {
                guard bytes.count + chunk.count <= limit else { throw tooLarge }
                bytes.append(contentsOf: chunk)
            }
        }
        return LoomRawResponse(status: response.status, headerFields: response.headerFields, body: bytes, requestID: requestID, attempts: attempt)
    }
}
