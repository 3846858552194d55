/// The schema fuzzer's edits: a few random deletions, insertions of characters that mean something to the lexer,
/// duplicated slices, truncations, random bytes and swaps. The compiler's robustness tests and the language server's
/// `didChange` fuzz use the same edits.
public enum SchemaMutator {
    public static let interesting: [Character] = Array("{}()[],?@:=->.\"\\/*\n\t azAZ_09-é\u{0}\u{1B}!<>&|")

    public static func mutate(_ text: [Character], using generator: inout SeededGenerator) -> String {
        var text = text
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:  // delete a few characters
                let count = Int.random(in: 1...8, using: &generator)
                text.removeSubrange(position..<Swift.min(text.count, position + count))
            case 1:  // insert a character that means something to the lexer
                text.insert(interesting.randomElement(using: &generator) ?? "{", at: position)
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
}
