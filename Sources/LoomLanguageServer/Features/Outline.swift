import LoomCompiler

extension LanguageServer {
    /// Each declaration with its members (fields, profiles, cases, methods, routes) for the outline and breadcrumbs.
    func documentSymbols(_ params: DocumentSymbolParams) throws -> [DocumentSymbol] {
        let snapshot = snapshot(for: params.textDocument.uri)
        let path = Workspace.path(of: params.textDocument.uri)
        guard let lines = snapshot.texts[path], let syntax = snapshot.analysis.syntax(of: path) else { return [] }
        func symbol(_ name: Identifier, _ kind: SymbolKind, _ range: SourceRange, detail: String? = nil, children: [DocumentSymbol]? = nil) -> DocumentSymbol {
            // The protocol requires the selection range inside the range.
            let outer = range.start.offset <= name.range.start.offset && name.range.end.offset <= range.end.offset ? range : name.range
            return DocumentSymbol(
                name: name.name, detail: detail, kind: kind.rawValue, range: lines.range(of: outer),
                selectionRange: lines.range(of: name.range), children: children)
        }
        return syntax.declarations.compactMap { declaration in
            switch declaration {
            case .model(let model):
                let fields = model.fields.map { symbol($0.name, .field, $0.range, detail: $0.type.map { lines.slice($0.range.start.offset, $0.range.end.offset) }) }
                let profiles = model.profiles.map { symbol($0.name, .property, $0.range, detail: "profile") }
                return symbol(model.name, .class, model.range, detail: "model", children: fields + profiles)
            case .enumeration(let enumeration):
                return symbol(enumeration.name, .enum, enumeration.range, detail: "enum", children: enumeration.cases.map { symbol($0, .enumMember, $0.range) })
            case .command(let command):
                return symbol(command.name, .struct, command.range, detail: "command", children: command.fields.map { symbol($0.name, .field, $0.range) })
            case .useCase(let routine):
                return symbol(routine.name, .function, routine.range, detail: "usecase")
            case .job(let routine):
                return symbol(routine.name, .function, routine.range, detail: "job")
            case .callback(let callback):
                return symbol(callback.name, .event, callback.range, detail: "callback")
            case .service(let service):
                return symbol(service.name, .interface, service.range, detail: "service", children: service.methods.map { symbol($0.name, .method, $0.range) })
            case .auth(let auth):
                return symbol(auth.keyword, .object, auth.range, detail: "auth", children: auth.fields.map { symbol($0.name, .field, $0.range) })
            case .resource(let resource):
                let routes: [DocumentSymbol] = snapshot.analysis.schema.endpoints
                    .filter { $0.range.file == path && resource.range.start.offset <= $0.range.start.offset && $0.range.end.offset <= resource.range.end.offset }
                    .map { DocumentSymbol(name: "\($0.method.rawValue) \($0.path)", detail: describe($0), kind: SymbolKind.method.rawValue, range: lines.range(of: $0.range), selectionRange: lines.range(of: $0.range), children: nil) }
                return symbol(resource.model, .module, resource.range, detail: "resource" + (resource.path.map { " at \($0.value)" } ?? ""), children: routes)
            }
        }
    }

    /// A fold per multi-line declaration and per multi-line block inside one (profiles, `jwt`), and per run of
    /// comment lines.
    func foldingRanges(_ params: DocumentSymbolParams) throws -> [FoldingRange] {
        guard let lines = workspace.document(uri: params.textDocument.uri)?.lines ?? snapshot(for: params.textDocument.uri).texts[Workspace.path(of: params.textDocument.uri)] else { return [] }
        var ranges: [FoldingRange] = []
        var open: [Int] = []
        var commentStart: Int?
        for index in 0..<lines.lineCount {
            let line = lines.line(index).trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("//") {
                if commentStart == nil { commentStart = index }
                continue
            }
            if let start = commentStart, index - 1 > start { ranges.append(FoldingRange(startLine: start, endLine: index - 1, kind: "comment")) }
            commentStart = nil
            var inString = false
            var previous: Character = " "
            for character in line {
                if inString { if character == "\"" && previous != "\\" { inString = false } }
                else if character == "\"" { inString = true }
                else if character == "/" && previous == "/" { break }
                else if character == "{" { open.append(index) }
                else if character == "}", let start = open.popLast(), index > start { ranges.append(FoldingRange(startLine: start, endLine: index - 1, kind: "region")) }
                previous = character
            }
        }
        if let start = commentStart, lines.lineCount - 1 > start { ranges.append(FoldingRange(startLine: start, endLine: lines.lineCount - 1, kind: "comment")) }
        return ranges.sorted { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }

    enum SymbolKind: Int {
        case module = 2, `class` = 5, method = 6, property = 7, field = 8, `enum` = 10, interface = 11, function = 12, object = 19, enumMember = 22, `struct` = 23, event = 24
    }
}
