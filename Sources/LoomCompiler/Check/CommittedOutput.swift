/// The drift gate on committed generated code: the files in a folder (`Generated/store/`) against what `loomgen
/// generate` would write there now. A file that differs, one that is missing, and one loomgen wrote that the schema no
/// longer produces are each a finding; the manifest is compared without its generator version, so a new loomgen that
/// generates the same code passes.
public enum CommittedOutput {
    static func findings(expected: [GeneratedFile], folder: String, reader: some FileReader, fix: String) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        let present = Set(reader.entries(ofFolder: folder) ?? [])
        for file in expected {
            let path = FilePath.join(folder, file.name)
            guard let committed = reader.text(ofFile: path) else {
                findings.append(DriftFinding(
                    code: .generatedFileMissing, file: path, line: 1,
                    message: "missing: the schema generates \(file.name), which is not in \(folder)",
                    diff: LineDiff.unified(old: "", new: file.contents, oldLabel: "/dev/null", newLabel: "\(path) (generated)"),
                    fix: fix))
                continue
            }
            let isManifest = file.name == GeneratedManifest.fileName
            let comparable = isManifest
                ? (GeneratedManifest.ignoringVersion(committed), GeneratedManifest.ignoringVersion(file.contents))
                : (committed, file.contents)
            guard comparable.0 != comparable.1 else { continue }
            // In a manifest, past its (ignored) version line, the second.
            var line = DriftFinding.firstDifferingLine(comparable.0, comparable.1)
            if isManifest && line >= 2 { line += 1 }
            findings.append(DriftFinding(
                code: .generatedFileOutOfDate, file: path, line: line,
                message: "out of date: the schema now generates a different \(file.name)",
                diff: LineDiff.unified(old: committed, new: file.contents, oldLabel: "\(path) (committed)", newLabel: "\(path) (generated)"),
                fix: fix))
        }
        let produced = Set(expected.map(\.name))
        for name in present.subtracting(produced).sorted() {
            let path = FilePath.join(folder, name)
            guard let text = reader.text(ofFile: path), isGenerated(text) else { continue }
            findings.append(DriftFinding(
                code: .generatedFileStale, file: path, line: 1,
                message: "stale: loomgen wrote \(name), but the schema no longer generates it",
                diff: LineDiff.unified(old: text, new: "", oldLabel: "\(path) (committed)", newLabel: "/dev/null"),
                fix: fix))
        }
        return findings
    }

    /// A file `loomgen generate` wrote, and so may rewrite or remove: a Swift file with its header, the OpenAPI
    /// document with its `x-generated-by`, or the manifest.
    public static func isGenerated(_ text: String) -> Bool {
        text.hasPrefix(SwiftEmitter.headerPrefix) || text.hasPrefix(GeneratedManifest.prefix)
            || text.hasPrefix("{\n  \"openapi\": \"3.1.0\",\n  \"x-generated-by\": \"loomgen from ")
    }
}
