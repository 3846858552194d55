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
