import Testing
@testable import LoomCompiler

/// Whatever the input, `Frontend.compile` returns: no trap, no hang, no stack overflow. Every run also checks that
/// diagnostics point inside the file and that a schema comes back exactly when there is no error.
@Suite struct FrontendRobustnessTests {
    /// SplitMix64: a fixed seed gives the same mutations on every machine and every run.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let interesting: [Character] = Array("{}()[],?@:=->.\"\\/*\n\t azAZ_09-é\u{0}\u{1B}!<>&|")

    private func mutate(_ text: [Character], using generator: inout SeededGenerator) -> String {
        var text = text
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:  // delete a few characters
                let count = Int.random(in: 1...8, using: &generator)
                text.removeSubrange(position..<Swift.min(text.count, position + count))
            case 1:  // insert a character that means something to the lexer
                text.insert(Self.interesting.randomElement(using: &generator) ?? "{", at: position)
            case 2:  // duplicate a slice
                let end = Swift.min(text.count, position + Int.random(in: 1...40, using: &generator))
                text.insert(contentsOf: text[position..<end], at: position)
            case 3:  // truncate
                text.removeSubrange(position...)
            case 4:  // random bytes, decoded leniently
                let bytes = (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                text.insert(contentsOf: String(decoding: bytes, as: UTF8.self), at: position)
            default:  // swap two characters
                let other = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &generator)
                if !text.isEmpty { text.swapAt(position, other) }
            }
        }
        return String(text)
    }

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
        var generator = SeededGenerator(state: 0x10_0D)
        let original = Array(exampleStoreSchema)
        for _ in 0..<3_000 {
            checkInvariants(mutate(original, using: &generator))
        }
    }

    /// The access language: the principal, and rules with every kind of operand, through relations both ways.
    @Test func randomMutationsOfRules() {
        var generator = SeededGenerator(state: 0xACCE55)
        let original = Array(AccessLanguageTests.helpdesk)
        for _ in 0..<2_000 {
            checkInvariants(mutate(original, using: &generator))
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
