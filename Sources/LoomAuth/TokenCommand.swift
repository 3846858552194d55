import Foundation
import LoomRuntime
import LoomServer

/// `<server> token --sub 3 --role customer --org 1 [--ttl 3600] [--config FILE]`: prints a token signed with the
/// configured secret, with the schema's issuer and audience, for development and the docs. Each `--<claim> value`
/// is typed by the principal field that reads that claim.
public enum TokenCommand {
    public static func run<Schema: LoomSchema>(
        _ schema: Schema.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst(2)),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async {
        do {
            print(try await token(schema, arguments: arguments, environment: environment))
        } catch {
            FileHandle.standardError.write(Data("\(Schema.name) token: \(error)\n".utf8))
            exit(1)
        }
    }

    struct Usage: Error, CustomStringConvertible {
        var description: String
    }

    static func token<Schema: LoomSchema>(
        _ schema: Schema.Type, arguments: [String], environment: [String: String]
    ) async throws -> String {
        guard let principal = Schema.principal else { throw Usage(description: "the schema declares no auth") }
        var options: [String: String] = [:]
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--"), let value = rest.popFirst() else { throw Usage(description: "expected --<claim> <value>, got '\(flag)'") }
            options[String(flag.dropFirst(2))] = value
        }
        let configFile = options.removeValue(forKey: "config")
        let ttl = try options.removeValue(forKey: "ttl").map {
            guard let seconds = Int($0), seconds > 0 else { throw Usage(description: "--ttl must be a number of seconds") }
            return seconds
        } ?? 3600
        var claims: [String: JSONValue] = [:]
        for field in principal.fields {
            guard let text = options.removeValue(forKey: field.claim) else {
                if field.isOptional { continue }
                throw Usage(description: "--\(field.claim) is required (\(field.name))")
            }
            switch field.type {
            // RFC 7519 makes `sub` a string; other numeric claims are numbers.
            case .int where field.claim != "sub", .int32 where field.claim != "sub":
                guard let number = Int(text) else { throw Usage(description: "--\(field.claim) must be a whole number") }
                claims[field.claim] = .integer(number)
            case .bool: claims[field.claim] = .bool(text == "true")
            default: claims[field.claim] = .string(text)
            }
        }
        if let unknown = options.keys.sorted().first { throw Usage(description: "unknown option --\(unknown)") }
        let now = Date().timeIntervalSince1970.rounded(.down)
        claims["iat"] = .integer(Int(now))
        claims["exp"] = .integer(Int(now) + ttl)
        if let issuer = principal.jwt?.issuer { claims["iss"] = .string(issuer) }
        if let audience = principal.jwt?.audience { claims["aud"] = .string(audience) }
        let settings = try await ServerSettings.load(environment: environment, configFile: configFile, schemaName: Schema.name)
        let authenticator = try await JWTAuthenticator(principal: principal, keys: JWTKeys(settings.auth))
        return try await authenticator.sign(claims)
    }
}
