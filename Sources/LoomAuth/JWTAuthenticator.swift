import Foundation
import Hummingbird
import JWTKit
import LoomHTTP
import LoomRuntime

/// Authenticates requests by a JWT bearer token (RFC 7519, RFC 6750) through vapor/jwt-kit: the signature with the
/// configured key, then what the schema's `jwt { … }` asks (issuer, audience, `exp` required, `nbf` honoured, with
/// its leeway), then the principal's claims, typed. Anything wrong is a 401 `invalid_token`, never an anonymous
/// request; no token at all is an anonymous caller, whom the rules then judge.
public struct JWTAuthenticator: LoomAuthenticator {
    let keys: JWTKeyCollection
    /// The `alg` values the configured keys verify: a token naming any other (`none`, or HS256 where a public key
    /// is configured) is refused before its signature is looked at.
    let algorithms: Set<String>
    let principal: PrincipalSchema
    let requirements: JWTRequirements
    let now: @Sendable () -> Date

    public init(principal: PrincipalSchema, keys: JWTKeys, now: @escaping @Sendable () -> Date = Date.init) async throws {
        self.keys = JWTKeyCollection()
        self.algorithms = try await keys.add(to: self.keys)
        self.principal = principal
        self.requirements = principal.jwt ?? JWTRequirements()
        self.now = now
    }

    public func authenticate(_ request: Request) async throws -> Principal? {
        guard let token = try BearerToken.token(in: request) else { return nil }
        return try await verify(token)
    }

    /// The principal a token proves, or `LoomError.unauthenticated` saying why it proves nothing.
    public func verify(_ token: String) async throws -> Principal {
        let header = try TokenHeader(token)
        guard let algorithm = header.alg, algorithms.contains(algorithm) else {
            throw BearerToken.invalid("the token's algorithm '\(header.alg ?? "")' is not accepted")
        }
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw BearerToken.invalid("the token's signature does not verify")
        } catch {
            throw BearerToken.invalid("the token is malformed or its signature does not verify")
        }
        let now = now()
        let leeway = TimeInterval(requirements.leewaySeconds)
        guard let expiry = claims.exp else { throw BearerToken.invalid("the token has no expiry ('exp')") }
        guard (try? expiry.verifyNotExpired(currentDate: now.addingTimeInterval(-leeway))) != nil else {
            throw BearerToken.invalid("the token has expired")
        }
        if let notBefore = claims.nbf, (try? notBefore.verifyNotBefore(currentDate: now.addingTimeInterval(leeway))) == nil {
            throw BearerToken.invalid("the token is not valid yet ('nbf')")
        }
        if let issuer = requirements.issuer, claims.iss?.value != issuer {
            throw BearerToken.invalid("the token was not issued by '\(issuer)'")
        }
        if let audience = requirements.audience, (try? claims.aud?.verifyIntendedAudience(includes: audience)) == nil {
            throw BearerToken.invalid("the token is not meant for '\(audience)'")
        }
        do {
            return try principal.principal(fromClaims: claims.all)
        } catch {
            throw BearerToken.invalid("the token's \(error)")
        }
    }

    /// Signs a token for `claims` with the configured key (the development `token` command; a deployment gets tokens
    /// from its identity provider). Only a secret or a private key can sign.
    public func sign(_ claims: [String: JSONValue]) async throws -> String {
        try await keys.sign(SignedClaims(values: claims))
    }
}

/// The registered claims the authenticator checks, and every claim as a JSON value for the principal's fields.
struct Claims: JWTPayload {
    var exp: ExpirationClaim?
    var nbf: NotBeforeClaim?
    var iss: IssuerClaim?
    var aud: AudienceClaim?
    var all: [String: JSONValue]

    private enum Keys: String, CodingKey { case exp, nbf, iss, aud }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        exp = try container.decodeIfPresent(ExpirationClaim.self, forKey: .exp)
        nbf = try container.decodeIfPresent(NotBeforeClaim.self, forKey: .nbf)
        iss = try container.decodeIfPresent(IssuerClaim.self, forKey: .iss)
        aud = try container.decodeIfPresent(AudienceClaim.self, forKey: .aud)
        all = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        try all.encode(to: encoder)
    }

    /// The checks need the configuration's leeway and the schema's requirements: `JWTAuthenticator.verify` makes them.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A payload to sign, as given.
struct SignedClaims: JWTPayload {
    var values: [String: JSONValue]

    init(values: [String: JSONValue]) { self.values = values }
    init(from decoder: any Decoder) throws { values = try decoder.singleValueContainer().decode([String: JSONValue].self) }
    func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// The token's JOSE header, read only for its `alg` before anything is verified.
struct TokenHeader: Decodable {
    var alg: String?

    init(_ token: String) throws {
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
              token.split(separator: ".", omittingEmptySubsequences: false).count == 3,
              let data = Data(base64URLEncoded: String(encoded)),
              let header = try? JSONDecoder().decode(TokenHeader.self, from: data)
        else { throw BearerToken.invalid("the token is not a JWT") }
        self = header
    }
}

extension Data {
    /// Base64url without padding (RFC 7515 §2).
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }
}
