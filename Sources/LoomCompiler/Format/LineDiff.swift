/// A small, deterministic line diff for `loomgen fmt --check`: a longest common subsequence of lines, printed in the
/// unified style (`--- old`, `+++ new`, `@@ -a,b +c,d @@` hunks with a few lines of context).
public enum LineDiff {
    /// One line; `hasNewline` is false only for a last line without `\n`.
    struct Line: Hashable {
        var text: Substring
        var hasNewline: Bool
    }

    enum Edit: Hashable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// The diff of `old` against `new`, or "" when they are equal.
    public static func unified(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old), b = lines(new)
        let edits = self.edits(a, b)
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(edits, context: context) {
            output += header(edits, hunk)
            for edit in edits[hunk] {
                switch edit {
                case .same(let i, _): output += render(" ", a[i])
                case .delete(let i): output += render("-", a[i])
                case .insert(let j): output += render("+", b[j])
                }
            }
        }
        return output
    }

    static func lines(_ text: String) -> [Line] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(text: $0, hasNewline: true) }
        if result.last?.text.isEmpty == true {
            result.removeLast()  // the text ended with a newline
        } else if !result.isEmpty {
            result[result.count - 1].hasNewline = false
        }
        return result
    }

    private static func render(_ marker: String, _ line: Line) -> String {
        marker + line.text + "\n" + (line.hasNewline ? "" : "\\ No newline at end of file\n")
    }

    /// The edit script: common prefix and suffix first, then an LCS table on what is left (or, when that would be too
    /// big, the whole middle deleted and inserted).
    static func edits(_ a: [Line], _ b: [Line]) -> [Edit] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let aMiddle = prefix..<(a.count - suffix), bMiddle = prefix..<(b.count - suffix)
        var edits = (0..<prefix).map { Edit.same($0, $0) }
        let n = aMiddle.count, m = bMiddle.count
        if n * m > 4_000_000 {
            edits += aMiddle.map(Edit.delete) + bMiddle.map(Edit.insert)
        } else {
            // lengths[i][j]: LCS of a[aMiddle.lowerBound + i...] and b[bMiddle.lowerBound + j...], flattened.
            var lengths = [Int](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i * (m + 1) + j] = a[aMiddle.lowerBound + i] == b[bMiddle.lowerBound + j]
                        ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n && j < m && a[aMiddle.lowerBound + i] == b[bMiddle.lowerBound + j] {
                    edits.append(.same(aMiddle.lowerBound + i, bMiddle.lowerBound + j))
                    i += 1
                    j += 1
                } else if j < m && (i == n || lengths[i * (m + 1) + j + 1] > lengths[(i + 1) * (m + 1) + j]) {
                    edits.append(.insert(bMiddle.lowerBound + j))
                    j += 1
                } else {
                    // On a tie, delete first: a change prints as `-` lines, then `+` lines.
                    edits.append(.delete(aMiddle.lowerBound + i))
                    i += 1
                }
            }
        }
        edits += (0..<suffix).map { Edit.same(a.count - suffix + $0, b.count - suffix + $0) }
        return edits
    }

    /// Ranges of `edits` to print: each change with up to `context` unchanged lines around it, overlapping ranges merged.
    static func hunks(_ edits: [Edit], context: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for (index, edit) in edits.enumerated() {
            if case .same = edit { continue }
            let range = max(0, index - context)..<min(edits.count, index + context + 1)
            if let last = result.last, last.upperBound >= range.lowerBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// `@@ -a,b +c,d @@`; a side with no lines in the hunk is numbered after the line before it, as `diff -u` does.
    private static func header(_ edits: [Edit], _ hunk: Range<Int>) -> String {
        var oldBefore = 0, newBefore = 0
        for edit in edits[..<hunk.lowerBound] {
            switch edit {
            case .same: oldBefore += 1; newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        var oldCount = 0, newCount = 0
        for edit in edits[hunk] {
            switch edit {
            case .same: oldCount += 1; newCount += 1
            case .delete: oldCount += 1
            case .insert: newCount += 1
            }
        }
        let old = "\(oldCount == 0 ? oldBefore : oldBefore + 1),\(oldCount)"
        let new = "\(newCount == 0 ? newBefore : newBefore + 1),\(newCount)"
        return "@@ -\(old) +\(new) @@\n"
    }
}
