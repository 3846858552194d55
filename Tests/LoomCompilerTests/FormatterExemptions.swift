@testable import LoomCompiler

extension FrontendDiagnosticsTests {
    /// Codes that `Frontend.compile` never emits, so they have no example in `cases`: `everyCodeHasAnExample` skips
    /// them. L005 comes from `loomgen check`'s formatting check; FormatterTests covers it.
    static let notFromCompile: Set<DiagnosticCode> = [.notFormatted]
}
