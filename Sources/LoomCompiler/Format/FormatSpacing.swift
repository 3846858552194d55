/// The spaces between the items of one line. Decided from token texts, not kinds, so that tokens added to the lexer
/// later (`<`, `>`, …) get sensible spacing without a change here; anything unknown is separated by one space.
///
/// Removing a space never changes how the line lexes: every token glued to its neighbour starts or ends with
/// punctuation that no other token can absorb (a number is never glued to a following `.` or `(`).
struct FormatSpacing {
    let items: [FormatItem]
    /// Indices of the `<` and `>` of generic argument lists (`Page<Product>`).
    private var generic: Set<Int> = []

    init(items: [FormatItem]) {
        self.items = items
        generic = Self.genericBrackets(in: items)
    }

    /// Whether one space separates `items[index - 1]` and `items[index]`.
    func spaceBefore(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = items[index - 1], next = items[index]
        if previous.isComment || next.isComment { return true }
        switch next.text {
        case ",", ")", "]", "?", ":": return false
        default: break
        }
        switch previous.text {
        case "(", "[", "@", ".", "!": return false
        default: break
        }
        if generic.contains(index) || (generic.contains(index - 1) && previous.text == "<") { return false }
        if next.text == "(" && previous.isIdentifier { return false }
        if next.text == "." && (previous.isIdentifier || [")", "]", "?"].contains(previous.text) || generic.contains(index - 1)) {
            return false
        }
        if previous.text == "{" && next.text == "}" { return false }
        return true
    }

    /// Whether `items[index]` is the `<` or `>` of a generic argument list.
    func isGenericBracket(_ index: Int) -> Bool { generic.contains(index) }

    /// `items[range]` with canonical spacing (no space before the first).
    func render(_ range: Range<Int>) -> String {
        var text = ""
        for index in range {
            if index > range.lowerBound && spaceBefore(index) { text += " " }
            text += items[index].text
        }
        return text
    }

    /// A `<` right after a name whose matching `>` follows on the same line with only names, numbers, `,` `?` `.`,
    /// brackets and nested generic brackets in between.
    static func genericBrackets(in items: [FormatItem]) -> Set<Int> {
        var result: Set<Int> = []
        var index = 1
        while index < items.count {
            defer { index += 1 }
            guard items[index].isToken, items[index].text == "<", items[index - 1].isIdentifier else { continue }
            var depth = 0
            var candidate: [Int] = []
            scan: for inner in index..<items.count {
                let item = items[inner]
                switch item.kind {
                case .token(.identifier), .token(.integer), .token(.decimal): continue
                case .token: break
                default: break scan
                }
                switch item.text {
                case "<":
                    depth += 1
                    candidate.append(inner)
                case ">":
                    depth -= 1
                    candidate.append(inner)
                    if depth == 0 {
                        result.formUnion(candidate)
                        break scan
                    }
                case ",", "?", ".", "(", ")", "[", "]": continue
                default: break scan
                }
            }
        }
        return result
    }
}
