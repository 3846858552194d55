import Foundation
import Hummingbird
import HummingbirdAuth
import LoomRuntime

/// Proves who calls: reads the request's credential and returns the principal it proves, nil when the request
/// carries none (an anonymous caller), or throws `LoomError.unauthenticated` for one that proves nothing — a bad
/// credential is never taken for no credential. The JWT authenticator (`LoomAuth`) is one; an application can write
/// its own (API keys, sessions).
public protocol LoomAuthenticator: Sendable {
    func authenticate(_ request: Request) async throws -> Principal?
}

/// hummingbird-auth's authenticator middleware over a `LoomAuthenticator`: the principal becomes the context's
/// `identity`, so every route after it acts for that caller (`context.caller`).
public struct AuthenticationMiddleware<Context: LoomRequestContext>: AuthenticatorMiddleware {
    public typealias Identity = Principal

    public let authenticator: any LoomAuthenticator

    public init(_ authenticator: any LoomAuthenticator) {
        self.authenticator = authenticator
    }

    public func authenticate(request: Request, context: Context) async throws -> Principal? {
        try await authenticator.authenticate(request)
    }
}

/// The bearer token of a request (RFC 6750 §2.1): only from the `Authorization` header — a token in the query string
/// is ignored, as URLs end up in logs.
public enum BearerToken {
    /// The largest `Authorization` header read; a longer one is refused before any decoding.
    public static let maximumHeaderBytes = 8 * 1024

    /// The token; nil when there is no `Authorization` header. A header that is not one bearer token — another
    /// scheme, several headers, an empty or oversized token — is a 401, never an anonymous request.
    public static func token(in request: Request) throws -> String? {
        let headers = request.headers[values: .authorization]
        guard let header = headers.first else { return nil }
        guard headers.count == 1 else { throw invalid("send one Authorization header", reason: "invalid_request") }
        guard header.utf8.count <= maximumHeaderBytes else { throw invalid("the Authorization header is too large") }
        // hummingbird-auth reads `Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1).
        let token = request.headers.bearer?.token ?? {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
        }()
        guard let token else { throw invalid("the Authorization header must be 'Bearer <token>'", reason: "invalid_request") }
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw invalid("the bearer token is empty") }
        return trimmed
    }

    /// A 401 whose challenge says the credential was refused.
    public static func invalid(_ message: String, reason: String = "invalid_token") -> LoomError {
        .unauthenticated(message: message, reason: reason)
    }
}
