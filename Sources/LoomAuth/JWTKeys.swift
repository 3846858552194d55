import Foundation
import JWTKit

/// The keys tokens are verified with, from the server's configuration (`auth.jwt.*`): a shared secret for HS256/384/
/// 512, or an identity provider's public keys — one PEM for RS256 or ES256, or a JWKS file. One kind at a time, so a
/// token can never be checked with a key of another kind (the HS/RS confusion).
public enum JWTKeys: Sendable, Equatable {
    case secret(String, algorithm: String)
    case publicKey(pem: String, algorithm: String)
    case jwks(json: String)

    public static let secretAlgorithms = ["HS256", "HS384", "HS512"]
    public static let publicKeyAlgorithms = ["RS256", "ES256"]

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Adds the keys to `collection`; returns the `alg` values they verify.
    func add(to collection: JWTKeyCollection) async throws -> Set<String> {
        switch self {
        case .secret(let secret, let algorithm):
            let digest: DigestAlgorithm
            let bytes: Int
            switch algorithm {
            case "HS256": (digest, bytes) = (.sha256, 32)
            case "HS384": (digest, bytes) = (.sha384, 48)
            case "HS512": (digest, bytes) = (.sha512, 64)
            default: throw Invalid(description: "auth.jwt.algorithm must be one of \(Self.secretAlgorithms.joined(separator: ", ")) with a secret")
            }
            // RFC 7518 §3.2: a key at least as long as the hash (jwt-kit asserts it).
            guard secret.utf8.count >= bytes else { throw Invalid(description: "auth.jwt.secret must be at least \(bytes) bytes for \(algorithm)") }
            await collection.add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
            return [algorithm]
        case .publicKey(let pem, let algorithm):
            do {
                switch algorithm {
                case "RS256": await collection.add(rsa: try Insecure.RSA.PublicKey(pem: pem), digestAlgorithm: .sha256)
                case "ES256": await collection.add(ecdsa: try ES256PublicKey(pem: pem))
                default:
                    throw Invalid(description: "auth.jwt.algorithm must be one of \(Self.publicKeyAlgorithms.joined(separator: ", ")) with a public key")
                }
            } catch let error as Invalid {
                throw error
            } catch {
                throw Invalid(description: "auth.jwt.public_key_file is not a PEM \(algorithm) public key")
            }
            return [algorithm]
        case .jwks(let json):
            do {
                let set = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
                try await collection.add(jwks: set)
                let algorithms = Set(set.keys.compactMap { $0.algorithm?.rawValue }).intersection(Self.publicKeyAlgorithms)
                guard !algorithms.isEmpty else { throw Invalid(description: "auth.jwt.jwks_file has no RS256 or ES256 key with an 'alg'") }
                return algorithms
            } catch let error as Invalid {
                throw error
            } catch {
                throw Invalid(description: "auth.jwt.jwks_file is not a JWKS document")
            }
        }
    }
}
