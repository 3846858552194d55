import Foundation
import Yams

/// A YAML configuration file as the server reads it, in the two ways the Python framework's OmegaConf files are
/// written: `include:` of other files, and `${env:VAR}` / `${env:VAR,default}` inside values. The result is every
/// scalar under its dotted key, with the place it was written, which the environment then overrides
/// (`SettingsSource`).
///
/// - `include: base.yaml` or `include: [base.yaml, local.yaml]`, at the top of a file: paths relative to that file,
///   read first, in order; the file's own keys override what it includes. A file that includes itself, directly or
///   not, is an error naming the chain.
/// - `${env:NAME}` is the variable's value, `${env:NAME,default}` its value or the default when it is unset;
///   OmegaConf's `${oc.env:…}` spelling is accepted too, and `\${` is a literal `${`. An unset variable without a
///   default is an error naming the place.
struct ConfigurationFile {
    struct Scalar: Equatable {
        var text: String
        /// `config/store.yaml:7:14`.
        var place: String
    }

    /// The key every file may use to include others; never a setting.
    static let includeKey = "include"

    private(set) var scalars: [String: Scalar] = [:]

    /// Reads `path` and what it includes. `catalog` decides which keys exist.
    static func load(_ path: String, environment: [String: String], catalog: SettingsCatalog) throws -> ConfigurationFile {
        var file = ConfigurationFile()
        try file.read(path, environment: environment, catalog: catalog, chain: [])
        return file
    }

    private mutating func read(_ path: String, environment: [String: String], catalog: SettingsCatalog, chain: [String]) throws {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let start = chain.firstIndex(of: canonical) {
            let cycle = (chain[start...] + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw ServerSettings.InvalidSetting(description: "\(path): include cycle: \(cycle.joined(separator: " → "))")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServerSettings.InvalidSetting(description: "\(path): cannot read the configuration file")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ServerSettings.InvalidSetting(description: "\(path): not valid YAML: \(error)")
        }
        guard let root else { return }  // an empty file sets nothing
        guard let mapping = root.mapping else {
            throw ServerSettings.InvalidSetting(description: "\(path): the configuration must be a mapping of keys to values")
        }
        func place(_ node: Node) -> String { node.mark.map { "\(path):\($0.line):\($0.column)" } ?? path }

        // Included files first, so this file's own keys override theirs.
        if let include = mapping[Node(Self.includeKey)] {
            let names: [Node]
            if let scalar = include.scalar { names = [Node.scalar(scalar)] } else if let list = include.sequence {
                names = Array(list)
            } else {
                throw ServerSettings.InvalidSetting(description: "\(place(include)): include takes a file or a list of files")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            for name in names {
                guard let relative = name.string, !relative.isEmpty else {
                    throw ServerSettings.InvalidSetting(description: "\(place(name)): include takes a file or a list of files")
                }
                let target = relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).path
                guard FileManager.default.fileExists(atPath: target) else {
                    throw ServerSettings.InvalidSetting(description: "\(place(name)): cannot read the included file \(target)")
                }
                try read(target, environment: environment, catalog: catalog, chain: chain + [canonical])
            }
        }

        func walk(_ mapping: Node.Mapping, prefix: String) throws {
            for (keyNode, valueNode) in mapping {
                let key = prefix + (keyNode.string ?? "")
                if prefix.isEmpty && key == Self.includeKey { continue }
                if let section = valueNode.mapping {
                    guard catalog.isSection(key) else { throw catalog.unknown(key, at: place(keyNode)) }
                    try walk(section, prefix: key + ".")
                } else {
                    guard catalog.isKey(key) else { throw catalog.unknown(key, at: place(keyNode)) }
                    guard let raw = valueNode.scalar?.string else {
                        throw ServerSettings.InvalidSetting(description: "\(place(valueNode)): \(key) takes a single value")
                    }
                    let value = try Self.interpolate(raw, environment: environment, at: place(valueNode))
                    scalars[key] = Scalar(text: value, place: place(valueNode))
                }
            }
        }
        try walk(mapping, prefix: "")
    }

    /// Replaces each `${env:NAME}`, `${env:NAME,default}` (or `${oc.env:…}`) in `text`.
    static func interpolate(_ text: String, environment: [String: String], at place: String) throws -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            if start.lowerBound > rest.startIndex, rest[rest.index(before: start.lowerBound)] == "\\" {
                result += rest[..<rest.index(before: start.lowerBound)] + "${"
                rest = rest[start.upperBound...]
                continue
            }
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw ServerSettings.InvalidSetting(description: "\(place): '${' without its closing '}'")
            }
            let reference = rest[start.upperBound..<end]
            let body: Substring
            if reference.hasPrefix("env:") {
                body = reference.dropFirst("env:".count)
            } else if reference.hasPrefix("oc.env:") {
                body = reference.dropFirst("oc.env:".count)
            } else {
                throw ServerSettings.InvalidSetting(
                    description: "\(place): unknown reference '${\(reference)}'; write ${env:NAME} or ${env:NAME,default}")
            }
            let parts = body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ServerSettings.InvalidSetting(description: "\(place): ${env:} names no variable") }
            if let value = environment[name] {
                result += value
            } else if parts.count == 2 {
                result += parts[1].trimmingCharacters(in: .whitespaces)
            } else {
                throw ServerSettings.InvalidSetting(
                    description: "\(place): environment variable \(name) is not set and ${env:\(name)} has no default; write ${env:\(name),default}")
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
