extension Parser {
    /// Parses `{ member* }`, calling `parseMember` at each member (it must consume at least one token).
    ///
    /// A missing `{` is reported; if a `{` follows later on the same line the body starts there, otherwise the body
    /// is taken to start on the next line. A missing `}` is reported where the next declaration (or the end of the
    /// file) begins, so the following declarations still parse.
    mutating func parseBody(of owner: String, openingExpected: String, parseMember: (inout Parser) -> Void) {
        var hasOpeningBrace = true
        if current.kind == .leftBrace {
            advance()
        } else {
            expected(openingExpected)
            while !isAtEnd && current.kind != .leftBrace && !current.isAtStartOfLine { advance() }
            if current.kind == .leftBrace { advance() } else { hasOpeningBrace = false }
        }
        while true {
            if current.kind == .rightBrace {
                advance()
                return
            }
            if isAtEnd || isAtDeclarationStart {
                if hasOpeningBrace { expected("'}' at the end of \(owner)") }
                return
            }
            let start = position
            parseMember(&self)
            if position == start { advance() }
        }
    }
}
