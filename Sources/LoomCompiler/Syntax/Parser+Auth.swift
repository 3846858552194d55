extension Parser {
    /// `auth {` at the start of a declaration. `auth` has no name after it, so it is recognised by its brace.
    var isAtAuthStart: Bool { current.isIdentifier("auth") && peek(1).kind == .leftBrace }

    /// `auth { field* jwt { setting* }? }`, the current token being `auth`. Fields reuse the model's field parser;
    /// the checker decides which types and attributes a principal may have.
    mutating func parseAuth() -> AuthDeclaration {
        let doc = current.leadingDoc
        let keyword = consumeIdentifier()
        var fields: [FieldDeclaration] = []
        var jwtBlocks: [JWTBlockSyntax] = []
        parseBody(of: "auth", openingExpected: "'{' after 'auth'") { parser in
            if parser.current.isIdentifier("jwt") && parser.peek(1).kind == .leftBrace {
                jwtBlocks.append(parser.parseJWTBlock())
            } else if parser.current.kind == .identifier {
                fields.append(parser.parseField())
            } else {
                parser.error(.unknownMember, "unexpected \(parser.current.quoted) in auth; expected a field or jwt { … }")
                parser.skipToNextMember()
            }
        }
        return AuthDeclaration(
            doc: doc, keyword: keyword, fields: fields, jwtBlocks: jwtBlocks, range: range(from: keyword.range.start)
        )
    }

    /// `jwt { (name value)* }`, the current token being `jwt`. Each setting is a name and one value on its line.
    private mutating func parseJWTBlock() -> JWTBlockSyntax {
        let keyword = consumeIdentifier()
        var settings: [JWTSettingSyntax] = []
        parseBody(of: "jwt", openingExpected: "'{' after 'jwt'") { parser in
            guard parser.current.kind == .identifier else {
                parser.error(
                    .unknownMember,
                    "unexpected \(parser.current.quoted) in jwt; expected " + Suggestions.list(Keywords.jwtSettings)
                )
                parser.skipToNextMember()
                return
            }
            let name = parser.consumeIdentifier()
            var value: Literal?
            if !parser.current.isAtStartOfLine && parser.current.kind != .rightBrace {
                value = parser.parseLiteral()
            }
            if value == nil {
                parser.expected("a value after '\(name.name)'", hint: "write \(name.name) \(Self.exampleValue(of: name.name))")
                if !parser.current.isAtStartOfLine && parser.current.kind != .rightBrace && !parser.isAtEnd {
                    parser.skipToNextMember()
                }
            }
            settings.append(JWTSettingSyntax(name: name, value: value, range: parser.range(from: name.range.start)))
        }
        return JWTBlockSyntax(keyword: keyword, settings: settings, range: range(from: keyword.range.start))
    }

    private static func exampleValue(of setting: String) -> String {
        switch setting {
        case "leeway": "30"
        case "audience": "\"my-api\""
        default: "\"my-issuer\""
        }
    }
}
