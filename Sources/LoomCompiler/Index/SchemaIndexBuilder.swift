/// Builds a `SchemaIndex` in two passes: every declaration first (so a use may come before its declaration, in any
/// file), then every name written in every declaration, resolved by where it is written. Finding the names (a
/// `Mirror` walk, the slow part) depends on one file only and is cached per file; resolving them is look-ups.
///
/// The second pass walks the syntax with `Mirror`, so a new syntax node's identifiers are indexed without a change
/// here; what a name means comes from its label and its scope: inside a model (or a statement or resource naming
/// one, through its `model` property) a name is first a field, a relation's foreign key (`orgId`) or a profile of
/// that model, then a top-level declaration, then an enum case no other enum has.
struct SchemaIndexBuilder {
    var symbols: [SchemaSymbol] = []
    var topLevel: [String: Int] = [:]
    var members: [String: [String: Int]] = [:]
    var occurrences: [SymbolOccurrence] = []
    /// Cases by name, for a bare `admin` in a rule: only a case name declared by one enum resolves.
    private var enumCases: [String: [Int]] = [:]

    // MARK: Declarations

    mutating func declare(_ files: [SourceFileSyntax]) {
        for file in files {
            for declaration in file.declarations { declare(declaration) }
        }
    }

    private mutating func declare(_ declaration: Declaration) {
        switch declaration {
        case .model(let model):
            guard define(.model, model.name, range: model.range, doc: model.doc) else { return }
            for field in model.fields {
                let target = field.type.flatMap { $0.isList ? nil : $0.name.name }
                define(.field, field.name, in: model.name.name, range: field.range, doc: field.doc, relationTarget: target)
            }
            for profile in model.profiles {
                define(.profile, profile.name, in: model.name.name, range: profile.range, doc: profile.doc)
            }
        case .enumeration(let enumeration):
            guard define(.enumeration, enumeration.name, range: enumeration.range, doc: enumeration.doc) else { return }
            for name in enumeration.cases {
                if let symbol = define(.enumCase, name, in: enumeration.name.name, range: name.range, doc: []) {
                    enumCases[name.name, default: []].append(symbol)
                }
            }
        case .command(let command):
            guard define(.command, command.name, range: command.range, doc: command.doc) else { return }
            for field in command.fields {
                define(.commandField, field.name, in: command.name.name, range: field.range, doc: field.doc)
            }
        case .useCase(let useCase):
            define(.useCase, useCase.name, range: useCase.range, doc: useCase.doc)
        case .job(let job):
            define(.job, job.name, range: job.range, doc: job.doc)
        case .callback(let callback):
            define(.callback, callback.name, range: callback.range, doc: callback.doc)
        case .service(let service):
            guard define(.service, service.name, range: service.range, doc: service.doc) else { return }
            for method in service.methods {
                define(.serviceMethod, method.name, in: service.name.name, range: method.range, doc: method.doc)
            }
        case .auth(let auth):
            for field in auth.fields {
                define(.principalField, field.name, in: "auth", range: field.range, doc: field.doc)
            }
        case .resource:
            break
        }
    }

    /// Declares a symbol; a second declaration of a name (the checker reports it) is an occurrence of the first.
    @discardableResult
    private mutating func define(
        _ kind: SchemaSymbol.Kind, _ name: Identifier, in container: String? = nil, range: SourceRange, doc: [String],
        relationTarget: String? = nil
    ) -> Int? {
        if let container, let existing = members[container]?[name.name] {
            occurrences.append(SymbolOccurrence(symbol: existing, range: name.range, isDefinition: false))
            return nil
        }
        if container == nil, let existing = topLevel[name.name] {
            occurrences.append(SymbolOccurrence(symbol: existing, range: name.range, isDefinition: false))
            return nil
        }
        let symbol = symbols.count
        symbols.append(SchemaSymbol(
            kind: kind, name: name.name, container: container, nameRange: name.range, range: range, doc: doc,
            relationTarget: relationTarget))
        if let container { members[container, default: [:]][name.name] = symbol } else { topLevel[name.name] = symbol }
        occurrences.append(SymbolOccurrence(symbol: symbol, range: name.range, isDefinition: true))
        return symbol
    }

    @discardableResult
    private mutating func define(
        _ kind: SchemaSymbol.Kind, _ name: Identifier, range: SourceRange, doc: [String]
    ) -> Bool {
        define(kind, name, in: nil, range: range, doc: doc) != nil
    }

    // MARK: Uses

    /// Where a name is written: the container whose members it may name first (a model, a command, `auth`) and the
    /// locals of a use case or job (`load ticket = Ticket(…)`, `body: Assignment`) with their types.
    struct Scope: Sendable {
        var container: String?
        var locals: [String: String] = [:]
    }

    /// A name written in a declaration, before it is resolved: what the `Mirror` walk finds. It depends on its file
    /// alone, so it is kept per file and walked again only when the file changes (`SchemaIndex.Cache`).
    struct NameUse: Sendable {
        enum Kind: Sendable {
            /// `isTypeName`: a type reference, which names a top-level declaration only.
            case identifier(Identifier, isTypeName: Bool)
            case valueReference(ValueReference)
            case path([Identifier])
            /// A bare name as a value: `Page(Product)`, `@default(open)`.
            case value(name: String, range: SourceRange)
        }

        var kind: Kind
        /// The declaration's scope (index into `FileUses.scopes`).
        var scope: Int
        /// The `model` a statement or resource around the name names, if any: its fields come first when it is one.
        var model: String?
    }

    struct FileUses: Sendable {
        var scopes: [Scope] = []
        var uses: [NameUse] = []
    }

    /// Every name written in `file` that is not the name a declaration declares.
    static func uses(in file: SourceFileSyntax) -> FileUses {
        var walker = UseWalker()
        walker.definitions = Set(SchemaIndexBuilder.definitionNames(in: file).map(\.start.offset))
        for declaration in file.declarations {
            let scope: Scope = switch declaration {
            case .model(let model): Scope(container: model.name.name)
            case .useCase(let routine), .job(let routine): Scope(locals: routine.locals)
            case .command(let command): Scope(container: command.name.name)
            case .auth: Scope(container: "auth")
            case .resource(let resource): Scope(container: resource.model.name)
            case .enumeration, .callback, .service: Scope()
            }
            walker.output.scopes.append(scope)
            walker.scope = walker.output.scopes.count - 1
            switch declaration {
            case .model(let value): walker.walk(value)
            case .useCase(let value), .job(let value): walker.walk(value)
            case .command(let value): walker.walk(value)
            case .auth(let value): walker.walk(value)
            case .resource(let value): walker.walk(value)
            case .enumeration(let value): walker.walk(value)
            case .callback(let value): walker.walk(value)
            case .service(let value): walker.walk(value)
            }
        }
        return walker.output
    }

    /// The ranges of the names `file`'s declarations declare (skipped as uses).
    static func definitionNames(in file: SourceFileSyntax) -> [SourceRange] {
        var ranges: [SourceRange] = []
        for declaration in file.declarations {
            switch declaration {
            case .model(let model):
                ranges += [model.name.range] + model.fields.map(\.name.range) + model.profiles.map(\.name.range)
            case .enumeration(let enumeration): ranges += [enumeration.name.range] + enumeration.cases.map(\.range)
            case .command(let command): ranges += [command.name.range] + command.fields.map(\.name.range)
            case .useCase(let routine), .job(let routine): ranges.append(routine.name.range)
            case .callback(let callback): ranges.append(callback.name.range)
            case .service(let service): ranges += [service.name.range] + service.methods.map(\.name.range)
            case .auth(let auth): ranges += auth.fields.map(\.name.range)
            case .resource: break
            }
        }
        return ranges
    }

    /// The `Mirror` walk. Labels say what a name is: the language's own words (`keyword`, an attribute's `name`) are
    /// not names of the schema.
    private struct UseWalker {
        var output = FileUses()
        var scope = 0
        var definitions: Set<Int> = []

        static let keywordLabels: Set<String> = ["keyword", "effect", "readonly", "quantifier", "event", "mode", "fixed", "label"]
        static let keywordNodes: Set<String> = ["Attribute", "ModelAttribute", "RuleOperationSyntax", "JWTSettingSyntax", "ModelOption"]

        mutating func walk(_ value: Any, label: String? = nil, parent: String = "", model: String? = nil) {
            switch value {
            case let identifier as Identifier:
                if let label, Self.keywordLabels.contains(label) { return }
                if label == "name", Self.keywordNodes.contains(parent) { return }
                if definitions.contains(identifier.range.start.offset) { return }
                append(.identifier(identifier, isTypeName: parent == "TypeReference"), model: model)
            case let reference as ValueReference:
                append(.valueReference(reference), model: model)
            case let literal as Literal:
                if case .identifier(let name) = literal.value { append(.value(name: name, range: literal.range), model: model) }
            case is SourceRange, is StringLiteral, is String, is Int, is Bool, is Double, is Comment:
                return
            case let path as [Identifier] where label == "path":
                append(.path(path), model: model)
            default:
                let mirror = Mirror(reflecting: value)
                let style = mirror.displayStyle
                let typeName = style == .tuple || style == .enum || style == .optional ? parent : String(describing: mirror.subjectType)
                var model = model
                if let named = mirror.children.first(where: { $0.label == "model" })?.value as? Identifier { model = named.name }
                for child in mirror.children {
                    walk(child.value, label: child.label ?? label, parent: typeName, model: model)
                }
            }
        }

        private mutating func append(_ kind: NameUse.Kind, model: String?) {
            output.uses.append(NameUse(kind: kind, scope: scope, model: model))
        }
    }

    /// Resolves the uses of one file against the declarations of the whole schema.
    mutating func resolve(_ file: FileUses) {
        for use in file.uses {
            var scope = file.scopes[use.scope]
            if let model = use.model, let symbol = topLevel[model], symbols[symbol].kind == .model { scope.container = model }
            switch use.kind {
            case .identifier(let identifier, let isTypeName):
                if isTypeName {
                    if let symbol = topLevel[identifier.name] { record(symbol, at: identifier.range) }
                } else if let (symbol, suffix) = member(identifier.name, of: scope.container) {
                    record(symbol, at: identifier.range, suffix: suffix)
                } else if let symbol = topLevel[identifier.name] ?? uniqueEnumCase(identifier.name) {
                    record(symbol, at: identifier.range)
                }
            case .valueReference(let reference):
                resolve(reference, scope: scope)
            case .path(let path):
                resolvePath(path, scope: scope)
            case .value(let name, let range):
                if let symbol = topLevel[name] ?? uniqueEnumCase(name) { record(symbol, at: range) }
            }
        }
    }

    /// `body.assigneeId`, `ticket.status`: the base is a local (or a field of the scope's model), the member a field
    /// of its type.
    private mutating func resolve(_ reference: ValueReference, scope: Scope) {
        var baseType: String?
        if let type = scope.locals[reference.base.name] {
            baseType = type
        } else if let (symbol, suffix) = member(reference.base.name, of: scope.container) {
            record(symbol, at: reference.base.range, suffix: suffix)
            baseType = suffix.isEmpty ? symbols[symbol].relationTarget : nil
        } else if let symbol = topLevel[reference.base.name] {
            record(symbol, at: reference.base.range)
            baseType = reference.base.name
        }
        if let member = reference.member, let (symbol, suffix) = self.member(member.name, of: baseType) {
            record(symbol, at: member.range, suffix: suffix)
        }
    }

    /// `ticket.orgId`, `auth.role`, `before.status` in a rule: each name after the first is a member of the one before.
    private mutating func resolvePath(_ path: [Identifier], scope: Scope) {
        var container = scope.container
        for (position, name) in path.enumerated() {
            if position == 0, name.name == "auth" { container = "auth"; continue }
            if position == 0, name.name == "before" { continue }
            if position == 0, let type = scope.locals[name.name] { container = type; continue }
            if let (symbol, suffix) = member(name.name, of: container) {
                record(symbol, at: name.range, suffix: suffix)
                container = suffix.isEmpty ? symbols[symbol].relationTarget : nil
            } else if position == 0, let symbol = topLevel[name.name] ?? uniqueEnumCase(name.name) {
                record(symbol, at: name.range)
                container = nil
            } else {
                container = nil
            }
        }
    }

    /// A field, profile or case of `container`, or a relation named by its foreign key (`orgId` → `org`, suffix `Id`).
    private func member(_ name: String, of container: String?) -> (Int, String)? {
        guard let container, let names = members[container] else { return nil }
        if let symbol = names[name] { return (symbol, "") }
        if name.hasSuffix("Id"), let symbol = names[String(name.dropLast(2))], symbols[symbol].relationTarget.flatMap({ topLevel[$0] }) != nil {
            return (symbol, "Id")
        }
        return nil
    }

    private func uniqueEnumCase(_ name: String) -> Int? {
        guard let cases = enumCases[name], cases.count == 1 else { return nil }
        return cases[0]
    }

    private mutating func record(_ symbol: Int, at range: SourceRange, suffix: String = "") {
        occurrences.append(SymbolOccurrence(symbol: symbol, range: range, isDefinition: false, suffix: suffix))
    }
}
