import LoomCompiler

extension LanguageServer {
    /// What the name under the cursor is (its declaration as written, its table or column, its doc comment), the
    /// route under the cursor (method, path, status, handler), and what each diagnostic there means.
    func hover(_ params: TextDocumentPositionParams) throws -> Hover? {
        let snapshot = snapshot(for: params.textDocument.uri)
        let path = Workspace.path(of: params.textDocument.uri)
        guard let lines = snapshot.texts[path] else { return nil }
        let offset = lines.offset(of: params.position)
        var sections: [String] = []
        var range: Range?
        if let occurrence = snapshot.index.occurrence(at: offset, in: path) {
            sections.append(describe(snapshot.index.symbols[occurrence.symbol], in: snapshot))
            range = lines.range(of: occurrence.range)
        } else if let endpoint = snapshot.analysis.schema.endpoints.first(where: { $0.range.file == path && $0.range.start.offset <= offset && offset <= $0.range.end.offset }) {
            sections.append(describe(endpoint))
        }
        for diagnostic in snapshot.analysis.diagnostics
        where diagnostic.range.file == path && diagnostic.range.start.offset <= offset && offset <= diagnostic.range.end.offset {
            sections.append("**\(diagnostic.code.rawValue)** \(diagnostic.code.title): \(diagnostic.code.explanation)")
        }
        guard !sections.isEmpty else { return nil }
        return Hover(contents: MarkupContent(value: sections.joined(separator: "\n\n---\n\n")), range: range)
    }

    func describe(_ symbol: SchemaSymbol, in snapshot: Workspace.Snapshot) -> String {
        var text = "```loom\n\(declarationLine(symbol, in: snapshot))\n```"
        let schema = snapshot.analysis.schema
        switch symbol.kind {
        case .model:
            if let model = schema.models.first(where: { $0.name == symbol.name }) {
                text += "\nmodel, table `\(model.table)`, \(model.fields.count) fields"
                let routes = schema.endpoints.filter { $0.resource == model.name }
                if !routes.isEmpty { text += ", \(routes.count) routes" }
            }
        case .field:
            text += "\nfield of `\(symbol.container ?? "")`"
            // The resolved field is the one declared there: a relation's is its foreign key (`productId`).
            if let field = schema.model(named: symbol.container ?? "")?.fields.first(where: { $0.range == symbol.range }) {
                text += ", column `\(field.column)`"
                if let key = field.reference { text += " (the foreign key `\(field.name)` to `\(key.model)`)" }
            }
        case .useCase:
            let routes = schema.endpoints.filter { if case .useCase(symbol.name) = $0.handler { true } else { false } }
            text += "\nuse case" + (routes.isEmpty ? "" : ", routed by " + routes.map { "`\($0.method.rawValue) \($0.path)`" }.joined(separator: ", "))
        default:
            text += "\n\(symbol.kind.spelling)" + (symbol.container.map { " of `\($0)`" } ?? "")
        }
        if !symbol.doc.isEmpty { text += "\n\n" + symbol.doc.joined(separator: "\n") }
        return text
    }

    func describe(_ endpoint: Endpoint) -> String {
        let handler: String = switch endpoint.handler {
        case .crud(let model, let operation): "\(operation.rawValue) of `\(model)` (auto-CRUD)"
        case .useCase(let name): "use case `\(name)`"
        @unknown default: "a handler"
        }
        var text = "`\(endpoint.method.rawValue) \(endpoint.path)` → \(endpoint.status), \(handler)"
        if let summary = endpoint.summary { text += "\n\n\(summary)" }
        return text
    }

    /// The declaration's first line as written (up to its `{`), blanks collapsed: `sku String(64) @unique`,
    /// `usecase AssignTicket(ticketId: Int, body: Assignment) -> Ticket`.
    private func declarationLine(_ symbol: SchemaSymbol, in snapshot: Workspace.Snapshot) -> String {
        guard let lines = snapshot.texts[symbol.range.file] else { return symbol.name }
        var text = lines.slice(symbol.range.start.offset, symbol.range.end.offset)
        if let brace = text.firstIndex(of: "{") { text = String(text[..<brace]) }
        if let newline = text.firstIndex(of: "\n"), symbol.kind != .useCase, symbol.kind != .job { text = String(text[..<newline]) }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
