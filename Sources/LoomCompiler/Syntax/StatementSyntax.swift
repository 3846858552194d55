/// One line of a use-case or job body. Both bodies share one grammar; the checker says which statements each
/// allows (a job takes options and loads, a use case guards, rules, invokes and dispatches).
public enum Statement: Sendable, Hashable {
    /// `require User(userId)`: 404 naming the model when the row does not exist.
    case require(RequireStatement)
    /// `require auth`, `require auth.role in [agent, admin]`: 401 without a principal, 403 when the condition fails.
    case requireAuth(RequireAuthStatement)
    /// `load user = User(userId)`, `load user = User(userId)?`, `load product = Product(sku: sku) profile withStock`.
    case load(LoadStatement)
    /// `exists known = Product(sku: body.sku)`: whether such a row exists, as a Bool the statements below may read.
    case exists(ExistsStatement)
    /// `compute body.slug = slugify(body.name)`: a body field set before the rules run.
    case compute(ComputeStatement)
    /// `unique User.email(body.email) "email already exists"`.
    case unique(UniqueStatement)
    /// `rule body.fullName @notBlank(message: "full_name must not be blank")`.
    case rule(RuleStatement)
    /// `rule body.quantity <= product.stock "not enough stock"`: a comparison of two values.
    case compare(CompareRuleStatement)
    /// `check validEmail(body.email) on email "email must be valid"`.
    case check(CheckStatement)
    /// `invoke BuildSummary` (a use case) or `dispatch SendRestockEmail` (a job).
    case invoke(ReferenceStatement)
    case dispatch(ReferenceStatement)
    /// `uses Mailer`: a service the body's Swift reaches through its context.
    case uses(ReferenceStatement)
    /// `queue notifications`, `retries 2`, `backoff exponential 1`, `timeout 30` (jobs only).
    case option(JobOptionStatement)

    public var range: SourceRange {
        switch self {
        case .require(let statement): statement.range
        case .requireAuth(let statement): statement.range
        case .load(let statement): statement.range
        case .exists(let statement): statement.range
        case .compute(let statement): statement.range
        case .unique(let statement): statement.range
        case .rule(let statement): statement.range
        case .compare(let statement): statement.range
        case .check(let statement): statement.range
        case .invoke(let statement), .dispatch(let statement), .uses(let statement): statement.range
        case .option(let statement): statement.range
        }
    }

    /// The statement's first word, for messages.
    public var keyword: Identifier {
        switch self {
        case .require(let statement): statement.keyword
        case .requireAuth(let statement): statement.keyword
        case .load(let statement): statement.keyword
        case .exists(let statement): statement.keyword
        case .compute(let statement): statement.keyword
        case .unique(let statement): statement.keyword
        case .rule(let statement): statement.keyword
        case .compare(let statement): statement.keyword
        case .check(let statement): statement.keyword
        case .invoke(let statement), .dispatch(let statement), .uses(let statement): statement.keyword
        case .option(let statement): statement.keyword
        }
    }
}

/// `require auth` or `require <condition on auth>`: who may run the use case.
public struct RequireAuthStatement: Sendable, Hashable {
    public var keyword: Identifier
    /// `auth` alone, or a condition over the principal (`auth.role in [agent, admin]`); nil when the parser reported it.
    public var condition: RuleExpressionSyntax?
    public var range: SourceRange

    public init(keyword: Identifier, condition: RuleExpressionSyntax?, range: SourceRange) {
        self.keyword = keyword
        self.condition = condition
        self.range = range
    }
}

/// `require Model(key)` or `require Model(field: value)`.
public struct RequireStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var model: Identifier
    /// Nil when missing; the parser has reported it.
    public var key: ValueReference?
    /// `sku` in `Product(sku: body.sku)`: a unique field looked up instead of the key.
    public var field: Identifier?
    public var range: SourceRange

    public init(keyword: Identifier, model: Identifier, key: ValueReference?, field: Identifier? = nil, range: SourceRange) {
        self.keyword = keyword
        self.model = model
        self.key = key
        self.field = field
        self.range = range
    }
}

/// `load name = Model(key)` or `load name = Model(field: value)`, with a trailing `?` when a missing row gives nil
/// instead of a 404, and `profile name` to read the row in that profile.
public struct LoadStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var name: Identifier
    public var model: Identifier
    public var key: ValueReference?
    /// `sku` in `Product(sku: sku)`: a unique field looked up instead of the key.
    public var field: Identifier?
    public var optionalMark: SourceRange?
    public var profile: Identifier?
    public var range: SourceRange

    public init(
        keyword: Identifier, name: Identifier, model: Identifier, key: ValueReference?, field: Identifier? = nil,
        optionalMark: SourceRange?, profile: Identifier? = nil, range: SourceRange
    ) {
        self.keyword = keyword
        self.name = name
        self.model = model
        self.key = key
        self.field = field
        self.optionalMark = optionalMark
        self.profile = profile
        self.range = range
    }
}

/// `exists name = Model(key)` or `exists name = Model(field: value)`: a Bool, never a 404.
public struct ExistsStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var name: Identifier
    public var model: Identifier
    public var key: ValueReference?
    /// The field looked up; nil for the key. Any field: `Order(userId: userId)` asks whether the user has orders.
    public var field: Identifier?
    public var range: SourceRange

    public init(
        keyword: Identifier, name: Identifier, model: Identifier, key: ValueReference?, field: Identifier?, range: SourceRange
    ) {
        self.keyword = keyword
        self.name = name
        self.model = model
        self.key = key
        self.field = field
        self.range = range
    }
}

/// What `compute` assigns, as written: a value, a literal, a sum or product of two, or a call of a Swift function
/// the user writes.
public indirect enum ComputedValueSyntax: Sendable, Hashable {
    case reference(ValueReference)
    case literal(Literal)
    case call(function: Identifier, arguments: [ValueReference])
    /// `left * right` or `left + right`, each a reference or a literal.
    case arithmetic(ComputedValueSyntax, ArithmeticOperator, ComputedValueSyntax, operatorRange: SourceRange)
}

/// The arithmetic a `compute` may do: one `+` or `*` of two numbers of one type.
public enum ArithmeticOperator: String, Sendable, Hashable {
    case plus = "+"
    case times = "*"
}

/// `compute body.field = value (when condition)?`.
public struct ComputeStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var target: ValueReference
    /// Nil when missing; the parser has reported it.
    public var value: ComputedValueSyntax?
    public var condition: RuleExpressionSyntax?
    public var range: SourceRange

    public init(
        keyword: Identifier, target: ValueReference, value: ComputedValueSyntax?, condition: RuleExpressionSyntax?,
        range: SourceRange
    ) {
        self.keyword = keyword
        self.target = target
        self.value = value
        self.condition = condition
        self.range = range
    }
}

/// `rule left op right (on field)? "message" (when condition)?`: two values compared, a violation when it fails.
public struct CompareRuleStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var comparison: RuleExpressionSyntax
    public var field: Identifier?
    /// Nil when missing; the parser has reported it.
    public var message: StringLiteral?
    public var condition: RuleExpressionSyntax?
    public var range: SourceRange

    public init(
        keyword: Identifier, comparison: RuleExpressionSyntax, field: Identifier?, message: StringLiteral?,
        condition: RuleExpressionSyntax?, range: SourceRange
    ) {
        self.keyword = keyword
        self.comparison = comparison
        self.field = field
        self.message = message
        self.condition = condition
        self.range = range
    }
}

/// `unique Model.field(value) "message"?`.
public struct UniqueStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var model: Identifier
    public var field: Identifier
    public var value: ValueReference?
    public var message: StringLiteral?
    public var range: SourceRange

    public init(
        keyword: Identifier, model: Identifier, field: Identifier, value: ValueReference?, message: StringLiteral?,
        range: SourceRange
    ) {
        self.keyword = keyword
        self.model = model
        self.field = field
        self.value = value
        self.message = message
        self.range = range
    }
}

/// `rule body.field @constraint+`: the constraint attributes a model field takes, messages included
/// (`@notBlank(message: "…")`).
public struct RuleStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var target: ValueReference
    public var constraints: [Attribute]
    /// `when body.y != null`: the rule runs only when it holds.
    public var condition: RuleExpressionSyntax?
    public var range: SourceRange

    public init(
        keyword: Identifier, target: ValueReference, constraints: [Attribute], condition: RuleExpressionSyntax? = nil,
        range: SourceRange
    ) {
        self.keyword = keyword
        self.target = target
        self.constraints = constraints
        self.condition = condition
        self.range = range
    }
}

/// `check function(argument, …) (on field)? "message" (when condition)?`: a Swift predicate the user writes.
public struct CheckStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var function: Identifier
    public var arguments: [ValueReference]
    /// The field the violation is reported on; by default the first argument's.
    public var field: Identifier?
    /// Nil when missing; the parser has reported it.
    public var message: StringLiteral?
    /// `when …`: the predicate is called only when it holds.
    public var condition: RuleExpressionSyntax?
    public var range: SourceRange

    public init(
        keyword: Identifier, function: Identifier, arguments: [ValueReference], field: Identifier?,
        message: StringLiteral?, range: SourceRange
    ) {
        self.keyword = keyword
        self.function = function
        self.arguments = arguments
        self.field = field
        self.message = message
        self.range = range
    }
}

/// `invoke UseCase` / `dispatch Job`.
public struct ReferenceStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var target: Identifier
    /// `as caller` after a dispatch's job: the job runs for the dispatching caller, under its rules.
    public var asCaller: SourceRange?
    public var range: SourceRange

    public init(keyword: Identifier, target: Identifier, asCaller: SourceRange? = nil, range: SourceRange) {
        self.keyword = keyword
        self.target = target
        self.asCaller = asCaller
        self.range = range
    }
}

/// `queue name`, `retries n`, `backoff fixed|exponential seconds`, `timeout seconds`: the keyword and the values
/// that follow it on its line.
public struct JobOptionStatement: Sendable, Hashable {
    public var keyword: Identifier
    public var values: [Literal]
    public var range: SourceRange

    public init(keyword: Identifier, values: [Literal], range: SourceRange) {
        self.keyword = keyword
        self.values = values
        self.range = range
    }
}
