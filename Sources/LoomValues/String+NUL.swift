extension String {
    /// Whether the text holds U+0000. No text column stores one (PostgreSQL refuses it; SQLite compares text only up
    /// to it, so it could slip a duplicate past `@unique`), so such text is refused before any SQL.
    public var containsNUL: Bool { utf8.contains(0) }
}
