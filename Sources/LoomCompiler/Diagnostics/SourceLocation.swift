/// A `.loom` source file: its path as given to the compiler and its text.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The last path component, e.g. `users.loom`: what generated headers name.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// A position in a source file. Lines and columns are 1-based; columns count Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int
    /// Offset in UTF-8 bytes from the start of the file.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open range of source text in one file.
public struct SourceRange: Sendable, Hashable, Codable {
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }
}
