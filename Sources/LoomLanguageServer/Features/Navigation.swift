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
        guard let occurrence = occurrence(at: params.position, uri: params.textDocument.uri, in: snapshot),
              let lines = snapshot.texts[occurrence.range.file]
        else { throw ResponseError.requestFailed("nothing to rename here: put the cursor on a declared name") }
        let symbol = snapshot.index.symbols[occurrence.symbol]
        guard Self.renamable.contains(symbol.kind) else {
            throw ResponseError.requestFailed("a \(symbol.kind.spelling) cannot be renamed here")
        }
        return PrepareRenameResult(range: lines.range(of: occurrence.range), placeholder: symbol.name)
    }

    /// Every occurrence of the symbol, its declaration included, in every file of the schema; a relation named by its
    /// foreign key (`orgId`) keeps the suffix. Renaming a field renames its column too (columns are named after
    /// fields); the server says so, as the next `loomgen migrate` then writes a drop and an add.
    func rename(_ params: RenameParams) throws -> WorkspaceEdit {
        let snapshot = snapshot(for: params.textDocument.uri)
        guard let occurrence = occurrence(at: params.position, uri: params.textDocument.uri, in: snapshot) else {
            throw ResponseError.requestFailed("nothing to rename here: put the cursor on a declared name")
        }
        let symbol = snapshot.index.symbols[occurrence.symbol]
        guard Self.renamable.contains(symbol.kind) else {
            throw ResponseError.requestFailed("a \(symbol.kind.spelling) cannot be renamed here")
        }
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
        if symbol.kind == .field {
            notify(
                "Renaming '\(symbol.qualifiedName)' renames its column as well: the next `loomgen migrate` writes it as "
                    + "a drop and an add (flagged destructive). To keep the data, edit that migration into "
                    + "ALTER TABLE … RENAME COLUMN.", type: 2)
        }
        return WorkspaceEdit(changes: changes)
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
