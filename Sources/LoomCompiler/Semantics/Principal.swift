/// The schema's `auth` declaration, resolved: who a caller is, field by field, and what a JWT must carry. Emitted as
/// `<Schema>Schema.principal` (a `LoomRuntime.PrincipalSchema`); rules name its fields as `auth.<field>`.
public struct Principal: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        /// The name rules use (`orgId` in `auth.orgId`).
        public var name: String
        /// The claim the value is read from: `@claim("org")`, or the field's name.
        public var claim: String
        /// Int, Int32, String(n), Text, Bool, UUID or an enum of the schema.
        public var type: ScalarType
        public var isOptional: Bool
        public var doc: [String]
        public var range: SourceRange

        public init(name: String, claim: String, type: ScalarType, isOptional: Bool, doc: [String] = [], range: SourceRange) {
            self.name = name
            self.claim = claim
            self.type = type
            self.isOptional = isOptional
            self.doc = doc
            self.range = range
        }
    }

    /// `jwt { issuer "…" audience "…" leeway 30 }`. Absent settings are nil (leeway 0).
    public struct JWTSettings: Sendable, Hashable {
        public var issuer: String?
        public var audience: String?
        public var leewaySeconds: Int

        public init(issuer: String? = nil, audience: String? = nil, leewaySeconds: Int = 0) {
            self.issuer = issuer
            self.audience = audience
            self.leewaySeconds = leewaySeconds
        }
    }

    /// In declaration order; never empty.
    public var fields: [Field]
    /// Nil without a `jwt` block: the application authenticates callers with its own Swift code.
    public var jwt: JWTSettings?
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(fields: [Field], jwt: JWTSettings?, doc: [String] = [], file: String, range: SourceRange) {
        self.fields = fields
        self.jwt = jwt
        self.doc = doc
        self.file = file
        self.range = range
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}
