/// The LSP 3.17 structures the server reads and writes (only the members it uses; unknown members are ignored when
/// decoding). Positions are in UTF-16 code units, the protocol's default encoding.
public struct Position: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: Position, rhs: Position) -> Bool { (lhs.line, lhs.character) < (rhs.line, rhs.character) }
}

public struct Range: Sendable, Hashable, Codable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }
}

public struct Location: Sendable, Hashable, Codable {
    public var uri: String
    public var range: Range
}

public struct TextEdit: Sendable, Hashable, Codable {
    public var range: Range
    public var newText: String
}

public struct TextDocumentIdentifier: Sendable, Hashable, Codable {
    public var uri: String
}

public struct TextDocumentItem: Sendable, Hashable, Codable {
    public var uri: String
    public var languageId: String?
    public var version: Int
    public var text: String
}

public struct VersionedTextDocumentIdentifier: Sendable, Hashable, Codable {
    public var uri: String
    public var version: Int?
}

public struct TextDocumentPositionParams: Sendable, Hashable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
}

public struct DidOpenTextDocumentParams: Sendable, Codable {
    public var textDocument: TextDocumentItem
}

public struct TextDocumentContentChangeEvent: Sendable, Codable {
    /// Absent for a change that replaces the whole document.
    public var range: Range?
    public var text: String
}

public struct DidChangeTextDocumentParams: Sendable, Codable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [TextDocumentContentChangeEvent]
}

public struct DidCloseTextDocumentParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
}

public struct DidSaveTextDocumentParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var text: String?
}

public struct CancelParams: Sendable, Codable {
    public var id: RequestID
}

public struct MarkupContent: Sendable, Hashable, Codable {
    public var kind = "markdown"
    public var value: String
}

public struct Hover: Sendable, Hashable, Codable {
    public var contents: MarkupContent
    public var range: Range?
}

public struct ReferenceParams: Sendable, Codable {
    public struct Context: Sendable, Codable {
        public var includeDeclaration: Bool
    }

    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var context: Context?
}

public struct RenameParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var newName: String
}

public struct WorkspaceEdit: Sendable, Hashable, Codable {
    public var changes: [String: [TextEdit]]
}

public struct FormattingOptions: Sendable, Codable {
    public var tabSize: Int?
    public var insertSpaces: Bool?
}

public struct DocumentFormattingParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var options: FormattingOptions?
}

public struct DocumentRangeFormattingParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var range: Range
    public var options: FormattingOptions?
}

public struct DocumentSymbolParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
}

public struct DocumentSymbol: Sendable, Hashable, Codable {
    public var name: String
    public var detail: String?
    /// LSP's SymbolKind numbers.
    public var kind: Int
    public var range: Range
    public var selectionRange: Range
    public var children: [DocumentSymbol]?
}

public struct FoldingRange: Sendable, Hashable, Codable {
    public var startLine: Int
    public var endLine: Int
    public var kind: String?
}

public struct CompletionItem: Sendable, Hashable, Codable {
    public var label: String
    /// LSP's CompletionItemKind numbers.
    public var kind: Int?
    public var detail: String?
    public var documentation: MarkupContent?
    public var insertText: String?
    /// 2: a snippet (`$1` placeholders).
    public var insertTextFormat: Int?
    public var sortText: String?
}

public struct CompletionList: Sendable, Hashable, Codable {
    public var isIncomplete: Bool
    public var items: [CompletionItem]
}

public struct DiagnosticRelatedInformation: Sendable, Hashable, Codable {
    public var location: Location
    public var message: String
}

public struct LSPDiagnostic: Sendable, Hashable, Codable {
    public struct CodeDescription: Sendable, Hashable, Codable {
        public var href: String
    }

    public var range: Range
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var code: String
    public var codeDescription: CodeDescription?
    public var source = "loomgen"
    public var message: String
    public var relatedInformation: [DiagnosticRelatedInformation]?
}

public struct PublishDiagnosticsParams: Sendable, Hashable, Codable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [LSPDiagnostic]
}

public struct CodeActionParams: Sendable, Codable {
    public struct Context: Sendable, Codable {
        public var diagnostics: [LSPDiagnostic]
    }

    public var textDocument: TextDocumentIdentifier
    public var range: Range
    public var context: Context
}

public struct Command: Sendable, Hashable, Codable {
    public var title: String
    public var command: String
    public var arguments: [JSONValue]?
}

public struct CodeAction: Sendable, Hashable, Codable {
    public var title: String
    public var kind: String
    public var diagnostics: [LSPDiagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit?
    public var command: Command?
}

public struct ExecuteCommandParams: Sendable, Codable {
    public var command: String
    public var arguments: [JSONValue]?
}

public struct PrepareRenameResult: Sendable, Hashable, Codable {
    public var range: Range
    public var placeholder: String
}
