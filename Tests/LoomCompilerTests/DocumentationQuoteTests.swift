import Foundation
import Testing

/// A code block under `<!-- quoted: PATH -->` in `docs/` must appear, verbatim, in that file of the repository: the
/// docs quote generated code, and regenerating it cannot leave them describing something else.
@Suite("Docs quote the code")
struct DocumentationQuoteTests {
    static let root = EmitGoldenTests.root

    static func quotes(in document: String) -> [(path: String, block: String)] {
        var quotes: [(String, String)] = []
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("<!-- quoted: "), line.hasSuffix(" -->"), index < lines.count, lines[index].hasPrefix("```") else { continue }
            let path = String(line.dropFirst("<!-- quoted: ".count).dropLast(" -->".count))
            index += 1
            var block: [String] = []
            while index < lines.count, !lines[index].hasPrefix("```") {
                block.append(lines[index])
                index += 1
            }
            quotes.append((path, block.joined(separator: "\n")))
        }
        return quotes
    }

    @Test func usecasesQuoteTheGeneratedStore() throws {
        let document = try String(contentsOf: Self.root.appending(path: "docs/usecases.md"), encoding: .utf8)
        let quotes = Self.quotes(in: document)
        #expect(quotes.count == 3)
        for quote in quotes {
            let source = try String(contentsOf: Self.root.appending(path: quote.path), encoding: .utf8)
            #expect(source.contains(quote.block), "docs/usecases.md quotes \(quote.path) out of date:\n\(quote.block)")
        }
    }
}
