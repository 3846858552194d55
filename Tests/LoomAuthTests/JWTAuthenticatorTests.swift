import Crypto
import Foundation
import JWTKit
import LoomAuth
import LoomHTTP
import LoomRuntime
import Testing

/// Hostile tokens against the JWT authenticator, from the attacker's side: every one is refused with a 401
/// (`LoomError.unauthenticated`, RFC 6750's `invalid_token`), none is taken as an anonymous caller, and a good one
/// gives exactly the principal its claims say.
@Suite("JWT authenticator")
struct JWTAuthenticatorTests {
    static let principal = PrincipalSchema(
        fields: [
            PrincipalField(name: "id", claim: "sub", type: .int),
            PrincipalField(name: "role", claim: "role", type: .enumeration(cases: ["customer", "agent", "admin"])),
            PrincipalField(name: "orgId", claim: "org", type: .int, isOptional: true),
        ],
        jwt: JWTRequirements(issuer: "helpdesk", audience: "helpdesk-api", leewaySeconds: 30))
    static let secret = "a-test-secret-of-at-least-32-bytes!!"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func authenticator(_ keys: JWTKeys = .secret(secret, algorithm: "HS256")) async throws -> JWTAuthenticator {
        try await JWTAuthenticator(principal: principal, keys: keys, now: { now })
    }

    static func claims(_ changes: [String: JSONValue?] = [:]) -> [String: JSONValue] {
        var claims: [String: JSONValue] = [
            "sub": .string("3"), "role": .string("customer"), "org": .number(1), "iss": .string("helpdesk"),
            "aud": .string("helpdesk-api"), "exp": .number(now.timeIntervalSince1970 + 600),
        ]
        for (key, value) in changes { claims[key] = value }
        return claims
    }

    /// Signs with jwt-kit directly (a token the attacker could make with a key of its own).
    static func sign(_ claims: [String: JSONValue], with key: (JWTKeyCollection) async -> Void) async throws -> String {
        let keys = JWTKeyCollection()
        await key(keys)
        return try await keys.sign(Payload(claims: claims))
    }

    struct Payload: JWTPayload {
        var claims: [String: JSONValue]
        init(claims: [String: JSONValue]) { self.claims = claims }
        init(from decoder: any Decoder) throws { claims = try decoder.singleValueContainer().decode([String: JSONValue].self) }
        func encode(to encoder: any Encoder) throws { try claims.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func hmac(_ secret: String = secret, _ digest: DigestAlgorithm = .sha256) -> (JWTKeyCollection) async -> Void {
        { await $0.add(hmac: HMACKey(from: secret), digestAlgorithm: digest) }
    }

    static func expectRefused(_ token: String, by authenticator: JWTAuthenticator, _ comment: Comment) async {
        do {
            let principal = try await authenticator.verify(token)
            Issue.record("accepted as \(principal): \(comment)")
        } catch let error as LoomError {
            guard case .unauthenticated(_, let reason) = error else { Issue.record("\(error): \(comment)"); return }
            #expect(reason == "invalid_token", comment)
        } catch {
            Issue.record("\(error): \(comment)")
        }
    }

    @Test("a good token gives the principal of its claims, typed")
    func goodToken() async throws {
        let authenticator = try await Self.authenticator()
        let principal = try await authenticator.verify(try await Self.sign(Self.claims(), with: Self.hmac()))
        #expect(principal == Principal(["id": .int(3), "role": .string("customer"), "orgId": .int(1)]))
        // The optional claim may be absent; leeway covers a token just expired or not yet valid.
        let agent = try await authenticator.verify(try await Self.sign(
            Self.claims(["org": nil, "role": .string("agent"), "exp": .number(Self.now.timeIntervalSince1970 - 20),
                         "nbf": .number(Self.now.timeIntervalSince1970 + 20)]), with: Self.hmac()))
        #expect(agent["orgId"] == .null && agent["role"] == .string("agent"))
    }

    @Test("every bad token is a 401 invalid_token")
    func badTokens() async throws {
        let authenticator = try await Self.authenticator()
        let now = Self.now.timeIntervalSince1970
        let cases: [(String, [String: JSONValue?], (JWTKeyCollection) async -> Void)] = [
            ("wrong secret", [:], Self.hmac("another-secret-of-at-least-32-bytes!!")),
            ("HS384 where HS256 is configured", [:], Self.hmac(Self.secret + "0123456789ab", .sha384)),
            ("expired past the leeway", ["exp": .number(now - 31)], Self.hmac()),
            ("no exp", ["exp": nil], Self.hmac()),
            ("not yet valid past the leeway", ["nbf": .number(now + 31)], Self.hmac()),
            ("wrong issuer", ["iss": .string("evil")], Self.hmac()),
            ("no issuer", ["iss": nil], Self.hmac()),
            ("wrong audience", ["aud": .string("other-api")], Self.hmac()),
            ("missing sub", ["sub": nil], Self.hmac()),
            ("sub not a number", ["sub": .string("three")], Self.hmac()),
            ("role outside its values", ["role": .string("root")], Self.hmac()),
            ("role of the wrong type", ["role": .number(1)], Self.hmac()),
            ("org of the wrong type", ["org": .string("x")], Self.hmac()),
        ]
        for (name, changes, key) in cases {
            await Self.expectRefused(try await Self.sign(Self.claims(changes), with: key), by: authenticator, Comment(rawValue: name))
        }
        // alg none, with and without a signature; garbage; a token cut short.
        let good = try await Self.sign(Self.claims(), with: Self.hmac())
        let parts = good.split(separator: ".").map(String.init)
        let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        for (name, token) in [("alg none", "\(none).\(parts[1])."), ("alg none, signed", "\(none).\(parts[1]).\(parts[2])"),
                              ("not a JWT", "garbage"), ("two parts", "\(parts[0]).\(parts[1])"),
                              ("payload swapped", "\(parts[0]).\(try await Self.sign(Self.claims(["role": .string("admin")]), with: Self.hmac("x-secret-of-at-least-32-bytes-long!!")).split(separator: ".")[1]).\(parts[2])")] {
            await Self.expectRefused(token, by: authenticator, Comment(rawValue: name))
        }
    }

    @Test("a public key verifies only its own algorithm: an HS256 token made with the public key as secret is refused")
    func keyConfusion() async throws {
        let privateKey = P256.Signing.PrivateKey()
        let publicPEM = privateKey.publicKey.pemRepresentation
        let authenticator = try await Self.authenticator(.publicKey(pem: publicPEM, algorithm: "ES256"))
        let signed = try await Self.sign(Self.claims()) { await $0.add(ecdsa: try! ES256PrivateKey(pem: privateKey.pemRepresentation)) }
        #expect(try await authenticator.verify(signed)["id"] == .int(3))
        let confused = try await Self.sign(Self.claims(), with: Self.hmac(publicPEM))
        await Self.expectRefused(confused, by: authenticator, "HS256 signed with the ES256 public key")
        let otherKey = P256.Signing.PrivateKey()
        let forged = try await Self.sign(Self.claims()) { await $0.add(ecdsa: try! ES256PrivateKey(pem: otherKey.pemRepresentation)) }
        await Self.expectRefused(forged, by: authenticator, "ES256 signed by another key")
    }

    @Test("keys are checked at start-up: a short secret, an unknown algorithm, a bad PEM")
    func badKeys() async throws {
        for keys in [JWTKeys.secret("short", algorithm: "HS256"), .secret(Self.secret, algorithm: "RS256"),
                     .secret(Self.secret, algorithm: "HS512"), .publicKey(pem: "not a pem", algorithm: "ES256"),
                     .jwks(json: "{}")] {
            await #expect(throws: JWTKeys.Invalid.self) { _ = try await Self.authenticator(keys) }
        }
    }
}
