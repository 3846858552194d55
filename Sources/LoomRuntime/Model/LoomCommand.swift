/// A decoded body or payload: a declared `command`, or a model's create/update input.
///
/// Its generated `init(from:)` checks the shape with `Violations` (every missing, null or mistyped field at once)
/// and `violations(in:)` checks the constraints on the typed value, for HTTP bodies and Swift callers alike.
public protocol LoomCommand: Codable, Sendable, Equatable {
    /// The JSON field names it accepts (camelCase); anything else in a body is an unknown field.
    static var fieldNames: Set<String> { get }
    /// Every constraint violation of a typed value (the shape was checked when it was decoded). Empty when valid.
    static func violations(in command: Self) -> [LoomError.Violation]
}

/// A command that writes a model's columns (`User.Create`, `User.Update`).
public protocol LoomInput: LoomCommand {
    /// The columns to write and their values, in column order (a PATCH: only the fields sent).
    static func assignments(of input: Self) -> [ColumnAssignment]
}

public struct ColumnAssignment: Sendable, Hashable {
    public var column: String
    public var value: SQLValue

    public init(_ column: String, _ value: SQLValue) {
        self.column = column
        self.value = value
    }
}
