/// Something `loomgen check` finds out of step in a schema that compiles: a file not formatted, committed generated
/// code that differs from what the schema generates, or tables that no migration creates. Each comes with the
/// unified diff of what differs and the command that fixes it; any of them makes `check` exit 2.
public struct DriftFinding: Sendable, Hashable {
    public var code: DiagnosticCode
    /// The file that is out of step (for a missing migration: the last migration's snapshot, or the folder).
    public var file: String
    /// The first line that differs (1 for a file that is missing or should not exist).
    public var line: Int
    public var message: String
    /// `--- …` / `+++ …` hunks: the file as it is against what it should be.
    public var diff: String
    /// The exact command that makes this finding go away.
    public var fix: String

    /// `path:line:1: error[L090]: message`, as compiler diagnostics are printed.
    public var description: String {
        "\(file):\(line):1: error[\(code.rawValue)]: \(message)"
    }

    /// The first line at which two texts differ, counting from 1.
    static func firstDifferingLine(_ old: String, _ new: String) -> Int {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(a.count, b.count), a[line] == b[line] { line += 1 }
        return min(line + 1, max(a.count, 1))
    }
}

/// The commands `check`'s findings name, spelled with the inputs the user gave (`schemas/store`).
public struct CheckCommands: Sendable {
    /// `loomgen fmt schemas/store`
    public var format: String
    /// `loomgen generate schemas/store --output Generated/store`; nil when no committed folder is checked.
    public var generate: String?
    /// `loomgen migrate new NAME schemas/store`, given NAME.
    public var newMigration: @Sendable (String) -> String

    public init(format: String, generate: String?, newMigration: @escaping @Sendable (String) -> String) {
        self.format = format
        self.generate = generate
        self.newMigration = newMigration
    }
}
