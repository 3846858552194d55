import Configuration
import Foundation

/// Where each setting comes from: an environment variable, else the YAML file given with `--config`, else its
/// default. swift-configuration does the layering and the naming (`database.pool_size` ↔ `DATABASE_POOL_SIZE`);
/// the file is read by `ConfigurationFile` (Yams), for what swift-configuration does not do: includes, `${env:…}`,
/// a key nobody reads (a typo that would otherwise be ignored in silence) and the line and column of a bad value.
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

    /// `catalog` says which dotted keys exist; the file may hold no other. Secrets (URLs with passwords) are marked so
    /// swift-configuration never prints them.
    init(environment variables: [String: String], file: String?, catalog: SettingsCatalog, secretKeys: [String]) throws {
        environment = EnvironmentVariablesProvider(
            environmentVariables: variables, secretsSpecifier: .specific(Set(secretKeys.map(Self.environmentName))))
        self.file = file
        guard let file else {
            reader = ConfigReader(provider: environment)
            positions = [:]
            return
        }
        let scalars = try ConfigurationFile.load(file, environment: variables, catalog: catalog).scalars
        positions = scalars.mapValues(\.place)
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, scalar) in scalars {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] =
                ConfigValue(.string(scalar.text), isSecret: secretKeys.contains(key))
        }
        reader = ConfigReader(providers: [environment, InMemoryProvider(name: file, values: values)])
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

    /// `database.pool_size` → `DATABASE_POOL_SIZE`, `jobs.SendRestockEmail.retries` → `JOBS_SEND_RESTOCK_EMAIL_RETRIES`,
    /// as swift-configuration's environment provider spells it (a lowercase letter then a capital: a word boundary).
    static func environmentName(_ key: String) -> String {
        var name = ""
        var previous: Character?
        for character in key {
            if let previous, previous.isLowercase, character.isUppercase { name.append("_") }
            name += character.isLetter || character.isNumber ? character.uppercased() : "_"
            previous = character
        }
        return name
    }
}
