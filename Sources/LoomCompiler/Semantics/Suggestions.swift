/// "Did you mean" hints. `Naming.suggestion` allows one edit per three characters, which misses the commonest typo
/// of a short keyword, two swapped letters (`modle`, `nwo`); those are accepted here as well.
enum Suggestions {
    /// `did you mean 'model'?`, or nil when no candidate is close.
    static func didYouMean(_ name: String, among candidates: some Collection<String>, prefix: String = "") -> String? {
        closest(to: name, among: candidates).map { "did you mean '\(prefix)\($0)'?" }
    }

    /// `a, b or c`: how messages list alternatives.
    static func list(_ words: [String], conjunction: String = "or") -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " \(conjunction) " + words[words.count - 1]
    }

    static func closest(to name: String, among candidates: some Collection<String>) -> String? {
        if let suggestion = Naming.suggestion(for: name, among: candidates) { return suggestion }
        return candidates.sorted().first { isAdjacentTransposition(name, $0) }
    }

    /// True when swapping two neighbouring characters of `a` gives `b`.
    private static func isAdjacentTransposition(_ a: String, _ b: String) -> Bool {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard a.count == b.count, a != b else { return false }
        let differences = a.indices.filter { a[$0] != b[$0] }
        guard differences.count == 2, let first = differences.first, differences[1] == first + 1 else { return false }
        return a[first] == b[first + 1] && a[first + 1] == b[first]
    }
}
