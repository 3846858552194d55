import Foundation
@testable import LoomCompiler
import Testing

/// `DiagnosticCode.title` and `.explanation`, what an editor shows on hovering a diagnostic: every code has both, no two
/// codes share an explanation, and the codes docs/language.md documents are the codes the compiler has.
@Suite("Diagnostic explanations")
struct DiagnosticExplanationTests {
    static let languageDocument = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/language.md")

    /// Every `L` followed by exactly three digits, standing alone (`error[L020]`, `| L020 |`, `(L020)`, `L025/L026`).
    static func codes(in document: String) -> Set<String> {
        let characters = Array(document)
        func isWordCharacter(_ index: Int) -> Bool {
            characters.indices.contains(index) && (characters[index].isLetter || characters[index].isNumber)
        }
        var codes: Set<String> = []
        for index in characters.indices where characters[index] == "L" && !isWordCharacter(index - 1) {
            let digits = characters.dropFirst(index + 1).prefix(3)
            guard digits.count == 3, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), !isWordCharacter(index + 4)
            else { continue }
            codes.insert("L" + String(digits))
        }
        return codes
    }

    @Test func everyCodeHasATitleAndAnExplanation() {
        for code in DiagnosticCode.allCases {
            let title = code.title.trimmingCharacters(in: .whitespacesAndNewlines)
            let explanation = code.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!title.isEmpty, "\(code.rawValue) has no title")
            #expect(!explanation.isEmpty, "\(code.rawValue) has no explanation")
            #expect(!title.hasSuffix("."), "the title of \(code.rawValue) ends with a period: \(title)")
            #expect(title.first?.isUppercase != true, "the title of \(code.rawValue) starts in upper case: \(title)")
        }
    }

    @Test func noTwoCodesShareAnExplanation() {
        let codesByExplanation = Dictionary(grouping: DiagnosticCode.allCases, by: \.explanation)
        for (explanation, codes) in codesByExplanation where codes.count > 1 {
            Issue.record("\(codes.map(\.rawValue).joined(separator: ", ")) share the explanation: \(explanation)")
        }
    }

    @Test func everyCodeTheDocsMentionIsACase() throws {
        let document = try String(contentsOf: Self.languageDocument, encoding: .utf8)
        let mentioned = Self.codes(in: document)
        try #require(!mentioned.isEmpty, "no code found in docs/language.md")
        for code in mentioned.sorted() {
            #expect(DiagnosticCode(rawValue: code) != nil, "docs/language.md mentions \(code), which is no DiagnosticCode")
        }
    }

    /// DiagnosticCode promises that docs/language.md has a wrong and a right example of each code.
    @Test func everyCaseIsInTheDocs() throws {
        let document = try String(contentsOf: Self.languageDocument, encoding: .utf8)
        let mentioned = Self.codes(in: document)
        for code in DiagnosticCode.allCases {
            #expect(mentioned.contains(code.rawValue), "docs/language.md does not document \(code.rawValue)")
        }
    }

    @Test func scansCodesStandingAlone() {
        #expect(Self.codes(in: "error[L020]: x | L001 | (L025/L026) HTML123 L1234 L12") == ["L020", "L001", "L025", "L026"])
    }
}
