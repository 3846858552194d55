/// A named table constraint, as the DDL declares it (`CONSTRAINT "users_email_key" UNIQUE ("email")`), so a refused
/// write is mapped back to its fields by the name the database reports rather than by parsing its message.
public struct TableConstraint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case unique
        case check
    }

    /// `users_email_key`, `products_stock_range`.
    public var name: String
    public var kind: Kind
    /// The fields it covers (camelCase), as violations and conflicts name them.
    public var fields: [String]

    public init(_ name: String, _ kind: Kind, fields: [String]) {
        self.name = name
        self.kind = kind
        self.fields = fields
    }
}
