import Foundation
import LoomRuntime
import LoomServer

extension JWTKeys {
    /// The keys the server's settings name: exactly one of `auth.jwt.secret`, `auth.jwt.public_key_file` and
    /// `auth.jwt.jwks_file`.
    public init(_ settings: ServerSettings.AuthSettings) throws {
        func read(_ path: String, _ key: String) throws -> String {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Invalid(description: "\(key): cannot read '\(path)'")
            }
            return text
        }
        switch (settings.jwtSecret, settings.jwtPublicKeyFile, settings.jwtJWKSFile) {
        case (let secret?, nil, nil): self = .secret(secret, algorithm: settings.jwtAlgorithm ?? "HS256")
        case (nil, let file?, nil):
            guard let algorithm = settings.jwtAlgorithm else {
                throw Invalid(description: "auth.jwt.algorithm must say RS256 or ES256 for auth.jwt.public_key_file")
            }
            self = .publicKey(pem: try read(file, "auth.jwt.public_key_file"), algorithm: algorithm)
        case (nil, nil, let file?): self = .jwks(json: try read(file, "auth.jwt.jwks_file"))
        case (nil, nil, nil):
            throw Invalid(description: "the schema declares auth: set auth.jwt.secret (AUTH_JWT_SECRET), auth.jwt.public_key_file or auth.jwt.jwks_file")
        default:
            throw Invalid(description: "set only one of auth.jwt.secret, auth.jwt.public_key_file and auth.jwt.jwks_file")
        }
    }
}

extension JWTAuthenticator {
    /// What `LoomServer.run(_:authenticator:)` takes for a schema whose `auth` declares `jwt`: the authenticator of
    /// the keys in the server's settings.
    public static func configured<Schema: LoomSchema>(for schema: Schema.Type) -> LoomServer.Authenticator {
        { settings in
            guard let principal = Schema.principal else {
                throw JWTKeys.Invalid(description: "the schema \(Schema.name) declares no auth")
            }
            return try await JWTAuthenticator(principal: principal, keys: JWTKeys(settings.auth))
        }
    }
}
