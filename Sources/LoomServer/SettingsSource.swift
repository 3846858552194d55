import Configuration
import Foundation
import SystemPackage
import Yams

/// Where each setting comes from: an environment variable, else the YAML file given with `--config`, else its
/// default. swift-configuration does the layering and the naming (`database.pool_size` ↔ `DATABASE_POOL_SIZE`);
/// the file is also composed with Yams, for what swift-configuration does not report: a key nobody reads (a typo
/// that would otherwise be ignored in silence) and the line and column of a bad value.
struct SettingsSource: Sendable {
    /// A setting's value and where it was read, for error messages.
    struct Value {
        var text: String
        var origin: String
    }

    private let reader: ConfigReader
    private let environment: EnvironmentVariablesProvider
    private let file: String?
    /// `database.pool_size` → "config/store.yaml:7:14", for every scalar of the file.
    private let positions: [String: String]

    /// `keys` are the dotted keys the server reads; the file may hold no other. Secrets (URLs with passwords) are
    /// marked so swift-configuration never prints them.
    init(environment variables: [String: String], file: String?, keys: [String], secretKeys: [String]) async throws {
        environment = EnvironmentVariablesProvider(
            environmentVariables: variables, secretsSpecifier: .specific(Set(secretKeys.map(Self.environmentName))))
        self.file = file
        guard let file else {
            reader = ConfigReader(provider: environment)
            positions = [:]
            return
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ServerSettings.InvalidSetting(description: "\(file): cannot read the configuration file")
        }
        positions = try Self.scalarPositions(yaml: text, file: file, known: Set(keys))
        let options = YAMLSnapshot.ParsingOptions(secretsSpecifier: .specific(Set(secretKeys)))
        let fileProvider = try await FileProvider<YAMLSnapshot>(parsingOptions: options, filePath: FilePath(file))
        reader = ConfigReader(providers: [environment, fileProvider])
    }

    /// The value of `key`, or nil when neither the environment nor the file sets it. An empty environment variable
    /// counts as unset, and so hides the file's value (`REDIS_URL=` turns Redis off).
    func value(_ key: String) -> Value? {
        let name = Self.environmentName(key)
        let fromEnvironment = (try? environment.environmentValue(forName: name)) ?? nil
        guard let text = reader.string(forKey: ConfigKey(key)), !text.isEmpty else { return nil }
        if fromEnvironment != nil { return Value(text: text, origin: "environment variable \(name)") }
        return Value(text: text, origin: "\(positions[key] ?? file ?? "configuration"): \(key)")
    }

    /// `database.pool_size` → `DATABASE_POOL_SIZE`, as swift-configuration's environment provider spells it.
    static func environmentName(_ key: String) -> String {
        key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// Every scalar's position, by dotted key; a key outside `known`, or a section where a value belongs, is an error
    /// naming its line.
    static func scalarPositions(yaml: String, file: String, known: Set<String>) throws -> [String: String] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ServerSettings.InvalidSetting(description: "\(file): not valid YAML: \(error)")
        }
        guard let root else { return [:] }  // an empty file sets nothing
        guard let mapping = root.mapping else {
            throw ServerSettings.InvalidSetting(description: "\(file): the configuration must be a mapping of keys to values")
        }
        var positions: [String: String] = [:]
        func place(_ node: Node) -> String {
            node.mark.map { "\(file):\($0.line):\($0.column)" } ?? file
        }
        func walk(_ mapping: Node.Mapping, prefix: String) throws {
            for (keyNode, valueNode) in mapping {
                let key = prefix + (keyNode.string ?? "")
                if let section = valueNode.mapping {
                    guard known.contains(where: { $0.hasPrefix(key + ".") }) else {
                        throw unknown(key, at: place(keyNode))
                    }
                    try walk(section, prefix: key + ".")
                } else {
                    guard known.contains(key) else { throw unknown(key, at: place(keyNode)) }
                    guard valueNode.scalar != nil else {
                        throw ServerSettings.InvalidSetting(description: "\(place(valueNode)): \(key) takes a single value")
                    }
                    positions[key] = place(valueNode)
                }
            }
        }
        func unknown(_ key: String, at place: String) -> ServerSettings.InvalidSetting {
            let section = key.split(separator: ".").dropLast().joined(separator: ".")
            let siblings = known.filter { section.isEmpty ? true : $0.hasPrefix(section + ".") }.sorted()
            return ServerSettings.InvalidSetting(
                description: "\(place): unknown key '\(key)'; the keys are \(siblings.joined(separator: ", "))")
        }
        try walk(mapping, prefix: "")
        return positions
    }
}
