import ArgumentParser
import Foundation
import LoomCompiler
import LoomCompilerDisk

/// `loomgen check DIR [--generated OUT]`: the CI gate. Exit 1 when the schema has errors (all of them printed). Else
/// exit 2 when anything is out of step — a file not formatted, committed generated code (`--generated`) that differs
/// from what the schema generates, tables that no migration creates — each printed with its diff and the command that
/// fixes it (a `--generated` folder that does not exist: every file missing). Exit 0 when all is in step.
/// Without `--generated`, the committed output is `Generated/<schema folder>` of the current folder when it exists;
/// when it does not, one line on stderr says it was not checked.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The CI gate: schema errors exit 1; formatting, committed code or migrations out of date exit 2.")

    @OptionGroup var schema: SchemaInputs

    @Option(help: ArgumentHelp(
        "The folder where the generated code is committed (what `loomgen generate --output` wrote): compare it too. "
            + "Default: Generated/<schema folder> when it exists.",
        valueName: "folder"))
    var generated: String?

    @Option(help: "Findings as text (stderr) or json (stdout: one array, an object per finding, for CI annotations).")
    var format: DiagnosticPrinter.Format = .text

    func run() throws {
        let (name, files) = try schema.load()
        let paths = schema.inputs.map(ShellWords.quoted).joined(separator: " ")
        // As the user named the schema: a fix run without `--name` would generate under another name.
        let inputs = paths + (schema.name.map { " --name \(ShellWords.quoted($0))" } ?? "")
        let generated = self.generated ?? conventionalFolder()
        let commands = CheckCommands(
            format: "loomgen fmt \(paths)",
            generate: generated.map { "loomgen generate \(inputs) --output \(ShellWords.quoted($0))" },
            newMigration: { "loomgen migrate new \($0) \(inputs)" })
        let report = Generator.check(
            schemaName: name, files: files, migrationsFolder: schema.migrationsFolder, committedFolder: generated,
            reader: DiskFileReader(), decodeSnapshot: SnapshotJSON.decode,
            encodeSnapshot: { String(decoding: (try? SnapshotJSON.encode($0)) ?? Data(), as: UTF8.self) },
            commands: commands)
        switch format {
        case .json: FindingJSON.print(report.diagnostics.map(FindingJSON.init) + report.findings.map(FindingJSON.init))
        case .text:
            DiagnosticPrinter.print(report.diagnostics, files: files, format: .text)
            var text = ""
            for finding in report.findings {
                text += finding.description + "\n" + finding.diff + "fix: \(finding.fix)\n"
            }
            if !report.findings.isEmpty {
                let count = report.findings.count
                text += "\(count) finding\(count == 1 ? "" : "s") out of step with the schema (exit 2)\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// `Generated/<schema folder>` when it exists in the current folder (the package root); else nil, said once.
    private func conventionalFolder() -> String? {
        let folder = "Generated/" + schema.folderName
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            return folder
        }
        FileHandle.standardError.write(Data(
            "note: committed output not checked: no \(folder)/ here; pass --generated <folder> to check it\n".utf8))
        return nil
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
