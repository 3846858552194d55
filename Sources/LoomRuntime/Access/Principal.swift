/// Who the schema says a caller is (its `auth` declaration): the principal's fields, each read from a claim of the
/// caller's token (or set by a custom authenticator), and what a JWT must carry. Generated as `<Schema>Schema.principal`.
public struct PrincipalSchema: Sendable, Hashable {
    public var fields: [PrincipalField]
    /// Nil when the schema authenticates with its own Swift authenticator instead of JWTs.
    public var jwt: JWTRequirements?

    public init(fields: [PrincipalField], jwt: JWTRequirements? = nil) {
        self.fields = fields
        self.jwt = jwt
    }

    public func field(named name: String) -> PrincipalField? { fields.first { $0.name == name } }
}

public struct PrincipalField: Sendable, Hashable {
    /// The field's name in rules (`orgId` in `auth.orgId`).
    public var name: String
    /// The JWT claim it is read from (`org`).
    public var claim: String
    public var type: ColumnType
    public var isOptional: Bool

    public init(name: String, claim: String, type: ColumnType, isOptional: Bool = false) {
        self.name = name
        self.claim = claim
        self.type = type
        self.isOptional = isOptional
    }
}

/// What the schema's `jwt { … }` block asks of every token; the keys come from the configuration.
public struct JWTRequirements: Sendable, Hashable {
    public var issuer: String?
    public var audience: String?
    /// Clock skew allowed for `exp` and `nbf`.
    public var leewaySeconds: Int

    public init(issuer: String? = nil, audience: String? = nil, leewaySeconds: Int = 0) {
        self.issuer = issuer
        self.audience = audience
        self.leewaySeconds = leewaySeconds
    }
}

/// An authenticated caller: the principal's field values, by field name, typed as the schema declares them (an enum
/// case as its name). A field that is optional and absent is `.null`.
public struct Principal: Sendable, Hashable {
    public var values: [String: SQLValue]

    public init(_ values: [String: SQLValue]) {
        self.values = values
    }

    public subscript(field: String) -> SQLValue { values[field] ?? .null }
}

/// On whose behalf data is read and written. Every repository a `Database` hands out applies its caller's rules; only
/// `system` passes them, and code gets it only by asking (`database.asSystem`).
public enum Caller: Sendable, Hashable {
    /// The application itself (jobs by default, start-up code that says so): no rule applies.
    case system
    /// A request with no credential.
    case anonymous
    case principal(Principal)

    public var principal: Principal? {
        if case .principal(let principal) = self { return principal }
        return nil
    }
}

/// A principal travels with a job dispatched `as caller`: its values as a JSON object (numbers, strings, booleans,
/// nulls — the only kinds a principal's fields hold).
extension Principal: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.singleValueContainer().decode([String: JSONValue].self)
        var values: [String: SQLValue] = [:]
        for (name, value) in object {
            switch value {
            case .null: values[name] = .null
            case .bool(let flag): values[name] = .bool(flag)
            case .string(let text): values[name] = .string(text)
            case .integer(let number): values[name] = .int(number)
            case .number(let number):
                values[name] = Int(exactly: number).map(SQLValue.int) ?? .double(number)
            case .array, .object:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a principal's '\(name)' is not a scalar"))
            }
        }
        self.init(values)
    }

    public func encode(to encoder: any Encoder) throws {
        var object: [String: JSONValue] = [:]
        for (name, value) in values {
            switch value {
            case .null: object[name] = .null
            case .int(let number): object[name] = .integer(number)
            case .double(let number): object[name] = .number(number)
            case .bool(let flag): object[name] = .bool(flag)
            case .string(let text): object[name] = .string(text)
            case .date(let date): object[name] = .string(Timestamp.format(date))
            }
        }
        var container = encoder.singleValueContainer()
        try container.encode(object)
    }
}

/// The caller of a job dispatched `as caller` travels in its payload: `{"system":true}`, `{"anonymous":true}` or
/// `{"principal":{…}}`.
extension Caller: Codable {
    private enum Key: String, CodingKey { case system, anonymous, principal }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let principal = try container.decodeIfPresent(Principal.self, forKey: .principal) {
            self = .principal(principal)
        } else if try container.decodeIfPresent(Bool.self, forKey: .anonymous) == true {
            self = .anonymous
        } else if try container.decodeIfPresent(Bool.self, forKey: .system) == true {
            self = .system
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a caller"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .system: try container.encode(true, forKey: .system)
        case .anonymous: try container.encode(true, forKey: .anonymous)
        case .principal(let principal): try container.encode(principal, forKey: .principal)
        }
    }
}
