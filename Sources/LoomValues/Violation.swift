/// One problem with one field of an input: `items[0].quantity` and what is wrong with it (`is required`,
/// `must be an integer`, `must be at most 20 characters`). Fields are named by their JSON path in camelCase.
///
/// LoomRuntime's `LoomError.Violation` is this type: the 422 bodies list these.
public struct Violation: Sendable, Equatable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
