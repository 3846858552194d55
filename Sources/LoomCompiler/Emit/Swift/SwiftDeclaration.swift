/// A small structured representation of the Swift that `loomgen` emits: translators build these values, and
/// `SwiftRenderer` alone decides the text (wrapping, blank lines, indentation). Just enough for declarations with
/// short bodies; bodies are statements over `SwiftExpression`s, which the renderer wraps when a line gets long.
indirect enum SwiftDeclaration {
    case type(SwiftType)
    case `extension`(SwiftExtension)
    case function(SwiftFunction)
    case variable(SwiftVariable)
    case `typealias`(name: String, type: String, access: SwiftAccess)
    /// `case a, b, c` of an enum.
    case cases([String])
    /// A doc comment over a declaration.
    case documented([String], SwiftDeclaration)
}

enum SwiftAccess: String {
    case `public`
    case `internal`
    case `private`

    /// The keyword and a space, or nothing for `internal`.
    var prefix: String { self == .internal ? "" : rawValue + " " }
}

struct SwiftType {
    enum Kind: String {
        case `struct`
        case `enum`
        case `protocol`
    }

    var kind: Kind
    var access: SwiftAccess = .public
    var name: String
    var conformances: [String] = []
    var members: [SwiftDeclaration] = []
}

struct SwiftExtension {
    var type: String
    var conformances: [String] = []
    var whereClause: String?
    var members: [SwiftDeclaration] = []
}

struct SwiftFunction {
    enum Kind {
        case function(String)
        case initializer
        /// `init?`.
        case failableInitializer
    }

    var access: SwiftAccess = .public
    var isStatic = false
    var kind: Kind
    /// `<Context: LoomRequestContext>`, without the angle brackets.
    var genericParameters: [String] = []
    var parameters: [SwiftParameter] = []
    var isAsync = false
    var isThrowing = false
    var returnType: String?
    /// Nil for a protocol's requirement.
    var body: [SwiftStatement]?
}

struct SwiftParameter {
    /// `from` in `from decoder: any Decoder`; nil when the name is the label.
    var label: String?
    var name: String
    var type: String
    var defaultValue: String?

    init(_ label: String? = nil, _ name: String, _ type: String, default defaultValue: String? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

struct SwiftVariable {
    var access: SwiftAccess = .public
    var isStatic = false
    var isConstant = false
    var name: String
    var type: String?
    var value: SwiftExpression?
    /// A computed property's getter.
    var getter: [SwiftStatement]?
}

indirect enum SwiftStatement {
    /// `prefix` then the expression: `return x`, `let a = f(…)`, or just an expression with an empty prefix.
    case expression(prefix: String, SwiftExpression)
    /// `opener {`, the body, `}`.
    case block(String, [SwiftStatement])
    /// `switch subject {` with `case pattern:` at the switch's indentation, as Swift style has it.
    case `switch`(String, [(pattern: String, body: [SwiftStatement])])
    /// `guard a, b else { … }`: one condition per line when it does not fit.
    case `guard`([String], else: String)
    /// `if a, b { … }`: one condition per line when it does not fit.
    case `if`([String], [SwiftStatement])
    /// A trailing closure: `opener` ends with its `{ parameters in`; the body, then `}`.
    case closure(String, [SwiftStatement])
    case blank

    static func line(_ text: String) -> SwiftStatement { .expression(prefix: "", .raw(text)) }
}

indirect enum SwiftExpression {
    /// An identifier, a literal or any short expression, kept on one line.
    case raw(String)
    /// `callee(label: value, …)`: one argument per line when it does not fit.
    case call(String, [SwiftArgument])
    /// `[a, b]`: one element per line (each with a comma) when it does not fit.
    case array([SwiftExpression])
    /// `callee([a, b])`, a call whose one argument is an array literal: when it does not fit, one element per line
    /// between `callee([` and `])`, so nested lists (`.all([…])`) cost one level of indentation, not two.
    case listCall(String, [SwiftExpression])
    /// A multi-line raw string literal (`#"""` … `"""#`), always on lines of its own.
    case rawString(String)
    /// `{ parameters in statements }`, always over several lines.
    case closure(parameters: String, body: [SwiftStatement])
}

struct SwiftArgument {
    var label: String?
    var value: SwiftExpression

    init(_ label: String?, _ value: SwiftExpression) {
        self.label = label
        self.value = value
    }
}
