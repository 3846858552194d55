import Testing
@testable import LoomCompiler

@Suite struct LexerTests {
    private func lex(_ text: String) -> Lexer.Output {
        Lexer.tokenize(SourceFile(path: "t.loom", text: text))
    }

    private func kinds(_ text: String) -> [TokenKind] { lex(text).tokens.map(\.kind) }

    @Test func punctuationAndWords() {
        #expect(kinds("{ } ( ) [ ] , ? @ : = -> .") == [
            .leftBrace, .rightBrace, .leftParen, .rightParen, .leftBracket, .rightBracket, .comma, .question, .at,
            .colon, .equals, .arrow, .dot, .endOfFile,
        ])
        let tokens = lex("model User_2 _x").tokens
        #expect(tokens.map(\.text) == ["model", "User_2", "_x", ""])
        #expect(tokens.dropLast().allSatisfy { $0.kind == .identifier })
    }

    /// The operators of rule conditions; `=` and `->` still lex as before, and a lone `&` or `|` starts no token.
    @Test func conditionOperators() {
        #expect(kinds("== != < <= > >= && || ! = -> a==b") == [
            .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .ampersandAmpersand, .pipePipe, .bang,
            .equals, .arrow, .identifier, .equalEqual, .identifier, .endOfFile,
        ])
        #expect(lex("a & b").diagnostics.map(\.description) == ["t.loom:1:3: error[L001]: unexpected character '&'"])
    }

    @Test func numbers() {
        let tokens = lex("12 -3 4.25 -0.5 1.x").tokens
        #expect(tokens.map(\.kind) == [.integer, .integer, .decimal, .decimal, .integer, .dot, .identifier, .endOfFile])
        #expect(tokens.map(\.text).prefix(4) == ["12", "-3", "4.25", "-0.5"])
    }

    @Test func numberGluedToAName() {
        let output = lex("String(12abc)")
        #expect(output.tokens.map(\.kind) == [.identifier, .leftParen, .integer, .rightParen, .endOfFile])
        #expect(output.diagnostics.map(\.description) == ["t.loom:1:8: error[L004]: invalid number '12abc'\nt.loom:1:8: note: put a space between the number and the name"])
    }

    /// Right after `ttl` a number and its letters are one duration, whatever the unit (the checker judges it);
    /// anywhere else letters glued to a number are still an error.
    @Test func aDurationOnlyAfterTTL() {
        let tokens = lex("cache ttl 60s\nttl 1d\nttl 60\nx 60s").tokens
        #expect(tokens.map(\.kind) == [
            .identifier, .identifier, .duration, .identifier, .duration, .identifier, .integer, .identifier, .integer,
            .endOfFile,
        ])
        #expect(tokens.map(\.text).dropLast() == ["cache", "ttl", "60s", "ttl", "1d", "ttl", "60", "x", "60"])
        #expect(lex("cache ttl 60s\nx 60s").diagnostics.map(\.description) == [
            "t.loom:2:3: error[L004]: invalid number '60s'\nt.loom:2:3: note: put a space between the number and the name",
        ])
    }

    @Test func positionsAreOneBasedAndCountCharacters() {
        // `naïve` lexes as `na`, an unexpected `ï`, then `ve`: names are ASCII.
        let tokens = lex("model User {\n  naïve Int\n}").tokens
        #expect(tokens.map(\.text) == ["model", "User", "{", "na", "ve", "Int", "}", ""])
        #expect(tokens.map { [$0.range.start.line, $0.range.start.column] } == [
            [1, 1], [1, 7], [1, 12], [2, 3], [2, 6], [2, 9], [3, 1], [3, 2],
        ])
        let int = tokens[5]
        #expect(int.range.end.column == 12)
        // Offsets are UTF-8 bytes: `ï` takes two.
        #expect(int.range.start.offset == 22)
        #expect(int.range.end.offset == 25)
    }

    @Test func tokensKnowWhetherTheyStartALine() {
        let tokens = lex("a b\n  c /* x */ d\n/* y */ e").tokens
        #expect(tokens.map(\.isAtStartOfLine) == [true, false, true, false, true, false])
    }

    @Test func stringsDecodeEscapes() {
        let token = lex(#""a\"b\\c\nd\te""#).tokens[0]
        #expect(token.kind == .string)
        #expect(token.value == "a\"b\\c\nd\te")
        #expect(token.text == #""a\"b\\c\nd\te""#)
    }

    @Test func invalidEscapeIsReportedAndKept() {
        let output = lex(#""a\qb""#)
        #expect(output.tokens[0].value == "aqb")
        #expect(output.diagnostics.map(\.description) == [
            "t.loom:1:3: error[L001]: invalid escape sequence '\\q' in string\nt.loom:1:3: note: strings support the escapes \\\" \\\\ \\n and \\t"
        ])
    }

    @Test func unterminatedStringIsReportedAtTheOpeningQuote() {
        let output = lex("table \"users\nmodel")
        #expect(output.diagnostics.map(\.description) == [
            "t.loom:1:7: error[L002]: unterminated string\nt.loom:1:7: note: close the string with '\"' on the same line"
        ])
        // Lexing resumes on the next line.
        #expect(output.tokens.map(\.text) == ["table", "\"users", "model", ""])
    }

    @Test func unterminatedBlockComment() {
        let output = lex("model /* never closed\n model")
        #expect(output.diagnostics.map(\.description) == [
            "t.loom:1:7: error[L003]: unterminated block comment\nt.loom:1:7: note: close it with '*/'"
        ])
        #expect(output.tokens.map(\.kind) == [.identifier, .endOfFile])
        #expect(output.comments.map(\.kind) == [.block])
    }

    @Test func commentsAreKeptInASideList() {
        let output = lex("// one\n/* two */ a /// three\n//// four\nb")
        #expect(output.comments.map(\.text) == ["// one", "/* two */", "/// three", "//// four"])
        #expect(output.comments.map(\.kind) == [.line, .block, .doc, .line])
        #expect(output.comments[2].range.start.column == 13)
        #expect(output.tokens.map(\.text) == ["a", "b", ""])
    }

    @Test func docCommentsAttachToTheNextToken() {
        let tokens = lex("/// A store customer.\n///Second\n///   indented\n// plain\nmodel\nx").tokens
        #expect(tokens[0].leadingDoc == ["A store customer.", "Second", "  indented"])
        #expect(tokens[1].leadingDoc.isEmpty)
    }

    @Test func unexpectedCharactersAreReportedOncePerRun() {
        let output = lex("a #$% b ~\u{1B}")
        #expect(output.tokens.map(\.text) == ["a", "b", ""])
        #expect(output.diagnostics.map(\.message) == ["unexpected characters '#$%'", "unexpected characters '~\\u{1B}'"])
        #expect(output.diagnostics.map(\.code) == [.unexpectedCharacter, .unexpectedCharacter])
    }

    @Test func windowsLineEndings() {
        let tokens = lex("a\r\nb // c\r\nd").tokens
        #expect(tokens.map { $0.range.start.line } == [1, 2, 3, 3])
        #expect(lex("// c\r\nd").comments[0].text == "// c")
    }

    @Test func emptyInputHasOnlyEndOfFile() {
        let tokens = lex("").tokens
        #expect(tokens.map(\.kind) == [.endOfFile])
        #expect(tokens[0].range.start == SourceLocation(line: 1, column: 1, offset: 0))
    }
}
