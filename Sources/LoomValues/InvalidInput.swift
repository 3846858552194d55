/// What a generated `init(from:)` throws when its input is not one it can make a value of: every violation found in
/// one pass (`Violations.failure`).
///
/// A server answers it with a 422: LoomRuntime maps it to `LoomError.validation(shape)` when the shape is wrong, and
/// otherwise to `LoomError.ruleViolations(rules)`. It is its own type, not `LoomError`, so that model types need no
/// server module to decode.
public struct InvalidInput: Error, Sendable, Equatable, CustomStringConvertible {
    /// Problems with the shape: a missing, null or mistyped field.
    public var shape: [Violation]
    /// Rules broken by values that are well formed (a string outside its enum's cases); reported only when the shape
    /// is right.
    public var rules: [Violation]

    public init(shape: [Violation], rules: [Violation] = []) {
        self.shape = shape
        self.rules = rules
    }

    /// The violations a client is told about: the shape's, or when it has none, the rules'.
    public var reported: [Violation] { shape.isEmpty ? rules : shape }

    public var description: String {
        reported.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}
