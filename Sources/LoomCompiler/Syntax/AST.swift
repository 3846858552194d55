/// The syntax tree of one `.loom` file: what was written, before any name is resolved or any rule checked. Every node
/// carries its source range; declarations and fields carry their doc comments, and the file keeps every comment so
/// that a formatter can reproduce them.
public struct SourceFileSyntax: Sendable, Hashable {
    public var file: SourceFile
    /// In source order.
    public var declarations: [Declaration]
    /// Every comment of the file, doc comments included, in source order.
    public var comments: [Comment]

    public init(file: SourceFile, declarations: [Declaration], comments: [Comment]) {
        self.file = file
        self.declarations = declarations
        self.comments = comments
    }
}

/// One top-level declaration. Later constructs (enum, command, usecase, job) are further cases.
public enum Declaration: Sendable, Hashable {
    case model(ModelDeclaration)
    case enumeration(EnumDeclaration)
    case resource(ResourceDeclaration)
    case command(CommandDeclaration)
    case useCase(UseCaseDeclaration)
    case job(JobDeclaration)
    case callback(CallbackDeclaration)
    case auth(AuthDeclaration)
    case service(ServiceDeclaration)

    public var range: SourceRange {
        switch self {
        case .model(let model): model.range
        case .enumeration(let enumeration): enumeration.range
        case .resource(let resource): resource.range
        case .command(let command): command.range
        case .useCase(let useCase): useCase.range
        case .job(let job): job.range
        case .callback(let callback): callback.range
        case .auth(let auth): auth.range
        case .service(let service): service.range
        }
    }

    public var doc: [String] {
        switch self {
        case .model(let model): model.doc
        case .enumeration(let enumeration): enumeration.doc
        case .resource(let resource): resource.doc
        case .command(let command): command.doc
        case .useCase(let useCase): useCase.doc
        case .job(let job): job.doc
        case .callback(let callback): callback.doc
        case .auth(let auth): auth.doc
        case .service(let service): service.doc
        }
    }
}

/// A name as written, with where it was written.
public struct Identifier: Sendable, Hashable {
    public var name: String
    public var range: SourceRange

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal: its decoded value and the range of the literal, quotes included.
public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var range: SourceRange

    public init(value: String, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A value in an argument list: `String(120)`, `@default("x")`.
public struct Literal: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case integer(Int)
        case decimal(Double)
        case string(String)
        case bool(Bool)
        /// A bare name such as `now`; which names mean something depends on where the literal is used.
        case identifier(String)
    }

    public var value: Value
    /// The literal as written, for messages and the formatter (without its label).
    public var text: String
    /// `message` in `@notBlank(message: "…")`: an argument's name, when it is given one.
    public var label: Identifier?
    /// The literal's range (without its label).
    public var range: SourceRange

    public init(value: Value, text: String, label: Identifier? = nil, range: SourceRange) {
        self.value = value
        self.text = text
        self.label = label
        self.range = range
    }
}

/// A parenthesised list of literals, `(…)`, with the range of the parentheses.
public struct ArgumentList: Sendable, Hashable {
    public var arguments: [Literal]
    public var range: SourceRange

    public init(arguments: [Literal], range: SourceRange) {
        self.arguments = arguments
        self.range = range
    }
}
