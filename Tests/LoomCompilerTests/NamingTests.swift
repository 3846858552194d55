import Testing
import TestSupport
@testable import LoomCompiler

@Suite("Naming")
struct NamingTests {
    /// The ASCII fast path of `snakeCase` spells every name as the rule on `Character`s does.
    @Test func snakeCaseOnBytesMatchesTheRuleOnCharacters() {
        var generator = SeededGenerator(seed: 0x5A4E)
        let alphabet = Array("aAbBzZ09_xXyY")
        for _ in 0..<20_000 {
            let name = String((0..<generator.int(1...12)).map { _ in generator.pick(alphabet) })
            #expect(Naming.snakeCase(name) == Naming.snakeCaseOfCharacters(name), "\(name)")
        }
        #expect(Naming.snakeCase("userID") == "user_id")
        #expect(Naming.snakeCase("HTTPServer2Go") == "http_server2_go")
        #expect(Naming.snakeCase("Über") == "über")
    }
}

/// `IdentifierLengths` builds a table's snapshot only when its derived names may be too long; the bound must never
/// miss one that is.
@Suite("Identifier length bound")
struct IdentifierLengthBoundTests {
    @Test func noDerivedNameLongerThanTheLimitEscapesTheBound() throws {
        var generator = SeededGenerator(seed: 0x1D_37)
        func name(_ length: Int) -> String { "a" + String((1..<length).map { _ in generator.pick(Array("abcdefghij")) }) }
        var checked = 0
        for _ in 0..<400 {
            let columns = (0..<generator.int(1...4)).map { _ in name(generator.int(1...30)) }
            var source = "model M table \"\(name(generator.int(1...35)))\" {\n  id Int @id\n"
            for column in Set(columns) {
                let attribute = generator.pick(["", "@unique", "@index", "@minLength(1)", "@pattern(email)"])
                source += "  \(column) String(20) \(attribute)\n"
            }
            let unique = Array(Set(columns))
            if unique.count >= 2 { source += "  @@unique([\(unique[0]), \(unique[1])])\n" }
            source += "}\n"
            // Analysed, not compiled: a name too long is an error (L037), and the schema is wanted anyway.
            let result = Frontend.analyze(name: "bound", files: [SourceFile(path: "b.loom", text: source)])
            guard result.diagnostics.allSatisfy({ $0.code == .identifierTooLong }) else { continue }
            let schema = result.schema
            let snapshot = SchemaSnapshot(schema)
            for (model, table) in zip(schema.models, snapshot.tables) {
                let derived = table.uniques.map(\.name) + table.indexes.map(\.name) + table.checks.map(\.name)
                if derived.contains(where: { $0.utf8.count > IdentifierLengths.maximumBytes }) {
                    #expect(IdentifierLengths.mayDeriveALongName(model), "\(source)")
                    #expect(result.diagnostics.contains { $0.message.hasPrefix("constraint name") })
                    checked += 1
                }
            }
        }
        #expect(checked > 20)  // the generator does make long names
    }
}

@Suite("Endpoint shape")
struct EndpointShapeTests {
    /// The shape on bytes is the path with each `{…}` segment blanked, as splitting on `/` gives it.
    @Test func theShapeBlanksEveryParameterSegment() {
        var generator = SeededGenerator(seed: 0x5AFE)
        let pieces = ["users", "{userId}", "{}", "a{b}", "", "x", "{id}suffix", "é"]
        for _ in 0..<5_000 {
            let path = "/" + (0..<generator.int(0...5)).map { _ in generator.pick(pieces) }.joined(separator: "/")
            let expected = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
            let endpoint = Endpoint(
                operationID: "x", method: .get, path: path, pathParameters: [], listQuery: nil, requestBody: nil, status: 200,
                responseBody: .none, errors: [], handler: .useCase("X"), resource: "X", profile: nil, tags: [], summary: nil,
                description: nil, range: SourceRange(file: "f", start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0)))
            #expect(endpoint.shape == expected, "\(path)")
        }
    }
}
