/// A read profile of `Row` (`profile withCustomer` of `Order`): its name, and `Members`, the type of what it adds to
/// the row. The generated client declares one per profile (`Order.Profile.withCustomer`); a route's `get` and `list`
/// take it and answer `LoomProfiled` rows.
public struct LoomProfile<Row: Decodable & Sendable, Members: Decodable & Sendable>: Sendable, Hashable {
    /// The name `?profile=` carries.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }
}

/// A row read in a profile: the row's own fields and what the profile adds (included rows, counts, flags), both
/// decoded from the one object the server writes. Either is read as a member of this value: `order.id`,
/// `order.user?.email`.
@dynamicMemberLookup
public struct LoomProfiled<Row: Decodable & Sendable, Members: Decodable & Sendable>: Decodable, Sendable {
    public var row: Row
    public var members: Members

    public init(row: Row, members: Members) {
        self.row = row
        self.members = members
    }

    public init(from decoder: any Decoder) throws {
        self.row = try Row(from: decoder)
        self.members = try Members(from: decoder)
    }

    public subscript<Value>(dynamicMember field: KeyPath<Row, Value>) -> Value { row[keyPath: field] }

    public subscript<Value>(dynamicMember member: KeyPath<Members, Value>) -> Value { members[keyPath: member] }
}

extension LoomProfiled: Equatable where Row: Equatable, Members: Equatable {}
