/// The version of `loomgen` (and of the runtime it generates for): what `loomgen --version` prints and what the
/// manifest of a committed output folder records.
public enum LoomVersion {
    public static let current = "0.6.0"
    /// Where `loomgen init` points a new package when it is not given a local checkout.
    public static let repositoryURL = "https://github.com/loom-swift/loom-swift"
}

/// `loom-manifest.json`, written next to committed output (`loomgen generate --output`): which generator wrote the
/// folder, from which schema files, and which files it holds. The generated files themselves carry no version, so a
/// new `loomgen` that generates the same code changes only this file's `version`, which `loomgen check` ignores.
public enum GeneratedManifest {
    public static let fileName = "loom-manifest.json"
    /// How the manifest starts: also how `loomgen` recognises one it may overwrite.
    public static let prefix = "{\n  \"generator\": \"loomgen\",\n"

    static func render(schemaName: String, sources: [String], files: [String], version: String = LoomVersion.current) -> String {
        let list = { (items: [String]) in "[" + items.map(JSONNode.quoted).joined(separator: ", ") + "]" }
        return prefix
            + "  \"version\": \(JSONNode.quoted(version)),\n"
            + "  \"schema\": \(JSONNode.quoted(schemaName)),\n"
            + "  \"sources\": \(list(sources)),\n"
            + "  \"files\": \(list(files))\n"
            + "}\n"
    }

    /// The manifest without its `version` line: two manifests that differ only in the generator's version are the
    /// same output.
    public static func ignoringVersion(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  \"version\": ") }
            .joined(separator: "\n")
    }

    /// The version a manifest records, when it has one.
    public static func version(in text: String) -> String? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  \"version\": \"") }) else { return nil }
        return String(line.dropFirst("  \"version\": \"".count).prefix { $0 != "\"" })
    }
}
