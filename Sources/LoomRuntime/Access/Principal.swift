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
