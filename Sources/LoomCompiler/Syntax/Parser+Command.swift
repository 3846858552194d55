extension Parser {
    /// `command Name { field* }`, the current token being `command`. Fields parse exactly as a model's do.
    mutating func parseCommand() -> CommandDeclaration? {
        let keyword = advance()
        guard current.kind == .identifier else {
            expected("a command name after 'command'")
            skipToNextDeclaration()
            return nil
        }
        let name = consumeIdentifier()
        var fields: [FieldDeclaration] = []
        parseBody(of: "command '\(name.name)'", openingExpected: "'{' after command name") { parser in
            if parser.current.kind == .identifier {
                fields.append(parser.parseField())
            } else {
                parser.error(
                    .unknownMember, "unexpected \(parser.current.quoted) in command '\(name.name)'; expected a field"
                )
                parser.skipToNextMember()
            }
        }
        return CommandDeclaration(doc: keyword.leadingDoc, name: name, fields: fields, range: range(from: keyword.range.start))
    }
}
