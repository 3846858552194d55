import LoomVocabulary

/// The resolved IR: what the emitters consume. Every name here is resolved and every check has passed; an emitter
/// never re-validates and never reads the AST.
public struct ResolvedSchema: Sendable, Hashable {
    /// The schema's name: its folder's name (`store` for `schemas/store/`).
    public var name: String
    /// The files the schema was read from, sorted by file name: the order of generated output.
    public var files: [SourceFile]
    /// Sorted by source file name, then source position.
    public var models: [Model] {
        didSet { modelIndex = Self.index(models, \.name) }
    }
    /// Position of each model by name, so lookups stay constant-time in schemas of thousands of models.
    private var modelIndex: [String: Int] = [:]
    /// Sorted by source file name, then source position.
    public var resources: [Resource]
    /// Each list below is sorted by source file name, then source position.
    public var enums: [EnumType] { didSet { enumIndex = Self.index(enums, \.name) } }
    public var commands: [Command] { didSet { commandIndex = Self.index(commands, \.name) } }
    public var useCases: [UseCase] { didSet { useCaseIndex = Self.index(useCases, \.name) } }
    public var jobs: [Job] { didSet { jobIndex = Self.index(jobs, \.name) } }
    /// Look-ups by name, as for models (the emitters and the editor look names up over and over).
    private var enumIndex: [String: Int] = [:]
    private var commandIndex: [String: Int] = [:]
    private var useCaseIndex: [String: Int] = [:]
    private var jobIndex: [String: Int] = [:]
    public var callbacks: [JobCallback]
    /// Sorted by source file name, then source position.
    public var services: [Service] = []
    /// Every HTTP operation of every resource, auto-CRUD and custom, in resource order: the one table that route
    /// registration (and OpenAPI) reads.
    public var endpoints: [Endpoint]
    /// The `auth` declaration: who calls the API. Nil when the schema declares none (then no rule may name `auth`).
    public var auth: Principal?

    public init(
        name: String, files: [SourceFile], models: [Model], resources: [Resource], enums: [EnumType] = [],
        commands: [Command] = [], useCases: [UseCase] = [], jobs: [Job] = [], callbacks: [JobCallback] = [],
        endpoints: [Endpoint] = [], auth: Principal? = nil
    ) {
        self.endpoints = endpoints
        self.auth = auth
        self.name = name
        self.files = files
        self.models = models
        self.modelIndex = Self.index(models, \.name)
        self.resources = resources
        self.enums = enums
        self.commands = commands
        self.useCases = useCases
        self.jobs = jobs
        self.enumIndex = Self.index(enums, \.name)
        self.commandIndex = Self.index(commands, \.name)
        self.useCaseIndex = Self.index(useCases, \.name)
        self.jobIndex = Self.index(jobs, \.name)
        self.callbacks = callbacks
    }

    public func model(named name: String) -> Model? { modelIndex[name].map { models[$0] } }

    /// A model the checker resolved: a miss is a compiler bug, reported loudly rather than dropping output.
    func requireModel(_ name: String) -> Model {
        guard let model = model(named: name) else { preconditionFailure("internal: no model '\(name)' in the resolved schema") }
        return model
    }

    /// The first declaration of each name (a duplicate is an error the checker reported).
    private static func index<Item>(_ items: [Item], _ name: (Item) -> String) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, item) in items.enumerated() where index[name(item)] == nil { index[name(item)] = position }
        return index
    }
    public func enumType(named name: String) -> EnumType? { enumIndex[name].map { enums[$0] } }
    public func command(named name: String) -> Command? { commandIndex[name].map { commands[$0] } }
    public func useCase(named name: String) -> UseCase? { useCaseIndex[name].map { useCases[$0] } }
    public func job(named name: String) -> Job? { jobIndex[name].map { jobs[$0] } }
}

public struct Model: Sendable, Hashable {
    /// The Swift type name, e.g. `OrderItem`.
    public var name: String
    /// The SQL table name, e.g. `order_items`.
    public var table: String
    /// Doc comment lines (`///`), without the slashes.
    public var doc: [String]
    /// The file name (`users.loom`) that declares the model.
    public var file: String
    public var range: SourceRange
    /// In declaration order, then the managed timestamp fields (`createdAt`, `updatedAt`) when `timestamps` is on.
    public var fields: [Field]
    public var timestamps: Bool
    /// Composite unique constraints (`@@unique([a, b])`), each a list of field names; single-field ones are
    /// `Field.isUnique`.
    public var uniqueConstraints: [[String]]
    /// Composite indexes (`@@index([a, b])`); single-field ones are `Field.isIndexed`.
    public var indexes: [[String]]
    /// Belongs-to relations from this model's foreign keys, and has-many relations from other models' foreign keys
    /// to it; sorted by name.
    public var relations: [Relation]
    /// Named read profiles; the implicit `default` profile (no relations) is not listed.
    public var profiles: [Profile]
    /// The body of a create and of a PATCH, synthesised by the checker: `User.Create`, `User.Update`.
    public var inputs: ModelInputs?
    /// `allow`/`deny` rules in source order. Empty: the model is open; otherwise what no rule allows is denied.
    public var accessRules: [AccessRule] = []
    /// `cache ttl 60s`: how long its auto-CRUD gets and lists are cached; nil when they are not.
    public var cache: CachePolicy?

    public init(
        name: String, table: String, doc: [String], file: String, range: SourceRange, fields: [Field], timestamps: Bool,
        uniqueConstraints: [[String]] = [], indexes: [[String]] = [], relations: [Relation] = [], profiles: [Profile] = []
    ) {
        self.name = name
        self.table = table
        self.doc = doc
        self.file = file
        self.range = range
        self.fields = fields
        self.timestamps = timestamps
        self.uniqueConstraints = uniqueConstraints
        self.indexes = indexes
        self.relations = relations
        self.profiles = profiles
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Sema guarantees exactly one.
    public var primaryKey: Field { fields.first { $0.isPrimaryKey }! }
}

/// A model's synthesised inputs: commands like any declared one, with one presence semantics.
public struct ModelInputs: Sendable, Hashable {
    public var create: Command
    public var update: Command

    public init(create: Command, update: Command) {
        self.create = create
        self.update = update
    }
}

public struct Field: Sendable, Hashable {
    /// The Swift property and JSON name (camelCase), e.g. `fullName`.
    public var name: String
    /// The SQL column name (snake_case), e.g. `full_name`.
    public var column: String
    public var type: ScalarType
    /// `T?` in the schema: the column is NULLable and the Swift property optional.
    public var isOptional: Bool
    public var isPrimaryKey: Bool
    public var isAutoIncrement: Bool
    public var isUnique: Bool
    public var isIndexed: Bool
    public var defaultValue: DefaultValue?
    /// Set for the fields that `timestamps` adds: the runtime writes them, inputs never carry them.
    public var managed: ManagedTimestamp?
    /// Checked on input, and emitted as SQL CHECKs where SQL can express them.
    public var constraints: [FieldConstraint]
    /// Set when the column is a foreign key (`user User @onDelete(cascade)` gives the field `userId`).
    public var reference: ForeignKey?
    public var doc: [String]
    public var range: SourceRange

    public init(
        name: String, column: String, type: ScalarType, isOptional: Bool = false, isPrimaryKey: Bool = false,
        isAutoIncrement: Bool = false, isUnique: Bool = false, isIndexed: Bool = false, defaultValue: DefaultValue? = nil,
        managed: ManagedTimestamp? = nil, constraints: [FieldConstraint] = [], reference: ForeignKey? = nil,
        doc: [String] = [], range: SourceRange
    ) {
        self.constraints = constraints
        self.reference = reference
        self.name = name
        self.column = column
        self.type = type
        self.isOptional = isOptional
        self.isPrimaryKey = isPrimaryKey
        self.isAutoIncrement = isAutoIncrement
        self.isUnique = isUnique
        self.isIndexed = isIndexed
        self.defaultValue = defaultValue
        self.managed = managed
        self.doc = doc
        self.range = range
    }

    /// Written by the database or the runtime, never by a client: auto-increment keys and managed timestamps.
    public var isGenerated: Bool { isAutoIncrement || managed != nil }
}

public enum ManagedTimestamp: String, Sendable, Hashable {
    case createdAt
    case updatedAt
}

/// Column and field types.
public indirect enum ScalarType: Sendable, Hashable {
    /// 64-bit integer.
    case int
    /// 32-bit integer.
    case int32
    case double
    /// `Decimal(precision, scale)`: exact.
    case decimal(precision: Int, scale: Int)
    case bool
    /// `String(n)`: at most `n` characters, checked on input on every backend.
    case string(maxLength: Int)
    /// Unbounded text.
    case text
    /// A calendar date without time.
    case date
    /// Timezone-aware instant (`TIMESTAMPTZ` on PostgreSQL, ISO-8601 UTC text on SQLite).
    case dateTime
    case uuid
    /// Arbitrary JSON.
    case json
    /// An enum declared in the schema, by name.
    case enumeration(String)
    /// `[T]` of a scalar element (never nested).
    case array(ScalarType)
}

public enum DefaultValue: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    /// The current time, for `DateTime` (and `Date`) fields.
    case now
    /// A random UUID, for `UUID` fields.
    case uuid
    /// A case of the field's enum.
    case enumCase(String)
}

/// A constraint on a field's value (`@minLength(2)`, `@range(0, 100)`, `@pattern(email)`, …). `message` is the
/// schema's own wording, when it gives one.
public struct FieldConstraint: Sendable, Hashable {
    /// The vocabulary's kinds, which the runtime checks values against (`decimal` is implied by a type, never written).
    public typealias Kind = ValueConstraintKind

    public var kind: Kind
    public var message: String?
    public var range: SourceRange

    public init(kind: Kind, message: String? = nil, range: SourceRange) {
        self.kind = kind
        self.message = message
        self.range = range
    }
}

/// `A` column referencing `B`'s primary key.
public struct ForeignKey: Sendable, Hashable {
    /// The referenced model's name.
    public var model: String
    /// The referenced field (the model's primary key).
    public var field: String
    public var onDelete: ReferentialAction
    /// The relation's name on this side (`user` for the field `userId`).
    public var relationName: String

    public init(model: String, field: String, onDelete: ReferentialAction, relationName: String) {
        self.model = model
        self.field = field
        self.onDelete = onDelete
        self.relationName = relationName
    }
}

public enum ReferentialAction: String, Sendable, Hashable, CaseIterable {
    case cascade
    case restrict
    case setNull
    case noAction
}

/// A relation derived from a foreign key.
public struct Relation: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// This model holds the key (`Address.user`).
        case belongsTo
        /// The other model holds the key (`User.addresses`).
        case hasMany
        /// Rows of the other model a join model links to this one (`Product.tags` through `ProductTag`).
        case manyToMany
    }

    public var name: String
    public var kind: Kind
    /// The related model.
    public var model: String
    /// The foreign-key field, on whichever side holds it (`userId`); for many-to-many, the join model's key to this one.
    public var foreignKey: String
    /// Many-to-many: the join model, and its foreign-key field to the related model.
    public var through: String?
    public var throughTargetKey: String?

    public init(name: String, kind: Kind, model: String, foreignKey: String, through: String? = nil, throughTargetKey: String? = nil) {
        self.name = name
        self.kind = kind
        self.model = model
        self.foreignKey = foreignKey
        self.through = through
        self.throughTargetKey = throughTargetKey
    }

    /// Has-many and many-to-many: several rows, which `count` and `exists` apply to.
    public var isToMany: Bool { kind != .belongsTo }
}

/// A named read plan: relations to load and computed fields.
public struct Profile: Sendable, Hashable {
    public struct Computed: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// The number of related rows of a has-many relation.
            case count
            /// Whether a has-many relation has any row.
            case exists
        }

        public var name: String
        public var kind: Kind
        public var relation: String

        public init(name: String, kind: Kind, relation: String) {
            self.name = name
            self.kind = kind
            self.relation = relation
        }
    }

    public var name: String
    /// Relation names, in declaration order.
    public var includes: [String]
    public var computed: [Computed]
    public var range: SourceRange

    public init(name: String, includes: [String], computed: [Computed], range: SourceRange) {
        self.name = name
        self.includes = includes
        self.computed = computed
        self.range = range
    }
}

/// `enum OrderStatus { created paid cancelled shipped }`.
public struct EnumType: Sendable, Hashable {
    public var name: String
    /// In declaration order; each is stored as its own name.
    public var cases: [String]
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(name: String, cases: [String], doc: [String], file: String, range: SourceRange) {
        self.name = name
        self.cases = cases
        self.doc = doc
        self.file = file
        self.range = range
    }
}

/// `resource Product at "/products" { … }`: the HTTP surface of one model.
public struct Resource: Sendable, Hashable {
    /// The model's name.
    public var model: String
    /// The path prefix, normalised: leading slash, no trailing slash (`/products`).
    public var path: String
    /// The auto-CRUD operations asked for, in `CRUDOperation.allCases` order.
    public var operations: [CRUDOperation]
    public var pagination: PaginationMode
    /// Whether a request may pick the other pagination mode (`?pagination=`).
    public var paginationOverride: Bool
    /// The list's page size when a request names none (`pagination cursor limit 25`); nil: the default.
    public var pageSize: Int?
    /// OpenAPI tags; by default the model's name.
    public var tags: [String]
    /// Custom routes, in declaration order; their paths are relative to `path` already joined (`/products/low-stock`).
    public var routes: [CustomRoute]
    /// Set for a nested resource (`/users/{userId}/addresses`): rows are scoped to the parent.
    public var parent: ParentScope?
    /// What the auto-CRUD DELETE answers: 200 with the JSON `true` (the Python framework's clients expect it), or
    /// 204 with no body (`deleteStatus 204`).
    public var deleteStatus: Int = 200
    /// The fields a list request may filter on (`filterable`); nil when the resource does not say: every field.
    public var filterable: [String]?
    /// The fields a list request may sort by (`sortable`); nil: every field.
    public var sortable: [String]?
    /// The profiles `?profile=` of the auto-CRUD get and list may name (`profiles`); nil: every profile of the model.
    public var profiles: [String]?
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(
        model: String, path: String, operations: [CRUDOperation], pagination: PaginationMode, file: String,
        range: SourceRange, paginationOverride: Bool = true, tags: [String] = [], routes: [CustomRoute] = [],
        parent: ParentScope? = nil, doc: [String] = []
    ) {
        self.model = model
        self.path = path
        self.operations = operations
        self.pagination = pagination
        self.paginationOverride = paginationOverride
        self.tags = tags
        self.routes = routes
        self.parent = parent
        self.doc = doc
        self.file = file
        self.range = range
    }
}

/// The parent of a nested resource: `/users/{userId}/addresses` lists only the user's addresses, and reading another
/// user's address is a 404.
public struct ParentScope: Sendable, Hashable {
    /// The parent model (`User`).
    public var model: String
    /// The path parameter naming the parent (`userId`).
    public var parameter: String
    /// The child's foreign-key field to the parent (`userId` on `Address`).
    public var foreignKey: String

    public init(model: String, parameter: String, foreignKey: String) {
        self.model = model
        self.parameter = parameter
        self.foreignKey = foreignKey
    }
}

public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// `GET "/low-stock" -> ListLowStockProducts "List low stock products"`.
public struct CustomRoute: Sendable, Hashable {
    public var method: HTTPMethod
    /// The full path, prefix included, parameters as `{name}`.
    public var path: String
    public var useCase: String
    /// The success status (default 200, 201 for a POST that returns an entity, 204 for none).
    public var status: Int
    public var summary: String?
    public var description: String?
    /// The read profile of the returned model (`profile withAddresses`); nil for the default.
    public var profile: String?
    /// `pagination offset fixed` on the route: its list's mode; nil pages by offset.
    public var pagination: PaginationMode?
    /// Whether a request may pick the other mode: false after `fixed`.
    public var paginationOverride: Bool = true
    /// The page size when a request names none (`limit 20`); nil: the default.
    public var pageSize: Int?
    /// `cache ttl 30s` on the route: how long its answers are cached, in seconds; nil when they are not.
    public var cacheTTLSeconds: Int?
    public var range: SourceRange

    public init(
        method: HTTPMethod, path: String, useCase: String, status: Int, summary: String?, description: String?,
        profile: String? = nil, range: SourceRange
    ) {
        self.method = method
        self.path = path
        self.useCase = useCase
        self.status = status
        self.summary = summary
        self.description = description
        self.profile = profile
        self.range = range
    }
}

/// A field of a command or a parameter of a use case or job: a scalar, a model's entity, or a command.
public enum ValueType: Sendable, Hashable {
    case scalar(ScalarType)
    /// A model's entity by name.
    case model(String)
    /// A command (nested object) by name.
    case command(String)
    /// A list of models or commands.
    indirect case list(ValueType)
}

/// `command CreateUserAddress { … }`: a request body or job payload.
public struct Command: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public enum Presence: String, Sendable, Hashable {
            /// Must be present (and not null unless optional).
            case required
            /// May be absent; absent means the default, or null for an optional type.
            case optional
            /// Three-state: absent (leave alone), null (clear; only for an optional type), value.
            case patch
        }

        public var name: String
        public var type: ValueType
        public var isOptional: Bool
        public var presence: Presence
        public var defaultValue: DefaultValue?
        public var constraints: [FieldConstraint]
        public var doc: [String]
        public var range: SourceRange
        /// The column the field writes, for a model's synthesised input; nil for a declared command.
        public var column: String?

        public init(
            name: String, type: ValueType, isOptional: Bool, presence: Presence, defaultValue: DefaultValue?,
            constraints: [FieldConstraint], doc: [String], range: SourceRange, column: String? = nil
        ) {
            self.column = column
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.presence = presence
            self.defaultValue = defaultValue
            self.constraints = constraints
            self.doc = doc
            self.range = range
        }
    }

    /// Where a command comes from: declared in the schema, or synthesised by the checker as a model's input.
    public enum Origin: Sendable, Hashable {
        case declared
        /// The body of a create: every field a client may write (`User.Create`).
        case create(model: String)
        /// The body of a PATCH: every writable field, three-state (`User.Update`).
        case update(model: String)
    }

    /// The declared name, or `Create`/`Update` for a model's input (nested in the model's type).
    public var name: String
    public var fields: [Field]
    public var doc: [String]
    public var file: String
    public var range: SourceRange
    public var origin: Origin

    public init(name: String, fields: [Field], doc: [String], file: String, range: SourceRange, origin: Origin = .declared) {
        self.origin = origin
        self.name = name
        self.fields = fields
        self.doc = doc
        self.file = file
        self.range = range
    }
}

/// A named, typed input of a use case or a job (`userId: Int`).
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var type: ValueType
    public var range: SourceRange

    public init(name: String, type: ValueType, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// Where a guard or rule reads a value from.
public enum ValueSource: Sendable, Hashable {
    /// A use-case or job parameter.
    case parameter(String)
    /// A field of the body command.
    case bodyField(String)
    /// A field of a row a `load` above read (`product.stock`).
    case rowField(row: String, field: String)
    /// The Bool an `exists` statement above bound.
    case flag(String)
}

/// Runs before the user's code; a failure answers without calling it.
public enum Guard: Sendable, Hashable {
    /// `require User(userId)`, `require Product(sku: body.sku)`: the row must exist, else 404 naming the model.
    case exists(RowLookup, range: SourceRange)
    /// `load product = Product(productId)`: the row is loaded and handed to the user's code; `optional` gives nil
    /// instead of a 404; `profile` reads it in that profile (a `Profiled<Model>`).
    case load(name: String, lookup: RowLookup, optional: Bool, profile: String?, range: SourceRange)
    /// `exists known = Product(sku: body.sku)`: whether such a row exists, as a Bool; never a 404.
    case existence(name: String, lookup: RowLookup, range: SourceRange)
    /// `unique User.email(body.email)`: no other row may have this value, else a 422 on the field.
    case unique(model: String, field: String, value: ValueSource, message: String?, range: SourceRange)
}

/// A check on the input, evaluated with all the others so every violation is reported at once.
public enum Rule: Sendable, Hashable {
    /// A field constraint applied to a body field; `whenPresent` skips it when the field is absent, `condition`
    /// (`when …`) when that does not hold.
    case constraint(field: String, constraint: FieldConstraint, whenPresent: Bool, condition: StatementCondition? = nil)
    /// `rule body.quantity <= product.stock "not enough stock"`: skipped when a side is absent or `condition` fails.
    case comparison(ValueComparison, field: String, message: String, condition: StatementCondition?, range: SourceRange)
    /// A Swift predicate the user writes (`check validSku(body.sku) "…"`): its arguments, and the field reported.
    /// `condition` (`when …`) skips it when that does not hold.
    case predicate(
        function: String, arguments: [ValueSource], field: String, message: String, whenPresent: Bool,
        condition: StatementCondition?, range: SourceRange
    )
}

/// What a use case or job returns.
public enum ResultType: Sendable, Hashable {
    case none
    case entity(String)
    /// A page of a model (offset or cursor per the route).
    case page(String)
    /// A declared command used as a response type.
    case command(String)
    case scalar(ScalarType)
}

/// `usecase CreateAddress(userId: Int, body: CreateUserAddress) -> Address { … }`.
public struct UseCase: Sendable, Hashable {
    public var name: String
    /// Path parameters and other named inputs, in declaration order.
    public var parameters: [Parameter]
    /// The request body's command.
    public var body: String?
    /// The model whose filters, sort and pagination the query string may use (list use cases).
    public var query: String?
    public var guards: [Guard]
    /// Body fields set after the guards, before the rules (`compute body.slug = slugify(body.name)`), in order.
    public var computes: [Compute] = []
    public var rules: [Rule]
    public var result: ResultType
    /// Jobs this use case may dispatch, and use cases it may invoke (for the generated facade and the unused check).
    public var dispatches: [String]
    public var invokes: [String]
    /// Who may run it (`require auth …`, every one of them at once): nil when anyone may.
    public var requirement: RuleCondition?
    /// The services its context offers (`uses Mailer`), in the order written.
    public var services: [String] = []
    /// The jobs it dispatches `as caller`: they run for its caller, under the caller's rules.
    public var dispatchesAsCaller: [String] = []
    /// Declared `readonly`: it runs without a transaction, and may neither dispatch nor invoke a use case that writes.
    public var isReadOnly = false
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(
        name: String, parameters: [Parameter], body: String?, query: String?, guards: [Guard], rules: [Rule],
        result: ResultType, dispatches: [String], invokes: [String], requirement: RuleCondition? = nil, doc: [String],
        file: String, range: SourceRange
    ) {
        self.requirement = requirement
        self.name = name
        self.parameters = parameters
        self.body = body
        self.query = query
        self.guards = guards
        self.rules = rules
        self.result = result
        self.dispatches = dispatches
        self.invokes = invokes
        self.doc = doc
        self.file = file
        self.range = range
    }
}

public enum Backoff: Sendable, Hashable {
    case fixed(seconds: Double)
    /// base × 2^attempt seconds.
    case exponential(baseSeconds: Double)
}

/// `job SendRestockEmail(productId: Int, body: RestockEmail) -> Bool { … }`.
public struct Job: Sendable, Hashable {
    public var name: String
    public var queue: String
    /// Retries after the first attempt.
    public var retries: Int
    public var backoff: Backoff
    /// Seconds; nil for none.
    public var timeout: Double?
    /// -100…100: among due jobs of a queue, a higher one is claimed first.
    public var priority = 0
    public var parameters: [Parameter]
    /// The payload's command.
    public var payload: String?
    /// Guards run before the job body (`load product = Product(productId)`).
    public var loads: [Guard]
    public var result: ResultType
    /// The services its context offers (`uses Mailer`), in the order written.
    public var services: [String] = []
    /// Some use case dispatches it `as caller`: its payload carries the dispatching principal.
    public var runsAsCaller = false
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(
        name: String, queue: String, retries: Int, backoff: Backoff, timeout: Double?, parameters: [Parameter],
        payload: String?, loads: [Guard], result: ResultType, doc: [String], file: String, range: SourceRange
    ) {
        self.name = name
        self.queue = queue
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.parameters = parameters
        self.payload = payload
        self.loads = loads
        self.result = result
        self.doc = doc
        self.file = file
        self.range = range
    }
}

/// `callback MarkRestockNotified on success of SendRestockEmail`: user code run after a job ends.
public struct JobCallback: Sendable, Hashable {
    public enum Event: String, Sendable, Hashable {
        case success
        /// After the last retry failed.
        case failure
    }

    public var name: String
    public var job: String
    public var event: Event
    /// Of a group of the job's dispatches (`on success of all`, `on failure of any`), not of each job.
    public var isGroup: Bool
    public var doc: [String]
    public var file: String
    public var range: SourceRange

    public init(name: String, job: String, event: Event, isGroup: Bool = false, doc: [String], file: String, range: SourceRange) {
        self.name = name
        self.job = job
        self.event = event
        self.isGroup = isGroup
        self.doc = doc
        self.file = file
        self.range = range
    }
}

public enum CRUDOperation: String, Sendable, Hashable, CaseIterable {
    case create
    case get
    case list
    case update
    case delete
}

/// `offset` or `cursor`: the vocabulary's, which the runtime reads the same.
public typealias PaginationMode = LoomVocabulary.PaginationMode
