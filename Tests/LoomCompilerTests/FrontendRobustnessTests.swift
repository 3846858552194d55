import Testing
import TestSupport
@testable import LoomCompiler

/// Whatever the input, `Frontend.compile` returns: no trap, no hang, no stack overflow. Every run also checks that
/// diagnostics point inside the file and that a schema comes back exactly when there is no error.
@Suite struct FrontendRobustnessTests {
    private func checkInvariants(_ text: String) {
        let result = compileSchema(text)
        #expect((result.schema == nil) == result.diagnostics.hasErrors)
        let lineCount = text.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        for diagnostic in result.diagnostics {
            let start = diagnostic.range.start
            #expect(start.line >= 1 && start.line <= lineCount && start.column >= 1)
            #expect(start.offset >= 0 && start.offset <= text.utf8.count)
            #expect(diagnostic.range.end.offset >= start.offset)
        }
    }

    @Test func randomMutationsOfAValidSchema() {
        var generator = SeededGenerator(seed: 0x10_0D)
        let original = Array(exampleStoreSchema)
        for _ in 0..<3_000 {
            checkInvariants(SchemaMutator.mutate(original, using: &generator))
        }
    }

    /// The access language: the principal, and rules with every kind of operand, through relations both ways.
    @Test func randomMutationsOfRules() {
        var generator = SeededGenerator(seed: 0xACCE55)
        let original = Array(AccessLanguageTests.helpdesk)
        for _ in 0..<2_000 {
            checkInvariants(SchemaMutator.mutate(original, using: &generator))
        }
    }

    @Test(arguments: [
        String(repeating: "{", count: 5_000),
        String(repeating: "(", count: 5_000),
        String(repeating: "{", count: 5_000) + String(repeating: "}", count: 5_000),
        "model A { id Int @id @default(" + String(repeating: "(", count: 5_000),
        "model A " + String(repeating: "{ (", count: 5_000),
        "resource A at \"/a\" " + String(repeating: "{", count: 5_000),
        String(repeating: "/*", count: 5_000),
        String(repeating: "\"", count: 5_001),
        String(repeating: "model ", count: 5_000),
        String(repeating: "@", count: 5_000),
        // A key whose type is missing (a parse error only) and a relation to it: the foreign key refers to nothing.
        "model User {\n  idnt @id\n}\nmodel Ticket {\n  id Int @id\n  customer User\n}\n",
        "model A {\n  id Int @id\n  allow read when " + String(repeating: "!(", count: 5_000),
        "model A {\n  id Int @id\n  allow read when " + String(repeating: "exists(a where ", count: 5_000),
        "model A {\n  id Int @id\n  allow read when " + String(repeating: "a == 1 && ", count: 5_000) + "true\n}",
    ])
    func deepNestingAndRepetition(_ text: String) {
        checkInvariants(text)
    }

    @Test func deepNestingIsReported() {
        let result = compileSchema("model A { id Int @id " + String(repeating: "{", count: 5_000))
        #expect(result.diagnostics.contains { $0.code == .nestingTooDeep })
    }
}
