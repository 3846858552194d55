import Foundation
import LoomCompiler

extension LanguageServer {
    /// Keywords where the grammar expects them, type names where a type goes, and the names of the schema where a
    /// name goes: a model's fields in its rules, `@@unique` and its resource's `filterable`; its relations in a
    /// profile; `auth.`'s fields; a local's fields after `ticket.`; models, jobs, services and use cases after the
    /// statements that name them; attributes with their arguments after `@`.
    func completion(_ params: TextDocumentPositionParams) throws -> CompletionList {
        let snapshot = snapshot(for: params.textDocument.uri)
        let path = Workspace.path(of: params.textDocument.uri)
        guard let lines = snapshot.texts[path] else { return CompletionList(isIncomplete: false, items: []) }
        let context = CompletionContext(lines: lines, position: params.position)
        let items = completions(in: context, snapshot: snapshot)
        var seen = Set<String>()
        return CompletionList(isIncomplete: false, items: items.filter { seen.insert($0.label).inserted })
    }

    private func completions(in context: CompletionContext, snapshot: Workspace.Snapshot) -> [CompletionItem] {
        let index = snapshot.index
        let prefix = context.linePrefix
        // Inside a comment or a string: nothing.
        if prefix.contains("//") || prefix.filter({ $0 == "\"" }).count % 2 == 1 { return [] }
        if prefix.range(of: #"@@\w*$"#, options: .regularExpression) != nil {
            return Vocabulary.modelAttributes.map { Self.snippet($0, "\($0)([$1])", kind: .property, detail: "@@\($0)([field, …])") }
        }
        if prefix.range(of: #"@\w*$"#, options: .regularExpression) != nil {
            return Vocabulary.fieldAttributes.map { Self.attributeItem($0) }
        }
        if let match = prefix.range(of: #"([A-Za-z_][A-Za-z0-9_]*)\.\w*$"#, options: .regularExpression) {
            let base = String(prefix[match].split(separator: ".")[0])
            return members(after: base, in: context, snapshot: snapshot)
        }
        let words = context.words
        // The words before the one being typed.
        let before = context.endsWithSpace ? words : Array(words.dropLast())

        switch context.block {
        case .topLevel:
            return before.isEmpty ? Self.declarationItems : headerItems(before, index: index)
        case .declaration where context.isOnHeader:
            return headerItems(before, index: index)
        case .declaration(let keyword, let name):
            switch keyword {
            case "model":
                return modelBody(name, innerBlock: context.innerBlock, before: before, snapshot: snapshot)
            case "command", "auth":
                if before.count == 1 { return typeItems(index, includeModels: false) }
                if before.isEmpty { return context.innerBlock == nil && keyword == "auth" ? [Self.keyword("jwt")] : [] }
                return []
            case "resource":
                return resourceBody(name, before: before, snapshot: snapshot)
            case "usecase", "job":
                return routineBody(keyword, before: before, words: words, index: index)
            case "enum", "service", "callback":
                return before.count >= 1 && keyword == "service" ? typeItems(index, includeModels: false) : []
            default:
                return []
            }
        }
    }

    private func headerItems(_ before: [String], index: SchemaIndex) -> [CompletionItem] {
        guard let keyword = before.first else { return Self.declarationItems }
        let last = before.last ?? ""
        switch keyword {
        case "resource":
            if before.count == 1 || last == "under" { return names(index, [.model]) }
            if before.count == 2 { return [Self.keyword("at")] }
            return [Self.keyword("under")]
        case "model":
            return before.count >= 2 ? Vocabulary.modelOptions.map(Self.keyword) : []
        case "usecase", "job", "service":
            if last == "->" || last.hasSuffix(":") || last.hasSuffix("(") || last == "Page(" { return typeItems(index, includeModels: true) + [Self.snippet("Page", "Page($1)", kind: .class, detail: "a page of a model")] }
            return before.count >= 2 ? [Self.keyword("readonly")] : []
        case "callback":
            if last == "of" || last == "all" { return names(index, [.job]) }
            if last == "on" { return Vocabulary.callbackEvents.map(Self.keyword) }
            if Vocabulary.callbackEvents.contains(last) { return [Self.keyword("of")] }
            return [Self.keyword("on")]
        default:
            return []
        }
    }

    private func modelBody(_ model: String, innerBlock: String?, before: [String], snapshot: Workspace.Snapshot) -> [CompletionItem] {
        let index = snapshot.index
        if innerBlock == "profile" {
            if before.isEmpty { return Vocabulary.profileMembers.map(Self.keyword) }
            if before.first == "count", before.count >= 2, before.last != "as" { return [Self.keyword("as")] }
            return relations(of: model, snapshot: snapshot)
        }
        guard let first = before.first else {
            return Vocabulary.modelMembers.map(Self.keyword)
                + Vocabulary.modelAttributes.map { Self.snippet("@@\($0)", "@@\($0)([$1])", kind: .property, detail: "a constraint over fields") }
        }
        switch first {
        case "allow", "deny":
            if before.count == 1 { return Vocabulary.ruleOperations.map(Self.keyword) }
            if !before.contains("when") { return [Self.keyword("when")] }
            return fields(of: model, index: index) + [Self.keyword("auth"), Self.keyword("before"), Self.keyword("exists")]
                + names(index, [.enumCase])
        case "cache":
            return before.count == 1 ? [Self.keyword("ttl")] : []
        case "profile":
            return []
        default:
            // `name Type …`: the type, then attributes.
            if before.count == 1 { return typeItems(index, includeModels: true) }
            if before.count == 2 && !before[1].contains("[") { return [Self.keyword("through")] + Vocabulary.fieldAttributes.map { Self.attributeItem($0, at: true) } }
            if before.last == "through" { return names(index, [.model]) }
            return Vocabulary.fieldAttributes.map { Self.attributeItem($0, at: true) }
        }
    }

    private func resourceBody(_ model: String, before: [String], snapshot: Workspace.Snapshot) -> [CompletionItem] {
        let index = snapshot.index
        guard let first = before.first else {
            return Vocabulary.resourceMembers.map(Self.keyword) + Vocabulary.httpMethods.map {
                Self.snippet($0, "\($0) \"$1\" -> $2", kind: .keyword, detail: "a custom route to a use case")
            }
        }
        switch first {
        case "filterable", "sortable": return fields(of: model, index: index)
        case "profiles": return names(index.members(of: model).values.filter { index.symbols[$0].kind == .profile }, index)
        case "pagination": return paginationOptions(after: before)
        case "crud": return Vocabulary.crudOperations.map(Self.keyword)
        default:
            if Vocabulary.httpMethods.contains(first) {
                if before.last == "->" { return names(index, [.useCase]) }
                if let pagination = before.lastIndex(of: "pagination") { return paginationOptions(after: Array(before[pagination...])) }
                if before.count >= 3 { return Vocabulary.routeOptions.map(Self.keyword) }
            }
            return []
        }
    }

    /// After `pagination`: a mode, then `fixed` and `limit` (each once); nothing where `limit` wants its number.
    private func paginationOptions(after words: [String]) -> [CompletionItem] {
        if words.count <= 1 { return Vocabulary.paginationModes.map(Self.keyword) }
        if words.last == "limit" { return [] }
        return Vocabulary.paginationOptions.filter { !words.contains($0) }.map(Self.keyword)
    }

    private func routineBody(_ keyword: String, before: [String], words: [String], index: SchemaIndex) -> [CompletionItem] {
        // Inside `Product(` of a `require` or `load`: the model's fields, to look the row up by.
        if let word = words.last, let open = word.lastIndex(of: "("), !word[open...].contains(")"),
           let model = Optional(String(word[..<open]).trimmingCharacters(in: CharacterSet(charactersIn: "="))),
           let symbol = index.topLevelSymbol(named: model), index.symbols[symbol].kind == .model {
            return fields(of: model, index: index).map { item in
                var item = item
                item.insertText = "\(item.label): "
                return item
            }
        }
        guard let first = before.first else {
            return (keyword == "job" ? Vocabulary.jobStatements : Vocabulary.useCaseStatements).map(Self.keyword)
        }
        switch first {
        case "dispatch": return names(index, [.job])
        case "uses": return names(index, [.service])
        case "invoke": return names(index, [.useCase])
        case "require":
            return before.count == 1 ? names(index, [.model]) + [Self.keyword("auth")] : []
        case "load", "exists":
            return before.last == "=" ? names(index, [.model]) : []
        case "backoff": return ["fixed", "exponential"].map(Self.keyword)
        default: return []
        }
    }

    /// After `base.`: `auth.` the principal's fields; a local or a parameter its type's fields; a relation its
    /// target's; a model its own.
    private func members(after base: String, in context: CompletionContext, snapshot: Workspace.Snapshot) -> [CompletionItem] {
        let index = snapshot.index
        if base == "auth" { return names(Array(index.members(of: "auth").values), index) }
        var type: String?
        if index.topLevelSymbol(named: base) != nil { type = base }
        if case .declaration(let keyword, let name) = context.block {
            if keyword == "model" || keyword == "resource" {
                if base == "before" { type = name }
                if let field = index.members(of: name)[base] { type = index.symbols[field].relationTarget }
            }
            if keyword == "usecase" || keyword == "job",
               let routine = snapshot.analysis.files.lazy.flatMap(\.declarations).compactMap({ declaration -> RoutineDeclaration? in
                   switch declaration {
                   case .useCase(let routine), .job(let routine): routine.name.name == name ? routine : nil
                   default: nil
                   }
               }).first, let local = routine.locals[base] {
                type = local
            }
        }
        guard let type else { return [] }
        return fields(of: type, index: index)
    }

    private func fields(of container: String, index: SchemaIndex) -> [CompletionItem] {
        var items: [CompletionItem] = []
        for (name, symbol) in index.members(of: container).sorted(by: { $0.key < $1.key }) {
            let entry = index.symbols[symbol]
            guard entry.kind == .field || entry.kind == .commandField || entry.kind == .principalField else { continue }
            items.append(Self.item(name, kind: .field, detail: "\(entry.kind.spelling) of \(container)", doc: entry.doc))
            if let target = entry.relationTarget, index.topLevelSymbol(named: target).map({ index.symbols[$0].kind == .model }) == true {
                items.append(Self.item(name + "Id", kind: .field, detail: "the foreign key of \(name), to \(target)", doc: []))
            }
        }
        return items
    }

    /// The relations a profile may include: the model's to-one relations and the has-many and many-to-many ones the
    /// checker found (by their names in the resolved schema).
    private func relations(of model: String, snapshot: Workspace.Snapshot) -> [CompletionItem] {
        guard let resolved = snapshot.analysis.schema.models.first(where: { $0.name == model }) else { return [] }
        return resolved.relations.map { Self.item($0.name, kind: .field, detail: "relation of \(model)", doc: []) }
    }

    private func typeItems(_ index: SchemaIndex, includeModels: Bool) -> [CompletionItem] {
        let scalars = Vocabulary.scalarTypes.map { name in
            name == "String" ? Self.snippet("String", "String($1)", kind: .class, detail: "VARCHAR(n)")
                : name == "Decimal" ? Self.snippet("Decimal", "Decimal($1, $2)", kind: .class, detail: "NUMERIC(p, s)")
                : Self.item(name, kind: .class, detail: "scalar type", doc: [])
        }
        return scalars + names(index, includeModels ? [.model, .enumeration, .command] : [.enumeration, .command])
    }

    private func names(_ index: SchemaIndex, _ kinds: Set<SchemaSymbol.Kind>) -> [CompletionItem] {
        if kinds == [.enumCase] {
            return names(index.symbols.indices.filter { index.symbols[$0].kind == .enumCase }, index)
        }
        return names(index.topLevelNames(kinds).compactMap { index.topLevelSymbol(named: $0) }, index)
    }

    private func names(_ symbols: [Int], _ index: SchemaIndex) -> [CompletionItem] {
        symbols.map { index.symbols[$0] }.sorted { $0.name < $1.name }.map { symbol in
            Self.item(symbol.name, kind: CompletionKind(symbol.kind), detail: symbol.kind.spelling + (symbol.container.map { " of \($0)" } ?? ""), doc: symbol.doc)
        }
    }

    // MARK: Items

    enum CompletionKind: Int {
        case keyword = 14, snippet = 15, `class` = 7, field = 5, property = 10, enumMember = 20, function = 3, module = 9, `enum` = 13, `struct` = 22, event = 23

        init(_ kind: SchemaSymbol.Kind) {
            switch kind {
            case .model: self = .class
            case .field, .commandField, .principalField: self = .field
            case .profile: self = .property
            case .enumeration: self = .enum
            case .enumCase: self = .enumMember
            case .command: self = .struct
            case .useCase, .job, .serviceMethod: self = .function
            case .callback: self = .event
            case .service: self = .module
            }
        }
    }

    static func item(_ label: String, kind: CompletionKind, detail: String?, doc: [String]) -> CompletionItem {
        CompletionItem(
            label: label, kind: kind.rawValue, detail: detail,
            documentation: doc.isEmpty ? nil : MarkupContent(value: doc.joined(separator: "\n")))
    }

    static func keyword(_ word: String) -> CompletionItem {
        CompletionItem(label: word, kind: CompletionKind.keyword.rawValue, detail: "keyword")
    }

    static func snippet(_ label: String, _ body: String, kind: CompletionKind, detail: String) -> CompletionItem {
        CompletionItem(label: label, kind: kind.rawValue, detail: detail, insertText: body, insertTextFormat: 2)
    }

    /// `@default($1)`, `@onDelete(${1|cascade,restrict,setNull|})`: an attribute with its arguments as placeholders.
    static func attributeItem(_ name: String, at: Bool = false) -> CompletionItem {
        let arguments: String = switch name {
        case "default", "minLength", "maxLength", "relation", "pattern", "oneOf": "($1)"
        case "range": "(${1:min}, ${2:max})"
        case "onDelete": "(${1|cascade,restrict,setNull|})"
        default: ""
        }
        let label = (at ? "@" : "") + name
        return CompletionItem(
            label: label, kind: CompletionKind.property.rawValue, detail: "attribute", insertText: label + arguments,
            insertTextFormat: arguments.isEmpty ? nil : 2)
    }

    static let declarationItems: [CompletionItem] = [
        snippet("model", "model ${1:Name} {\n  id  Int  @id @autoincrement\n  $0\n}", kind: .keyword, detail: "a table"),
        snippet("enum", "enum ${1:Name} { $0 }", kind: .keyword, detail: "named values"),
        snippet("resource", "resource ${1:Model} at \"/${2:path}\" {\n  crud\n}", kind: .keyword, detail: "routes for a model"),
        snippet("command", "command ${1:Name} {\n  $0\n}", kind: .keyword, detail: "a request or answer body"),
        snippet("usecase", "usecase ${1:Name}($2) -> ${3:Type} {\n  $0\n}", kind: .keyword, detail: "an operation with guards and rules"),
        snippet("job", "job ${1:Name}($2) -> ${3:Bool} {\n  queue ${4:default}\n}", kind: .keyword, detail: "background work"),
        snippet("callback", "callback ${1:Name} on ${2|success,failure|} of ${3:Job}", kind: .keyword, detail: "runs after a job"),
        snippet("service", "service ${1:Name} {\n  $0\n}", kind: .keyword, detail: "an injected dependency"),
        snippet("auth", "auth {\n  id  Int  @claim(\"sub\")\n}", kind: .keyword, detail: "who calls the API"),
    ]
}
