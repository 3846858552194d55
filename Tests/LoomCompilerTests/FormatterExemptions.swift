@testable import LoomCompiler

extension FrontendDiagnosticsTests {
    /// Codes that `Frontend.compile` never emits, so they have no example in `cases`: `everyCodeHasAnExample` skips
    /// them. L005 comes from `loomgen check`'s formatting check (FormatterTests covers it); L006–L009 from the
    /// migrations folder (GeneratorTests); L090–L093 are `check`'s drift (DriftGateTests).
    static let notFromCompile: Set<DiagnosticCode> = [
        .notFormatted, .invalidMigrationName, .duplicateMigrationNumber, .missingMigrationFile, .unreadableMigrationSnapshot,
        .generatedFileOutOfDate, .generatedFileMissing, .generatedFileStale, .migrationMissing,
    ]
}
