extension Parser {
    /// `enum Name { case (','? case)* }`, the current token being `enum`. Whitespace is the canonical separator;
    /// commas are accepted too.
    mutating func parseEnum() -> EnumDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("an enum name after 'enum'")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        var cases: [Identifier] = []
        parseBody(of: "enum '\(name.name)'", openingExpected: "'{' after enum name") { parser in
            switch parser.current.kind {
            case .identifier:
                cases.append(parser.consumeIdentifier())
            case .comma:
                parser.advance()
            default:
                parser.error(
                    .unknownMember, "unexpected \(parser.current.quoted) in enum '\(name.name)'; expected a case name"
                )
                parser.skipToNextMember()
            }
        }
        return EnumDeclaration(doc: keyword.leadingDoc, name: name, cases: cases, range: range(from: keyword.range.start))
    }
}
