/// One problem found in a schema. Printed as `path:line:col: error[L0NN]: message` so that SwiftPM, Xcode and
/// editors turn it into a clickable location.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    /// A stable code (`L0NN`) documented in docs/language.md.
    public var code: DiagnosticCode
    public var message: String
    public var range: SourceRange
    /// How to fix it, when the compiler knows.
    public var hint: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.hint = hint
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, hint: hint)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, hint: hint)
    }

    /// `path:line:col: error[L0NN]: message` and, on the next line, `note: hint` when there is one.
    public var description: String {
        var text = "\(range.file):\(range.start.line):\(range.start.column): \(severity.rawValue)[\(code.rawValue)]: \(message)"
        if let hint { text += "\n\(range.file):\(range.start.line):\(range.start.column): note: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position, then code: the order in which they are printed.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted {
            ($0.range.file, $0.range.start.offset, $0.code.rawValue) < ($1.range.file, $1.range.start.offset, $1.code.rawValue)
        }
    }
}
