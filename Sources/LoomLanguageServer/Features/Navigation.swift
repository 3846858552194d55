import Foundation
import LoomCompiler

extension LanguageServer {
    func definition(_ params: TextDocumentPositionParams) throws -> [Location] {
        let snapshot = snapshot(for: params.textDocument.uri)
        guard let occurrence = occurrence(at: params.position, uri: params.textDocument.uri, in: snapshot) else { return [] }
        let symbol = snapshot.index.symbols[occurrence.symbol]
        return location(of: symbol.nameRange, in: snapshot).map { [$0] } ?? []
    }

    func references(_ params: ReferenceParams) throws -> [Location] {
        let snapshot = snapshot(for: params.textDocument.uri)
        guard let occurrence = occurrence(at: params.position, uri: params.textDocument.uri, in: snapshot) else { return [] }
        let includeDeclaration = params.context?.includeDeclaration ?? true
        return snapshot.index.occurrences(of: occurrence.symbol)
            .filter { includeDeclaration || !$0.isDefinition }
            .compactMap { location(of: $0.range, in: snapshot) }
    }

    func prepareRename(_ params: TextDocumentPositionParams) throws -> PrepareRenameResult? {
        let snapshot = snapshot(for: params.textDocument.uri)
        let (occurrence, symbol) = try renameTarget(at: params.position, uri: params.textDocument.uri, in: snapshot)
        guard let lines = snapshot.texts[occurrence.range.file] else { return nil }
        return PrepareRenameResult(range: lines.range(of: occurrence.range), placeholder: symbol.name)
    }

    /// The renamable name under the cursor, or the reason there is none (both rename requests answer it).
    private func renameTarget(at position: Position, uri: String, in snapshot: Workspace.Snapshot) throws -> (SymbolOccurrence, SchemaSymbol) {
        guard let occurrence = occurrence(at: position, uri: uri, in: snapshot) else {
            throw ResponseError.requestFailed("nothing to rename here: put the cursor on a declared name")
        }
        let symbol = snapshot.index.symbols[occurrence.symbol]
        guard Self.renamable.contains(symbol.kind) else {
            throw ResponseError.requestFailed("a \(symbol.kind.spelling) cannot be renamed here")
        }
        return (occurrence, symbol)
    }

    /// Every occurrence of the symbol, its declaration included, in every file of the schema; a relation named by its
    /// foreign key (`orgId`) keeps the suffix. The database keeps its names: a renamed field gets `@column("old")`
    /// and a renamed model `table "old"` when they had neither, so no migration is needed and no data moves; the
    /// server says so, and how to rename the column or table as well.
    func rename(_ params: RenameParams) throws -> WorkspaceEdit {
        let snapshot = snapshot(for: params.textDocument.uri)
        let (occurrence, symbol) = try renameTarget(at: params.position, uri: params.textDocument.uri, in: snapshot)
        guard Self.isIdentifier(params.newName) else {
            throw ResponseError.requestFailed("'\(params.newName)' is not a name: letters, digits and _, not starting with a digit")
        }
        if symbol.container == nil, let existing = snapshot.index.topLevelSymbol(named: params.newName), existing != occurrence.symbol {
            throw ResponseError.requestFailed("'\(params.newName)' is already the name of a \(snapshot.index.symbols[existing].kind.spelling)")
        }
        if let container = symbol.container, let existing = snapshot.index.members(of: container)[params.newName], existing != occurrence.symbol {
            throw ResponseError.requestFailed("'\(container)' already has '\(params.newName)'")
        }
        var changes: [String: [TextEdit]] = [:]
        for use in snapshot.index.occurrences(of: occurrence.symbol) {
            guard let lines = snapshot.texts[use.range.file] else { continue }
            changes[workspace.uri(of: use.range.file), default: []].append(
                TextEdit(range: lines.range(of: use.range), newText: params.newName + use.suffix))
        }
        if let (edit, message) = keepingStoredName(of: symbol, in: snapshot), let lines = snapshot.texts[symbol.nameRange.file] {
            let at = lines.position(ofOffset: edit.offset)
            changes[workspace.uri(of: symbol.nameRange.file), default: []].append(
                TextEdit(range: Range(start: at, end: at), newText: edit.text))
            notify(message, type: 3)
        }
        return WorkspaceEdit(changes: changes)
    }

    /// What keeps a renamed model's table or field's column: the text to insert and where, and what to tell the user.
    /// Nil when the declaration names its table or column already, or stores nothing (a `through` list).
    private func keepingStoredName(of symbol: SchemaSymbol, in snapshot: Workspace.Snapshot) -> (edit: (offset: Int, text: String), message: String)? {
        let declarations = snapshot.analysis.files.first { $0.file.path == symbol.nameRange.file }?.declarations ?? []
        for case .model(let model) in declarations {
            if symbol.kind == .model, model.name.range == symbol.nameRange {
                let hasTable = model.options.contains { if case .table = $0.kind { true } else { false } }
                guard !hasTable, let table = snapshot.analysis.schema.models.first(where: { $0.name == symbol.name })?.table else { return nil }
                return ((model.name.range.end.offset, " table \"\(table)\""),
                        "'\(symbol.name)' keeps its table '\(table)' (table \"\(table)\" added), so no migration is needed. To rename "
                            + "the table too, remove it and run loomgen migrate new: the diff writes a drop and a create, "
                            + "which you edit into ALTER TABLE … RENAME TO to keep the rows.")
            }
            guard symbol.kind == .field, model.name.name == symbol.container,
                  let field = model.fields.first(where: { $0.name.range == symbol.nameRange }) else { continue }
            guard field.through == nil, !field.attributes.contains(where: { $0.name.name == "column" }),
                  let resolved = snapshot.analysis.schema.models.first(where: { $0.name == model.name.name }),
                  let column = resolved.fields.first(where: { $0.range == field.range })?.column else { return nil }
            return ((field.range.end.offset, " @column(\"\(column)\")"),
                    "'\(symbol.qualifiedName)' keeps its column '\(column)' (@column(\"\(column)\") added), so no migration is "
                        + "needed. To rename the column too, remove it and run loomgen migrate new: the diff writes a drop and "
                        + "an add, which you edit into ALTER TABLE … RENAME COLUMN to keep the data.")
        }
        return nil
    }

    static let renamable: Set<SchemaSymbol.Kind> = [.model, .field, .command, .commandField, .useCase, .job, .enumeration, .enumCase, .service, .profile, .callback]

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) } && name.unicodeScalars.allSatisfy(\.isASCII)
    }

    func occurrence(at position: Position, uri: String, in snapshot: Workspace.Snapshot) -> SymbolOccurrence? {
        let path = Workspace.path(of: uri)
        guard let lines = snapshot.texts[path] else { return nil }
        return snapshot.index.occurrence(at: lines.offset(of: position), in: path)
    }

    func location(of range: SourceRange, in snapshot: Workspace.Snapshot) -> Location? {
        guard let lines = snapshot.texts[range.file] else { return nil }
        return Location(uri: workspace.uri(of: range.file), range: lines.range(of: range))
    }
}
