/// Builds a `SchemaIndex` in two passes: every declaration first (so a use may come before its declaration, in any
/// file), then every identifier of every declaration, resolved by where it is written.
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
    private var definitionStarts: Set<SourceLocationKey> = []

    private struct SourceLocationKey: Hashable {
        var file: String
        var offset: Int
    }

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
        definitionStarts.insert(SourceLocationKey(file: name.range.file, offset: name.range.start.offset))
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
    private struct Scope {
        var container: String?
        var locals: [String: String] = [:]
    }

    mutating func resolve(_ files: [SourceFileSyntax]) {
        for file in files {
            for declaration in file.declarations {
                switch declaration {
                case .model(let model): walk(model, scope: Scope(container: model.name.name))
                case .useCase(let routine), .job(let routine): walk(routine, scope: Scope(locals: locals(of: routine)))
                case .command(let command): walk(command, scope: Scope(container: command.name.name))
                case .auth(let auth): walk(auth, scope: Scope(container: "auth"))
                case .resource(let resource): walk(resource, scope: Scope(container: resource.model.name))
                case .enumeration(let value): walk(value, scope: Scope())
                case .callback(let value): walk(value, scope: Scope())
                case .service(let value): walk(value, scope: Scope())
                }
            }
        }
    }

    private func locals(of routine: RoutineDeclaration) -> [String: String] {
        var locals: [String: String] = [:]
        for parameter in routine.parameters {
            if let type = parameter.type { locals[parameter.name.name] = type.name.name }
        }
        for statement in routine.statements {
            switch statement {
            case .load(let load): locals[load.name.name] = load.model.name
            case .exists(let exists): locals[exists.name.name] = exists.model.name
            default: break
            }
        }
        return locals
    }

    /// Labels of identifiers that are the language's own words, never a declared name.
    private static let keywordLabels: Set<String> = ["keyword", "effect", "readonly", "quantifier", "event", "mode", "fixed", "label"]
    /// Node types whose `name` is the language's own word (`@unique`, `read(…)`, `issuer`).
    private static let keywordNodes: Set<String> = ["Attribute", "ModelAttribute", "RuleOperationSyntax", "JWTSettingSyntax", "ModelOption"]

    private mutating func walk(_ value: Any, label: String? = nil, parent: String = "", scope: Scope) {
        switch value {
        case let identifier as Identifier:
            resolve(identifier, label: label, parent: parent, scope: scope)
        case let reference as ValueReference:
            resolve(reference, scope: scope)
        case let literal as Literal:
            // A bare name as a value: a model in `Page(Product)`, a case in `@default(open)`.
            if case .identifier(let name) = literal.value, let symbol = topLevel[name] ?? uniqueEnumCase(name) {
                occurrences.append(SymbolOccurrence(symbol: symbol, range: literal.range, isDefinition: false))
            }
        case is SourceRange, is StringLiteral, is String, is Int, is Bool, is Double, is Comment:
            return
        case let path as [Identifier] where label == "path":
            resolvePath(path, scope: scope)
        default:
            let mirror = Mirror(reflecting: value)
            let typeName = mirror.displayStyle == .tuple || mirror.displayStyle == .enum || mirror.displayStyle == .optional
                ? parent : String(describing: mirror.subjectType)
            var scope = scope
            // A statement or resource naming a model: its other names are that model's fields.
            if let model = mirror.children.first(where: { $0.label == "model" })?.value as? Identifier,
               let symbol = topLevel[model.name], symbols[symbol].kind == .model {
                scope.container = model.name
            }
            for child in mirror.children {
                walk(child.value, label: child.label ?? label, parent: typeName, scope: scope)
            }
        }
    }

    private mutating func resolve(_ identifier: Identifier, label: String?, parent: String, scope: Scope) {
        if let label, Self.keywordLabels.contains(label) { return }
        if label == "name", Self.keywordNodes.contains(parent) { return }
        if definitionStarts.contains(SourceLocationKey(file: identifier.range.file, offset: identifier.range.start.offset)) { return }
        if parent == "TypeReference" {
            if let symbol = topLevel[identifier.name] { record(symbol, at: identifier) }
            return
        }
        if let (symbol, suffix) = member(identifier.name, of: scope.container) {
            record(symbol, at: identifier, suffix: suffix)
        } else if let symbol = topLevel[identifier.name] {
            record(symbol, at: identifier)
        } else if let symbol = uniqueEnumCase(identifier.name) {
            record(symbol, at: identifier)
        }
    }

    /// `body.assigneeId`, `ticket.status`: the base is a local (or a field of the scope's model), the member a field
    /// of its type.
    private mutating func resolve(_ reference: ValueReference, scope: Scope) {
        var baseType: String?
        if let type = scope.locals[reference.base.name] {
            baseType = type
        } else if let (symbol, suffix) = member(reference.base.name, of: scope.container) {
            record(symbol, at: reference.base, suffix: suffix)
            baseType = suffix.isEmpty ? symbols[symbol].relationTarget : nil
        } else if let symbol = topLevel[reference.base.name] {
            record(symbol, at: reference.base)
            baseType = reference.base.name
        }
        if let member = reference.member, let (symbol, suffix) = self.member(member.name, of: baseType) {
            record(symbol, at: member, suffix: suffix)
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
                record(symbol, at: name, suffix: suffix)
                container = suffix.isEmpty ? symbols[symbol].relationTarget : nil
            } else if position == 0, let symbol = topLevel[name.name] ?? uniqueEnumCase(name.name) {
                record(symbol, at: name)
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

    private mutating func record(_ symbol: Int, at name: Identifier, suffix: String = "") {
        occurrences.append(SymbolOccurrence(symbol: symbol, range: name.range, isDefinition: false, suffix: suffix))
    }
}
